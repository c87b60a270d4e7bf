/**
 * Device clock arithmetic (spec 1.3, 1.5). The device clock is a u32 of
 * microseconds that wraps about every 71.6 minutes, so times are compared by
 * their signed 32-bit difference, never by plain `<`.
 */
const TWO_32 = 2 ** 32;

/** Reduces any integer to the u32 range (wrapping like the device clock). */
export function wrapU32(value: number): number {
  const v = Math.round(value) % TWO_32;
  return v < 0 ? v + TWO_32 : v;
}

/** `a - b` as a signed 32-bit number of microseconds: positive when `a` is later. */
export function wrapDiffUs(a: number, b: number): number {
  return (wrapU32(a) - wrapU32(b)) | 0;
}

/**
 * Whether a timed SEND's `at_us` is still to come (or due now) by the device
 * clock `nowUs`: within 2^31 - 1 us ahead. Exactly 2^31 ahead counts as past.
 */
export function isAtUsAhead(atUs: number, nowUs: number): boolean {
  return wrapDiffUs(atUs, nowUs) >= 0;
}

/** One TIME/CLOCK exchange: host send time t0, host receive time t1 (host us), device time d. */
export interface ClockSample {
  /** Device clock minus host clock, reduced to 0..2^32-1. */
  offsetUs: number;
  /** Round trip t1 - t0; the sample with the smallest one is the most trustworthy. */
  rttUs: number;
}

export function clockSample(t0Us: number, t1Us: number, deviceUs: number): ClockSample {
  if (!(t1Us >= t0Us)) throw new RangeError(`clock sample receive time ${t1Us} is before its send time ${t0Us}`);
  return { offsetUs: wrapU32(deviceUs - (t0Us + t1Us) / 2), rttUs: t1Us - t0Us };
}

/** The device clock reading (u32) at a host time, given an offset from clockSample. */
export function deviceTimeUs(hostUs: number, offsetUs: number): number {
  return wrapU32(hostUs + offsetUs);
}
