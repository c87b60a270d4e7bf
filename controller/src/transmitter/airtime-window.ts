/** Share of the last second a channel was busy, from the transmissions we know of. */
export class AirtimeWindow {
  private spans: Array<[startMs: number, endMs: number]> = [];

  constructor(private readonly windowMs = 1000) {}

  add(startMs: number, endMs: number): void {
    this.spans.push([startMs, endMs]);
  }

  /** Busy share 0..100 of (nowMs - window, nowMs]; transmissions still ahead count only up to now. */
  percent(nowMs: number): number {
    const from = nowMs - this.windowMs;
    this.spans = this.spans.filter(([, end]) => end > from);
    let busy = 0;
    for (const [start, end] of this.spans) busy += Math.max(0, Math.min(end, nowMs) - Math.max(start, from));
    return Math.min(100, (busy / this.windowMs) * 100);
  }

  /** Forget transmissions that will not happen after all (FLUSH, lost link). */
  dropAfter(nowMs: number): void {
    this.spans = this.spans.filter(([start]) => start <= nowMs).map(([s, e]) => [s, Math.min(e, Math.max(s, nowMs))]);
  }
}
