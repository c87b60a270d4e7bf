/**
 * PixMob IR codes (spec section 5), from the public reverse engineering of the
 * bands' firmware: a code is 6 or 9 bytes, sent least significant bit first
 * as 38 kHz IR in slots of about 700 us (1 = carrier on, 0 = off).
 *
 *   byte 0   0x80, sent as is (its seven low zeros are not sent)
 *   byte 1   checksum: TABLE[(sum of encoded bytes 2..) >> 2 & 0x3F]
 *   byte 2.. 6-bit command values, each sent as TABLE[value]
 *
 * The table turns every 6-bit value into an 8-bit pattern with short runs, so
 * no run of on or off slots gets long. CrowdCue sends one command, "show a
 * colour" with its fade-in (attack), hold (sustain), fade-out (release) and
 * chance; with release 0 the band keeps the colour as its background.
 */
import type { Rgb } from '../ccb/types';
import { fail, ok, type DecodeResult } from '../result';

/** The 6-bit-to-8-bit code table of the band's firmware. */
export const PIXMOB_TABLE: readonly number[] = [
  0x21, 0x32, 0x54, 0x65, 0xa9, 0x9a, 0x6d, 0x29, 0x56, 0x92, 0xa1, 0xb4, 0xb2, 0x84, 0x66, 0x2a,
  0x4c, 0x6a, 0xa6, 0x95, 0x62, 0x51, 0x42, 0x24, 0x35, 0x46, 0x8a, 0xac, 0x8c, 0x6c, 0x2c, 0x4a,
  0x59, 0x86, 0xa4, 0xa2, 0x91, 0x64, 0x55, 0x44, 0x22, 0x31, 0xb1, 0x52, 0x85, 0x96, 0xa5, 0x69,
  0x5a, 0x2d, 0x4d, 0x89, 0x45, 0x34, 0x61, 0x25, 0x36, 0xad, 0x94, 0xaa, 0x8d, 0x49, 0x99, 0x26,
];
const UNTABLE = new Map(PIXMOB_TABLE.map((v, i) => [v, i]));

export const PIXMOB_MAGIC = 0x80;

/** Attack, sustain and release times a 3-bit field selects, ms. */
export const PIXMOB_TIMES_MS: readonly number[] = [0, 32, 96, 192, 480, 960, 2400, 3840];
/** Chance a 3-bit field selects, percent: the share of bands that act on the code. */
export const PIXMOB_CHANCES_PCT: readonly number[] = [100, 88, 67, 50, 32, 16, 10, 4];

/**
 * "Show a colour" (the 9-byte single-colour command): fade from what the band
 * shows to `rgb` over `attack`, hold for `sustain`, fade out over `release`;
 * release 0 keeps the colour on as the band's background. Field values are the
 * 3-bit keys into PIXMOB_TIMES_MS / PIXMOB_CHANCES_PCT.
 */
export interface PixmobColorCommand {
  kind: 'color';
  /** Each channel a multiple of 4 (the band takes the upper 6 bits). */
  rgb: Rgb;
  attack: number;
  sustain: number;
  release: number;
  chance: number;
  /** 0 = every band; others only bands programmed into that group. */
  group: number;
}

/** The 6-byte short form: the colour briefly, then off (sent by other tools; decoded for completeness). */
export interface PixmobFlashCommand {
  kind: 'flash';
  rgb: Rgb;
}

export type PixmobCommand = PixmobColorCommand | PixmobFlashCommand;

function field(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`PixMob ${name} must be an integer 0..${max}, got ${value}`);
  return value;
}

function channel(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 255 || v % 4 !== 0) {
    throw new RangeError(`PixMob ${name} must be a multiple of 4 in 0..252 (the band keeps 6 bits), got ${v}`);
  }
  return v >> 2;
}

/** The 6-bit command values from byte 2 on. */
function commandValues(cmd: PixmobCommand): number[] {
  const [r, g, b] = cmd.rgb;
  const colour = [channel('green', g), channel('red', r), channel('blue', b)];
  if (cmd.kind === 'flash') return [0, ...colour];
  const attack = field('attack', cmd.attack, 7);
  const chance = field('chance', cmd.chance, 7);
  const sustain = field('sustain', cmd.sustain, 7);
  const release = field('release', cmd.release, 7);
  const group = field('group', cmd.group, 31);
  return [0, ...colour, (attack << 3) | chance, (release << 3) | sustain, group];
}

/** The code's bytes as sent: magic, checksum, encoded command bytes. Throws RangeError for a field the band cannot take. */
export function encodePixmob(cmd: PixmobCommand): Uint8Array {
  const encoded = commandValues(cmd).map((v) => PIXMOB_TABLE[v]);
  const sum = encoded.reduce((a, b) => a + b, 0);
  return Uint8Array.from([PIXMOB_MAGIC, PIXMOB_TABLE[(sum >> 2) & 0x3f], ...encoded]);
}

/** IR slots of a code, first sent first: LSB first per byte, without the leading and trailing zeros. */
export function pixmobBits(bytes: Uint8Array): number[] {
  const bits: number[] = [];
  for (const byte of bytes) for (let i = 0; i < 8; i++) bits.push((byte >> i) & 1);
  const first = bits.indexOf(1);
  const last = bits.lastIndexOf(1);
  return first < 0 ? [] : bits.slice(first, last + 1);
}

/** Slots → run lengths, alternating on, off, on... starting with on. */
export function bitsToRuns(bits: readonly number[]): number[] {
  const runs: number[] = [];
  let prev = -1;
  for (const b of bits) {
    if (b === prev) runs[runs.length - 1]++;
    else runs.push(1);
    prev = b;
  }
  return runs;
}

/** Run lengths (first run = on) → slots. */
export function runsToBits(runs: readonly number[]): number[] {
  const bits: number[] = [];
  runs.forEach((n, i) => {
    for (let k = 0; k < n; k++) bits.push(i % 2 === 0 ? 1 : 0);
  });
  return bits;
}

export type PixmobDecodeError = { code: 'NO_CODE' | 'BAD_LENGTH' | 'BAD_MAGIC' | 'BAD_BYTE' | 'BAD_CHECKSUM'; message: string; offset?: number };

/**
 * Slots (first on-slot first, as received) → the code's bytes, checked:
 * magic, every byte from the table, checksum. The first on-slot is bit 7 of byte 0.
 */
export function pixmobBytesFromBits(bits: readonly number[]): DecodeResult<Uint8Array, PixmobDecodeError> {
  const first = bits.indexOf(1);
  if (first < 0) return fail({ code: 'NO_CODE', message: 'no IR on-slot at all' });
  const last = bits.lastIndexOf(1);
  const n = last - first + 1;
  const length = Math.ceil((7 + n) / 8);
  if (length !== 6 && length !== 9) return fail({ code: 'BAD_LENGTH', message: `a PixMob code is 6 or 9 bytes, these slots make ${length}` });
  const bytes = new Uint8Array(length);
  for (let i = 0; i < n; i++) {
    const pos = 7 + i;
    if (bits[first + i]) bytes[pos >> 3] |= 1 << (pos & 7);
  }
  if (bytes[0] !== PIXMOB_MAGIC) return fail({ code: 'BAD_MAGIC', message: `byte 0 must be 0x80, got 0x${bytes[0].toString(16)}`, offset: 0 });
  let sum = 0;
  for (let i = 2; i < length; i++) {
    if (!UNTABLE.has(bytes[i])) return fail({ code: 'BAD_BYTE', message: `byte ${i} (0x${bytes[i].toString(16)}) is not in the code table`, offset: i });
    sum += bytes[i];
  }
  const want = PIXMOB_TABLE[(sum >> 2) & 0x3f];
  if (bytes[1] !== want) return fail({ code: 'BAD_CHECKSUM', message: `checksum 0x${bytes[1].toString(16)}, expected 0x${want.toString(16)}`, offset: 1 });
  return ok(bytes);
}

/** Checked bytes → the command, when it is one CrowdCue knows (the colour commands). */
export function decodePixmob(bytes: Uint8Array): DecodeResult<PixmobCommand, PixmobDecodeError | { code: 'UNKNOWN_COMMAND'; message: string }> {
  const checked = pixmobBytesFromBits(pixmobBits(bytes));
  if (!checked.ok) return checked;
  const v = [...bytes.slice(2)].map((b) => UNTABLE.get(b) ?? 0);
  if (v[0] !== 0) return fail({ code: 'UNKNOWN_COMMAND', message: `flags 0x${v[0].toString(16)}: not a single-colour command` });
  const rgb: Rgb = [v[2] << 2, v[1] << 2, v[3] << 2];
  if (bytes.length === 6) return ok({ kind: 'flash', rgb });
  return ok({ kind: 'color', rgb, attack: v[4] >> 3, sustain: v[5] & 7, release: v[5] >> 3, chance: v[4] & 7, group: v[6] & 0x1f });
}
