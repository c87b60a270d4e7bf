/**
 * The active controller's view of its backup, for the Live page: whether one
 * is following, the last record it acknowledged, how far behind it is (records
 * and ms) and when it was last heard.
 */
import type { StandbyStatus } from '@crowdcue/protocol';

export class BackupTracker {
  private connected = false;
  private lastHeardWall: number | undefined;
  private ackedRev = 0;
  private newestRev = 0;
  /** Wall time each record not yet acknowledged was written. */
  private readonly pending = new Map<number, number>();

  followerConnected(): void {
    this.connected = true;
    this.lastHeardWall = Date.now();
  }

  followerGone(): void {
    this.connected = false;
  }

  written(rev: number, wallMs = Date.now()): void {
    this.newestRev = Math.max(this.newestRev, rev);
    this.pending.set(rev, wallMs);
    // A backup gone for long must not grow this without bound.
    if (this.pending.size > 1000) this.pending.delete(this.pending.keys().next().value as number);
  }

  acked(rev: number, wallMs = Date.now()): void {
    this.lastHeardWall = wallMs;
    this.ackedRev = Math.max(this.ackedRev, rev);
    for (const r of this.pending.keys()) if (r <= this.ackedRev) this.pending.delete(r);
  }

  get newest(): number {
    return this.newestRev;
  }

  status(wallNow = Date.now()): NonNullable<StandbyStatus['backup']> {
    const oldest = Math.min(...this.pending.values());
    return {
      connected: this.connected,
      behindRecords: Math.max(0, this.newestRev - this.ackedRev),
      behindMs: Number.isFinite(oldest) ? Math.max(0, wallNow - oldest) : 0,
      lastHeardMsAgo: this.lastHeardWall === undefined ? null : Math.max(0, wallNow - this.lastHeardWall),
    };
  }
}
