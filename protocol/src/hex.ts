/**
 * Hex strings are how byte strings appear in vectors, logs and the CLI.
 * Output is lower-case; input accepts either case.
 */
import { fail, ok, type DecodeResult } from './result';

const HEX_DIGITS = '0123456789abcdef';

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_DIGITS[bytes[i] >> 4] + HEX_DIGITS[bytes[i] & 0x0f];
  return out;
}

function nibble(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}

/** Parses a hex string without throwing; the error names the offending character. */
export function parseHex(hex: string): DecodeResult<Uint8Array> {
  if (hex.length % 2 !== 0) {
    return fail({ code: 'ODD_LENGTH', message: `hex string has an odd number of digits (${hex.length})`, offset: hex.length });
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < hex.length; i += 2) {
    const hi = nibble(hex.charCodeAt(i));
    const lo = nibble(hex.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) {
      const at = hi < 0 ? i : i + 1;
      return fail({ code: 'NOT_HEX', message: `'${hex[at]}' at position ${at} is not a hex digit`, offset: at });
    }
    out[i / 2] = (hi << 4) | lo;
  }
  return ok(out);
}

/** Parses a hex string; throws a RangeError naming the problem (odd length, non-hex character). */
export function fromHex(hex: string): Uint8Array {
  const parsed = parseHex(hex);
  if (!parsed.ok) throw new RangeError(parsed.error.message);
  return parsed.value;
}

/**
 * JSON.stringify replacer that shows byte strings as hex (and bigints as
 * decimal strings), so decoded frames and packets print readably.
 */
export function hexJsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}
