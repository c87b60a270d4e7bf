/**
 * The two quantities a flash is measured in, after the broadcast / WCAG 2.2
 * definitions: relative luminance (a "general flash" is a pair of opposing
 * changes of at least 10 % of the maximum) and the red-flash level (a pair of
 * opposing changes involving a saturated red). A wristband in a dark arena
 * fills the wearer's view, so no area exemption applies and the WCAG
 * "darker state below 0.80" condition is dropped: every swing counts.
 */
import type { Rgb } from '../ccb/types';

/** Smallest relative-luminance swing that counts as a change (0..1 scale). */
export const LUMINANCE_STEP = 0.1;
/** Smallest red-level swing that counts as a change (WCAG: (R-G-B) x 320 > 20). */
export const RED_STEP = 20;

export type FlashMetric = 'luminance' | 'red';
export const FLASH_METRICS: readonly FlashMetric[] = ['luminance', 'red'];

const STEP: Record<FlashMetric, number> = { luminance: LUMINANCE_STEP, red: RED_STEP };

export function metricStep(metric: FlashMetric): number {
  return STEP[metric];
}

/** An sRGB channel (0..255) as linear light (0..1). */
export function linear(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance([r, g, b]: Rgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG red level: (R-G-B) x 320 on linear values, only for saturated red (R/(R+G+B) >= 0.8). */
export function redLevel([r, g, b]: Rgb): number {
  const R = linear(r);
  const G = linear(g);
  const B = linear(b);
  const sum = R + G + B;
  if (sum <= 0 || R / sum < 0.8) return 0;
  return Math.max(0, (R - G - B) * 320);
}

export function flashLevel(metric: FlashMetric, rgb: Rgb): number {
  return metric === 'luminance' ? relativeLuminance(rgb) : redLevel(rgb);
}

/** Whether going between the two colours is a change in either metric. */
export function contrasts(a: Rgb, b: Rgb): boolean {
  return FLASH_METRICS.some((m) => Math.abs(flashLevel(m, a) - flashLevel(m, b)) >= STEP[m]);
}

/**
 * Counts opposing changes with hysteresis: a change is registered when the
 * level has moved by at least `step` from the last extreme, in the direction
 * opposite to the previous change (or either direction for the first).
 * Monotone staircases therefore count once, not once per stair.
 */
export class ChangeCounter {
  private dir: -1 | 0 | 1 = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private extreme = 0;

  constructor(private readonly step: number) {}

  /** Feeds one level; returns +1 / -1 when it registers a change, else 0. */
  push(level: number): -1 | 0 | 1 {
    return this.pushRange(level, level);
  }

  /**
   * Feeds a look that may show any level in [lo, hi] (an effect): it counts
   * as a change when any of its levels is a change, and leaves the direction
   * undecided so that the next look is judged against the whole range.
   */
  pushRange(lo: number, hi: number): -1 | 0 | 1 {
    let changed: -1 | 0 | 1 = 0;
    if (this.dir === 0) {
      if (this.lo !== Infinity) {
        if (hi - this.lo >= this.step) changed = 1;
        else if (this.hi - lo >= this.step) changed = -1;
      }
    } else if (this.dir === 1) {
      if (this.extreme - lo >= this.step) changed = -1;
    } else if (this.extreme - hi <= -this.step) changed = 1;

    if (lo !== hi) {
      // A range leaves the direction open: the next look is compared with all of it.
      this.dir = 0;
      this.lo = lo;
      this.hi = hi;
      return changed;
    }
    if (changed !== 0) {
      this.dir = changed;
      this.extreme = lo;
    } else if (this.dir === 0) {
      this.lo = Math.min(this.lo, lo);
      this.hi = Math.max(this.hi, hi);
    } else if (this.dir === 1) {
      this.extreme = Math.max(this.extreme, hi);
    } else {
      this.extreme = Math.min(this.extreme, lo);
    }
    return changed;
  }
}
