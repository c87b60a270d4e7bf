/**
 * When SYNC and refresh are due: SYNC about once a second, refresh every few
 * seconds, both at once when a transmitter comes back after losing its link
 * (its bands may have missed anything). Times are controller ms.
 */
export class Beacons {
  nextSyncMs = Infinity;
  nextRefreshMs = Infinity;

  constructor(
    private readonly syncIntervalMs: number,
    private readonly refreshIntervalMs: number,
  ) {}

  /** The first SYNC at once, the first refresh one interval on. */
  start(now: number): void {
    this.nextSyncMs = now;
    this.nextRefreshMs = now + this.refreshIntervalMs;
  }

  /** Both as soon as `t`. */
  soon(t: number): void {
    this.nextSyncMs = Math.min(this.nextSyncMs, t);
    this.nextRefreshMs = Math.min(this.nextRefreshMs, t);
  }

  /** Which are due at `now` (each then moves on by whole intervals). */
  due(now: number): { sync: boolean; refresh: boolean } {
    const sync = now >= this.nextSyncMs;
    if (sync) while (this.nextSyncMs <= now) this.nextSyncMs += this.syncIntervalMs;
    const refresh = now >= this.nextRefreshMs;
    if (refresh) while (this.nextRefreshMs <= now) this.nextRefreshMs += this.refreshIntervalMs;
    return { sync, refresh };
  }

  /** The next time either is due. */
  next(): number {
    return Math.min(this.nextSyncMs, this.nextRefreshMs);
  }
}
