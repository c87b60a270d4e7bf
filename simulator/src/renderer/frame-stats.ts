/**
 * Rolling percentiles over the last N samples: frame time and script time
 * shown by the view and read by the benchmark.
 */
import { percentile } from '@crowdcue/protocol';

/** The shared nearest-rank rule, under the name the renderer's API has always used. */
export { percentile as quantile };

export interface Percentiles {
  p50: number;
  p99: number;
  /** Samples in the window. */
  n: number;
}

export class RollingSamples {
  private readonly buf: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(capacity = 600) {
    this.buf = new Float64Array(capacity);
  }

  add(v: number): void {
    this.buf[this.next] = v;
    this.next = (this.next + 1) % this.buf.length;
    if (this.filled < this.buf.length) this.filled++;
  }

  clear(): void {
    this.next = 0;
    this.filled = 0;
  }

  percentiles(): Percentiles {
    if (this.filled === 0) return { p50: 0, p99: 0, n: 0 };
    const sorted = this.buf.slice(0, this.filled).sort();
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), n: this.filled };
  }
}
