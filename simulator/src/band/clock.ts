/**
 * Band time (spec 2.1): a u32 millisecond clock that wraps, and times compared
 * with wrap-around, `(a - b)` read as a signed 32-bit number. Values may carry a
 * fraction of a millisecond so animation stays smooth between whole ticks.
 */
export const TWO32 = 4294967296;
const TWO31 = 2147483648;

/** A clock reading folded into [0, 2^32). */
export function wrapU32(v: number): number {
  return v >= 0 && v < TWO32 ? v : v - TWO32 * Math.floor(v / TWO32);
}

/** `a - b` for two clock readings in [0, 2^32), as a signed 32-bit difference. */
export function diffS32(a: number, b: number): number {
  const d = a - b;
  return d >= TWO31 ? d - TWO32 : d < -TWO31 ? d + TWO32 : d;
}
