/**
 * Packets per second per source address, counted before a packet is even
 * decoded. A plain fixed one-second window, checked synchronously for every
 * datagram: under a flood no work (and no promise) may pile up per packet,
 * which is why this is not the async limiter the live commands use.
 */
export class FloodGuard {
  private windowStart = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    readonly packetsPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True when this source may send one more packet now. */
  admit(source: string): boolean {
    const t = this.now();
    if (t - this.windowStart >= 1000) {
      this.windowStart = t;
      this.counts.clear();
    }
    const n = (this.counts.get(source) ?? 0) + 1;
    this.counts.set(source, n);
    return n <= this.packetsPerSecond;
  }
}
