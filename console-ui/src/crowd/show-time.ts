/**
 * Where the show is now, in show ms, from this console's clock. Each `state`
 * says "at server wall time T the show was at P". The message takes a little
 * while to arrive, so (local - server) over-reads the clock gap by the delay;
 * the smallest recent reading is the best estimate. A paused or stopped show
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
    private readonly localWall: () => number = () => performance.timeOrigin + performance.now(),
    private readonly keep = 20,
  ) {}

  /** Takes a state; returns true when show time jumped (backwards, or ahead by more than `jumpMs`), i.e. the crowd should start over. */
  update(s: ShowTimeSample, jumpMs = 2000): boolean {
    const before = this.anchor ? this.now() : null;
    this.gaps.push(this.localWall() - s.serverTime);
    if (this.gaps.length > this.keep) this.gaps.shift();
    this.gap = Math.min(...this.gaps);
    this.anchor = { ...s };
    if (before === null) return false;
    const after = this.now();
    return after < before - 250 || after > before + jumpMs;
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

  /** Forgets the clock gap (another server, or a reconnect). */
  reset(): void {
    this.gaps = [];
    this.anchor = null;
  }
}
