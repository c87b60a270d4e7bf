/**
 * Device time. Inside the virtual transmitter, time is an unbounded number of
 * microseconds (a double, exact to 2^53) so that arithmetic never wraps; the
 * wire only ever sees it folded to the u32 that CCL carries.
 */
import { wrapDiffUs } from '@crowdcue/protocol';

export const U32 = 0x1_0000_0000;

/** The u32 a device clock reading shows on the wire (a clock shows whole microseconds elapsed). */
export function wrapUs(us: number): number {
  return ((Math.floor(us) % U32) + U32) % U32;
}

/**
 * Where a wire `at_us` lies relative to the clock (spec 1.3): the signed 32-bit
 * difference. Up to 2^31 - 1 us ahead is the future; anything else is the past.
 */
export function wrapDeltaUs(atUs: number, nowUs: number): number {
  return wrapDiffUs(atUs, wrapUs(nowUs));
}

/** The unbounded device time a wire `at_us` stands for, as seen at `nowUs`. */
export function unwrapAtUs(atUs: number, nowUs: number): number {
  return Math.floor(nowUs) + wrapDeltaUs(atUs, nowUs);
}
