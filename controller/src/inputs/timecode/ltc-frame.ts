/**
 * One LTC frame as its 80 bits (SMPTE 12M): BCD time fields in bits 0-59
 * (least significant bit first), interleaved with eight 4-bit user-bit groups,
 * the drop-frame and colour-frame flags, and the 16-bit sync word in bits
 * 64-79 that marks where a frame ends and which way the tape runs.
 */
import type { Timecode } from '@crowdcue/protocol';

/** Bits 64..79 in transmission order. */
export const LTC_SYNC_WORD: readonly number[] = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1];
export const LTC_FRAME_BITS = 80;

export interface LtcFields {
  timecode: Timecode;
  colourFrame: boolean;
  /** The eight user-bit groups, group 1 first. */
  userBits: number[];
}

function put(bits: number[], at: number, width: number, value: number): void {
  for (let i = 0; i < width; i++) bits[at + i] = (value >> i) & 1;
}
function get(bits: ArrayLike<number>, at: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v |= (bits[at + i] & 1) << i;
  return v;
}

/** The 80 bits of a frame; `polarityBit` is the bit generators set so every frame holds an even count of zeros. */
export function encodeLtcBits(fields: LtcFields, rate: 24 | 25 | 29.97 | 30): number[] {
  const { timecode: tc } = fields;
  const bits = new Array<number>(LTC_FRAME_BITS).fill(0);
  const ub = fields.userBits;
  put(bits, 0, 4, tc.frames % 10);
  put(bits, 4, 4, ub[0] ?? 0);
  put(bits, 8, 2, Math.floor(tc.frames / 10));
  bits[10] = tc.dropFrame ? 1 : 0;
  bits[11] = fields.colourFrame ? 1 : 0;
  put(bits, 12, 4, ub[1] ?? 0);
  put(bits, 16, 4, tc.seconds % 10);
  put(bits, 20, 4, ub[2] ?? 0);
  put(bits, 24, 3, Math.floor(tc.seconds / 10));
  put(bits, 28, 4, ub[3] ?? 0);
  put(bits, 32, 4, tc.minutes % 10);
  put(bits, 36, 4, ub[4] ?? 0);
  put(bits, 40, 3, Math.floor(tc.minutes / 10));
  put(bits, 44, 4, ub[5] ?? 0);
  put(bits, 48, 4, tc.hours % 10);
  put(bits, 52, 4, ub[6] ?? 0);
  put(bits, 56, 2, Math.floor(tc.hours / 10));
  put(bits, 60, 4, ub[7] ?? 0);
  LTC_SYNC_WORD.forEach((b, i) => (bits[64 + i] = b));
  // Polarity correction: bit 59 at 25 fps, bit 27 otherwise.
  const polarityBit = rate === 25 ? 59 : 27;
  const zeros = bits.filter((b) => b === 0).length;
  if (zeros % 2 === 1) bits[polarityBit] = 1;
  return bits;
}

/** Reads the fields of 64 data bits (bits 0..63); undefined when a BCD digit is out of range. */
export function decodeLtcBits(bits: ArrayLike<number>): LtcFields | undefined {
  const frames = get(bits, 8, 2) * 10 + get(bits, 0, 4);
  const seconds = get(bits, 24, 3) * 10 + get(bits, 16, 4);
  const minutes = get(bits, 40, 3) * 10 + get(bits, 32, 4);
  const hours = get(bits, 56, 2) * 10 + get(bits, 48, 4);
  if (get(bits, 0, 4) > 9 || get(bits, 16, 4) > 9 || get(bits, 32, 4) > 9 || get(bits, 48, 4) > 9) return undefined;
  if (frames > 29 || seconds > 59 || minutes > 59 || hours > 23) return undefined;
  const userBits = [4, 12, 20, 28, 36, 44, 52, 60].map((at) => get(bits, at, 4));
  return { timecode: { hours, minutes, seconds, frames, dropFrame: bits[10] === 1 }, colourFrame: bits[11] === 1, userBits };
}
