/**
 * COBS (Consistent Overhead Byte Stuffing, Cheshire & Baker 1999): removes every
 * 0x00 from a frame so 0x00 can delimit frames on the CCL byte stream.
 *
 * The encoder follows the paper's reference code exactly: a block that reaches
 * 254 data bytes is closed with code 0xFF and a new block is always opened, so
 * input ending in such a block gets a trailing 0x01 code. The decoder accepts
 * both that form and the shorter form without the trailing 0x01.
 */
import { fail, ok, type DecodeResult } from './result';

/** Largest encoded size for `n` input bytes (one code byte per 254 data bytes, plus one). */
export function cobsMaxEncodedLength(n: number): number {
  return n + Math.floor(n / 254) + 1;
}

export function cobsEncode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(cobsMaxEncodedLength(data.length));
  let codeAt = 0;
  let w = 1;
  let code = 1;
  for (let i = 0; i < data.length; i++) {
    const byte = data[i];
    if (byte === 0) {
      out[codeAt] = code;
      codeAt = w++;
      code = 1;
    } else {
      out[w++] = byte;
      code++;
      if (code === 0xff) {
        out[codeAt] = code;
        codeAt = w++;
        code = 1;
      }
    }
  }
  out[codeAt] = code;
  return out.subarray(0, w);
}

/** Decodes one COBS block sequence (without its 0x00 delimiter). Never throws. */
export function cobsDecode(encoded: Uint8Array): DecodeResult<Uint8Array> {
  if (encoded.length === 0) {
    return fail({ code: 'COBS_EMPTY', message: 'COBS data is empty (a valid encoding has at least one code byte)' });
  }
  const out = new Uint8Array(encoded.length);
  let w = 0;
  let r = 0;
  while (r < encoded.length) {
    const code = encoded[r];
    if (code === 0) {
      return fail({ code: 'COBS_ZERO', message: `COBS data holds a 0x00 at offset ${r}`, offset: r });
    }
    const end = r + code;
    if (end > encoded.length) {
      return fail({
        code: 'COBS_TRUNCATED',
        message: `COBS block at offset ${r} announces ${code - 1} bytes but only ${encoded.length - r - 1} follow`,
        offset: r,
      });
    }
    for (let i = r + 1; i < end; i++) {
      if (encoded[i] === 0) {
        return fail({ code: 'COBS_ZERO', message: `COBS data holds a 0x00 at offset ${i}`, offset: i });
      }
      out[w++] = encoded[i];
    }
    r = end;
    // A block shorter than 254 data bytes stands for "data, then a zero", except at the very end.
    if (code !== 0xff && r < encoded.length) out[w++] = 0;
  }
  return ok(out.subarray(0, w));
}
