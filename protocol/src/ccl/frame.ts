/**
 * CCL framing (spec 1.2): version, type, seq, payload, CRC-16 little-endian,
 * COBS-encoded on the wire and closed by one 0x00.
 */
import { cobsDecode, cobsEncode, cobsMaxEncodedLength } from '../cobs';
import { crc16 } from '../crc16';
import { fail, ok, type DecodeResult } from '../result';
import { CCL_MAX_DECODED, CCL_MAX_PAYLOAD, type CclRawFrame } from './types';

/** version + type + seq + crc: a frame with an empty payload. */
export const CCL_MIN_DECODED = 5;
/** Longest COBS encoding of a valid frame, without its 0x00 delimiter. */
export const CCL_MAX_ENCODED = cobsMaxEncodedLength(CCL_MAX_DECODED);
export const CCL_DELIMITER = 0x00;

function checkU8(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new RangeError(`CCL frame ${name} must be an integer 0..255, got ${value}`);
  }
}

/** The decoded frame bytes, CRC included (what COBS wraps). Throws RangeError naming a bad field. */
export function encodeFrameBytes(raw: CclRawFrame): Uint8Array {
  checkU8('version', raw.version);
  checkU8('type', raw.type);
  checkU8('seq', raw.seq);
  if (!(raw.payload instanceof Uint8Array)) throw new RangeError('CCL frame payload must be a Uint8Array');
  if (raw.payload.length > CCL_MAX_PAYLOAD) {
    throw new RangeError(`CCL frame payload must be at most ${CCL_MAX_PAYLOAD} bytes, got ${raw.payload.length}`);
  }
  const n = raw.payload.length;
  const out = new Uint8Array(3 + n + 2);
  out[0] = raw.version;
  out[1] = raw.type;
  out[2] = raw.seq;
  out.set(raw.payload, 3);
  const crc = crc16(out.subarray(0, 3 + n));
  out[3 + n] = crc & 0xff;
  out[4 + n] = crc >> 8;
  return out;
}

/** COBS-encodes decoded frame bytes and appends the 0x00 delimiter. */
export function frameToWire(frameBytes: Uint8Array): Uint8Array {
  const enc = cobsEncode(frameBytes);
  const out = new Uint8Array(enc.length + 1);
  out.set(enc);
  out[enc.length] = CCL_DELIMITER;
  return out;
}

/** Wire bytes (COBS + trailing 0x00) for a link-layer frame. Throws RangeError naming a bad field. */
export function encodeRawFrame(raw: CclRawFrame): Uint8Array {
  return frameToWire(encodeFrameBytes(raw));
}

/**
 * Checks length and CRC of COBS-decoded frame bytes. The version is not judged
 * here: a device answers a well-formed frame of an unknown version with NACK
 * BAD_FRAME carrying its seq, so it needs the frame (see parseMessage).
 */
export function decodeFrame(decoded: Uint8Array): DecodeResult<CclRawFrame> {
  if (decoded.length < CCL_MIN_DECODED) {
    return fail({
      code: 'TOO_SHORT',
      field: 'frame',
      message: `CCL frame is ${decoded.length} bytes; a frame has at least ${CCL_MIN_DECODED} (version, type, seq, crc)`,
    });
  }
  if (decoded.length > CCL_MAX_DECODED) {
    return fail({
      code: 'TOO_LONG',
      field: 'frame',
      message: `CCL frame is ${decoded.length} bytes; at most ${CCL_MAX_DECODED} are allowed`,
    });
  }
  const end = decoded.length - 2;
  const stored = decoded[end] | (decoded[end + 1] << 8);
  const computed = crc16(decoded.subarray(0, end));
  if (stored !== computed) {
    return fail({
      code: 'BAD_CRC',
      field: 'crc',
      offset: end,
      message: `CCL frame crc is 0x${hex4(stored)} but the bytes give 0x${hex4(computed)}`,
    });
  }
  return ok({ version: decoded[0], type: decoded[1], seq: decoded[2], payload: decoded.slice(3, end) });
}

/**
 * Decodes one frame as it appears on the wire: COBS bytes with or without the
 * closing 0x00. For a stream of several frames use CclStreamDecoder.
 */
export function decodeWireFrame(wire: Uint8Array): DecodeResult<CclRawFrame> {
  const body = wire.length > 0 && wire[wire.length - 1] === CCL_DELIMITER ? wire.subarray(0, wire.length - 1) : wire;
  const decoded = cobsDecode(body);
  if (!decoded.ok) return decoded;
  return decodeFrame(decoded.value);
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
