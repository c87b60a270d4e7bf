/**
 * The seats whose state changed since a painter last packed them, and whether
 * the effect table did: what both state painters (the shader's GPU buffers and
 * the colour worker's shared memory) keep so that a packet costs only the
 * range it touched.
 */
import type { BandStateSource } from './band-state-pack';

export class ChangedBands {
  private lo = Infinity;
  private hi = -1;
  private effects = false;
  private unwatch = (): void => {};

  /** Follows `source` from now on; all of its `count` seats and its effects count as changed. */
  follow(source: BandStateSource, count: number): void {
    this.unwatch();
    this.lo = 0;
    this.hi = count - 1;
    this.effects = true;
    this.unwatch = source.watch((lo, hi, effectsChanged) => {
      if (lo < this.lo) this.lo = lo;
      if (hi > this.hi) this.hi = hi;
      if (effectsChanged) this.effects = true;
    });
  }

  /** Whether anything is waiting to be packed. */
  get any(): boolean {
    return this.hi >= this.lo || this.effects;
  }

  /** The changed seat range, first to last, now counted as packed; undefined when none changed. */
  takeSeats(): [number, number] | undefined {
    if (this.hi < this.lo) return undefined;
    const range: [number, number] = [this.lo, this.hi];
    this.lo = Infinity;
    this.hi = -1;
    return range;
  }

  /** Whether the effect table changed, now counted as packed. */
  takeEffects(): boolean {
    const changed = this.effects;
    this.effects = false;
    return changed;
  }

  stop(): void {
    this.unwatch();
    this.unwatch = () => {};
  }
}
