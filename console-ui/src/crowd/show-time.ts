/**
 * Where the show is, in show ms, by this console's clock, and the other way
 * round: when (local time) the show is at a given show ms. Each `state` says
 * "at server wall time T the show was at P". The message takes a little while
 * to arrive, so (local - server) over-reads the clock gap by the delay; the
 * smallest recent reading is the best estimate. A paused or stopped show
 * stands still at its position.
 */
export interface ShowTimeSample {
  positionMs: number;
  /** Server wall clock (epoch ms) at positionMs. */
  serverTime: number;
  running: boolean;
  paused: boolean;
}

export class ShowTime {
  private gaps: number[] = [];
  private gap = 0;
  private anchor: ShowTimeSample | null = null;

  /** `localWall` is this console's epoch ms clock (default performance-based, monotonic). */
  constructor(
    readonly localWall: () => number = () => performance.timeOrigin + performance.now(),
    private readonly keep = 20,
  ) {}

  update(s: ShowTimeSample): void {
    this.gaps.push(this.localWall() - s.serverTime);
    if (this.gaps.length > this.keep) this.gaps.shift();
    this.gap = Math.min(...this.gaps);
    this.anchor = { ...s };
  }

  get ready(): boolean {
    return this.anchor !== null;
  }

  /** Show ms now. */
  now(): number {
    const a = this.anchor;
    if (!a) return 0;
    if (!a.running || a.paused) return a.positionMs;
    const serverNow = this.localWall() - this.gap;
    return a.positionMs + Math.max(0, serverNow - a.serverTime);
  }

  /**
   * Local wall time at which the show is (or was) at `showMs`, on the line
   * the last state set: show time and local time advance together.
   */
  wallAt(showMs: number): number {
    const a = this.anchor;
    if (!a) return this.localWall();
    return a.serverTime + this.gap + (showMs - a.positionMs);
  }

  /** The controller is out of reach: the clock stands where it is until the next state. */
  hold(): void {
    const a = this.anchor;
    if (!a || !a.running || a.paused) return;
    this.anchor = { ...a, positionMs: this.now(), running: false };
  }

  /** Forgets the clock gap (another server, or a reconnect). */
  reset(): void {
    this.gaps = [];
    this.anchor = null;
  }
}
