/**
 * Lateness (fire time minus deadline) of the most recent fires, for reports such
 * as `crowdcue play`'s closing lines and the console's jitter figure.
 */
import { percentile } from '@crowdcue/protocol';

/** Kept on the engine's API for callers that already take it from here. */
export { percentile };

export interface LatenessSummary {
  /** Fires recorded since creation (or the last reset). */
  count: number;
  /** Fires that ran before their deadline (should stay 0). */
  early: number;
  /** Over the retained window (the last `window` fires), ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export class LatenessStats {
  private readonly ring: Float64Array;
  private filled = 0;
  private next = 0;
  private count = 0;
  private early = 0;

  constructor(readonly window = 4096) {
    this.ring = new Float64Array(window);
  }

  record(latenessMs: number): void {
    this.count++;
    if (latenessMs < 0) this.early++;
    this.ring[this.next] = latenessMs;
    this.next = (this.next + 1) % this.window;
    if (this.filled < this.window) this.filled++;
  }

  reset(): void {
    this.filled = this.next = this.count = this.early = 0;
  }

  summary(): LatenessSummary {
    const values = Array.from(this.ring.subarray(0, this.filled)).sort((a, b) => a - b);
    return {
      count: this.count,
      early: this.early,
      p50Ms: percentile(values, 0.5),
      p99Ms: percentile(values, 0.99),
      maxMs: values.length > 0 ? values[values.length - 1] : 0,
    };
  }
}
