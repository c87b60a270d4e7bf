/**
 * Art-Net OpTimeCode (opcode 0x9700): the Art-Net header (id, OpCode,
 * version: ../artnet/artnet-header.ts), two filler bytes (the second a stream
 * id), then frames, seconds, minutes, hours and type (0 film 24, 1 EBU 25,
 * 2 DF 29.97, 3 SMPTE 30). Decoding names what is wrong and never throws.
 */
import type { DecodeResult, FrameRate, Timecode } from '@crowdcue/protocol';
import { OP_TIMECODE, readArtnetHeader, writeArtnetHeader } from '../artnet/artnet-header';

const TYPES: readonly FrameRate[] = [24, 25, 29.97, 30];

export interface ArtTimecode {
  timecode: Timecode;
  rate: FrameRate;
  streamId: number;
}

export function decodeArtTimecode(bytes: Uint8Array): DecodeResult<ArtTimecode> {
  const fail = (code: string, message: string, field?: string) => ({ ok: false as const, error: { code, message, ...(field ? { field } : {}) } });
  const header = readArtnetHeader(bytes);
  if (!header.ok) return fail('NOT_ARTNET', `not an Art-Net packet (${header.detail})`, 'id');
  if (header.opcode !== OP_TIMECODE) return fail('OTHER_OPCODE', `opcode 0x${header.opcode.toString(16)} is not OpTimeCode`, 'opcode');
  if (bytes.length < 19) return fail('TOO_SHORT', `OpTimeCode is 19 bytes, got ${bytes.length}`);
  const [frames, seconds, minutes, hours, type] = bytes.subarray(14, 19);
  if (type > 3) return fail('BAD_FIELD', `type ${type} is not 0..3`, 'type');
  const rate = TYPES[type];
  if (frames >= Math.round(rate)) return fail('BAD_FIELD', `frame ${frames} does not exist at ${rate} fps`, 'frames');
  if (seconds > 59) return fail('BAD_FIELD', `seconds ${seconds} > 59`, 'seconds');
  if (minutes > 59) return fail('BAD_FIELD', `minutes ${minutes} > 59`, 'minutes');
  if (hours > 23) return fail('BAD_FIELD', `hours ${hours} > 23`, 'hours');
  return { ok: true, value: { timecode: { hours, minutes, seconds, frames, dropFrame: type === 2 }, rate, streamId: bytes[13] } };
}

export function encodeArtTimecode(tc: Timecode, rate: FrameRate, streamId = 0): Uint8Array {
  const out = new Uint8Array(19);
  writeArtnetHeader(out, OP_TIMECODE);
  out[13] = streamId;
  out.set([tc.frames, tc.seconds, tc.minutes, tc.hours, TYPES.indexOf(rate)], 14);
  return out;
}
