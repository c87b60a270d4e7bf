/**
 * CCL messages (spec 1.3 host -> device, 1.4 device -> host): typed payloads
 * over the link-layer frame. Encoding checks every field and throws a RangeError
 * naming it (a programming error on our side); parsing untrusted frames never
 * throws and names the wire field at fault.
 */
import { fail, ok, type DecodeError, type DecodeResult } from '../result';
import { encodeRawFrame } from './frame';
import {
  CCL_MAX_PAYLOAD,
  CCL_VERSION,
  CclType,
  NackReason,
  type CclDeviceMessage,
  type CclFrame,
  type CclHostMessage,
  type CclMessage,
  type CclRawFrame,
  type CclTypeName,
  type NackReasonName,
} from './types';

export const SEND_FLAG_TIMED = 0x01;
export const SEND_FLAG_PRIORITY = 0x02;
/** flags + repeat + gap_ms. */
export const SEND_HEADER_BYTES = 3;
export const PING_MAX_BYTES = 16;
/** HELLO with the fencing extension: controller_id u32, epoch u32. */
export const HELLO_FENCE_BYTES = 8;

const HOST_TYPES: ReadonlySet<CclTypeName> = new Set(['HELLO', 'SEND', 'TIME', 'FLUSH', 'PING']);
const TYPE_NAMES = new Map<number, CclTypeName>(
  (Object.entries(CclType) as [CclTypeName, number][]).map(([name, code]) => [code, name]),
);
const NACK_NAMES = new Map<number, NackReasonName>(
  (Object.entries(NackReason) as [NackReasonName, number][]).map(([name, code]) => [code, name]),
);

export function cclTypeName(type: number): CclTypeName | undefined {
  return TYPE_NAMES.get(type);
}

export function isHostMessage(message: CclMessage): message is CclHostMessage {
  return HOST_TYPES.has(message.type);
}

export function isDeviceMessage(message: CclMessage): message is CclDeviceMessage {
  return !HOST_TYPES.has(message.type);
}

/** NACK reason code to its name; unknown codes stay numbers. */
export function nackReasonFromCode(code: number): NackReasonName | number {
  return NACK_NAMES.get(code) ?? code;
}

/** Largest `rf` a SEND can carry in one frame (before the device's own rf_max). */
export function maxSendRfBytes(timed: boolean): number {
  return CCL_MAX_PAYLOAD - SEND_HEADER_BYTES - (timed ? 4 : 0);
}

// ---------------------------------------------------------------- encoding

function intField(msg: string, field: string, value: unknown, max: number, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${msg} ${field} must be an integer ${min}..${max}, got ${String(value)}`);
  }
  return value;
}

function bytesField(msg: string, field: string, value: unknown, max: number, min = 0): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new RangeError(`${msg} ${field} must be a Uint8Array`);
  if (value.length < min || value.length > max) {
    throw new RangeError(`${msg} ${field} must be ${min}..${max} bytes, got ${value.length}`);
  }
  return value;
}

function writeU16(out: Uint8Array, at: number, v: number): void {
  out[at] = v & 0xff;
  out[at + 1] = (v >>> 8) & 0xff;
}

function writeU32(out: Uint8Array, at: number, v: number): void {
  out[at] = v & 0xff;
  out[at + 1] = (v >>> 8) & 0xff;
  out[at + 2] = (v >>> 16) & 0xff;
  out[at + 3] = (v >>> 24) & 0xff;
}

const U16 = 0xffff;
const U32 = 0xffffffff;

/** Type code and payload bytes of a message. Throws RangeError naming the field at fault. */
export function encodeMessage(message: CclMessage): { type: number; payload: Uint8Array } {
  const name: unknown = (message as { type?: unknown }).type;
  if (typeof name !== 'string' || !Object.hasOwn(CclType, name)) {
    throw new RangeError(`CCL message type must be one of ${Object.keys(CclType).join(', ')}, got ${String(name)}`);
  }
  const type = CclType[message.type];
  switch (message.type) {
    case 'HELLO': {
      if (message.controllerId === undefined && message.epoch === undefined) return { type, payload: new Uint8Array() };
      const payload = new Uint8Array(HELLO_FENCE_BYTES);
      writeU32(payload, 0, intField('HELLO', 'controllerId', message.controllerId, U32));
      writeU32(payload, 4, intField('HELLO', 'epoch', message.epoch, U32));
      return { type, payload };
    }
    case 'TIME':
    case 'FLUSH':
      return { type, payload: new Uint8Array() };
    case 'SEND': {
      if (typeof message.timed !== 'boolean') throw new RangeError('SEND timed must be a boolean');
      if (typeof message.priority !== 'boolean') throw new RangeError('SEND priority must be a boolean');
      const repeat = intField('SEND', 'repeat', message.repeat, 0xff);
      const gapMs = intField('SEND', 'gapMs', message.gapMs, 0xff);
      if (message.timed && message.atUs === undefined) throw new RangeError('SEND atUs is required when timed is true');
      if (!message.timed && message.atUs !== undefined) throw new RangeError('SEND atUs must be absent when timed is false');
      const atUs = message.timed ? intField('SEND', 'atUs', message.atUs, U32) : 0;
      const rf = bytesField('SEND', 'rf', message.rf, maxSendRfBytes(message.timed), 1);
      const head = SEND_HEADER_BYTES + (message.timed ? 4 : 0);
      const payload = new Uint8Array(head + rf.length);
      payload[0] = (message.timed ? SEND_FLAG_TIMED : 0) | (message.priority ? SEND_FLAG_PRIORITY : 0);
      payload[1] = repeat;
      payload[2] = gapMs;
      if (message.timed) writeU32(payload, 3, atUs);
      payload.set(rf, head);
      return { type, payload };
    }
    case 'PING':
    case 'PONG':
      return { type, payload: bytesField(message.type, 'data', message.data, PING_MAX_BYTES).slice() };
    case 'INFO': {
      if (typeof message.name !== 'string') throw new RangeError('INFO name must be a string');
      const nameBytes = new TextEncoder().encode(message.name);
      const maxName = CCL_MAX_PAYLOAD - 8;
      if (nameBytes.length > maxName) {
        throw new RangeError(`INFO name must be at most ${maxName} UTF-8 bytes, got ${nameBytes.length}`);
      }
      const payload = new Uint8Array(8 + nameBytes.length);
      payload[0] = intField('INFO', 'proto', message.proto, 0xff);
      payload[1] = intField('INFO', 'rfMax', message.rfMax, 0xff, 1);
      payload[2] = intField('INFO', 'queueCap', message.queueCap, 0xff);
      writeU32(payload, 3, intField('INFO', 'bitrate', message.bitrate, U32, 1));
      payload[7] = intField('INFO', 'overhead', message.overhead, 0xff);
      payload.set(nameBytes, 8);
      return { type, payload };
    }
    case 'ACK':
      return { type, payload: Uint8Array.of(intField('ACK', 'queued', message.queued, 0xff)) };
    case 'NACK': {
      const reason = message.reason;
      const code = typeof reason === 'string' ? NackReason[reason] : reason;
      if (typeof reason === 'string' && code === undefined) {
        throw new RangeError(`NACK reason must be one of ${Object.keys(NackReason).join(', ')} or a number, got ${reason}`);
      }
      return { type, payload: Uint8Array.of(intField('NACK', 'reason', code, 0xff)) };
    }
    case 'CLOCK': {
      const payload = new Uint8Array(4);
      writeU32(payload, 0, intField('CLOCK', 'nowUs', message.nowUs, U32));
      return { type, payload };
    }
    case 'STATUS': {
      const payload = new Uint8Array(9);
      payload[0] = intField('STATUS', 'queued', message.queued, 0xff);
      writeU32(payload, 1, intField('STATUS', 'sent', message.sent, U32));
      writeU16(payload, 5, intField('STATUS', 'late', message.late, U16));
      writeU16(payload, 7, intField('STATUS', 'dropped', message.dropped, U16));
      return { type, payload };
    }
  }
}

/** Wire bytes (COBS + trailing 0x00) of one message. Throws RangeError naming the field at fault. */
export function encodeCclFrame(seq: number, message: CclMessage): Uint8Array {
  if (!Number.isInteger(seq) || seq < 0 || seq > 0xff) throw new RangeError(`CCL frame seq must be an integer 0..255, got ${seq}`);
  const { type, payload } = encodeMessage(message);
  return encodeRawFrame({ version: CCL_VERSION, type, seq, payload });
}

// ---------------------------------------------------------------- parsing

export interface ParseOptions {
  /**
   * Who sent the frame. A device parses with `from: 'host'` so a device-only
   * type (INFO, ACK...) arriving from the host is UNKNOWN_TYPE, and vice versa.
   */
  from?: 'host' | 'device';
}

function tooShort(msg: string, field: string, have: number, need: number): { ok: false; error: DecodeError } {
  return fail({
    code: 'TOO_SHORT',
    field,
    offset: have,
    message: `${msg} payload is ${have} bytes, too short for ${field} (needs ${need})`,
  });
}

function tooLong(msg: string, field: string, have: number, max: number): { ok: false; error: DecodeError } {
  return fail({ code: 'TOO_LONG', field, offset: max, message: `${msg} ${field} is ${have} bytes, at most ${max} allowed` });
}

/** Checks a fixed layout: the first missing field is TOO_SHORT, bytes beyond it are TOO_LONG. */
function fixedLayout(msg: string, p: Uint8Array, layout: [field: string, width: number][]): DecodeError | null {
  let end = 0;
  for (const [field, width] of layout) {
    end += width;
    if (p.length < end) return tooShort(msg, field, p.length, end).error;
  }
  if (p.length > end) {
    return { code: 'TOO_LONG', field: 'payload', offset: end, message: `${msg} payload is ${p.length} bytes, expected ${end}` };
  }
  return null;
}

const u16 = (p: Uint8Array, at: number): number => p[at] | (p[at + 1] << 8);
const u32 = (p: Uint8Array, at: number): number => (p[at] | (p[at + 1] << 8) | (p[at + 2] << 16) | (p[at + 3] << 24)) >>> 0;

function parseSend(p: Uint8Array): DecodeResult<CclHostMessage> {
  if (p.length < 1) return tooShort('SEND', 'flags', 0, 1);
  if (p.length < 2) return tooShort('SEND', 'repeat', p.length, 2);
  if (p.length < 3) return tooShort('SEND', 'gap_ms', p.length, 3);
  const flags = p[0];
  if (flags & ~(SEND_FLAG_TIMED | SEND_FLAG_PRIORITY)) {
    return fail({
      code: 'BAD_FIELD',
      field: 'flags',
      offset: 0,
      message: `SEND flags 0x${flags.toString(16).padStart(2, '0')} set reserved bits (only TIMED 0x01 and PRIORITY 0x02 are defined)`,
    });
  }
  const timed = (flags & SEND_FLAG_TIMED) !== 0;
  let at = SEND_HEADER_BYTES;
  let atUs: number | undefined;
  if (timed) {
    if (p.length < at + 4) return tooShort('SEND', 'at_us', p.length, at + 4);
    atUs = u32(p, at);
    at += 4;
  }
  if (p.length < at + 1) return tooShort('SEND', 'rf', p.length, at + 1);
  const message: CclHostMessage = {
    type: 'SEND',
    timed,
    priority: (flags & SEND_FLAG_PRIORITY) !== 0,
    repeat: p[1],
    gapMs: p[2],
    ...(timed ? { atUs } : {}),
    rf: p.slice(at),
  };
  return ok(message);
}

function parseInfo(p: Uint8Array): DecodeResult<CclDeviceMessage> {
  const head: [string, number][] = [['proto', 1], ['rf_max', 1], ['queue_cap', 1], ['bitrate', 4], ['overhead', 1]];
  let end = 0;
  for (const [field, width] of head) {
    end += width;
    if (p.length < end) return tooShort('INFO', field, p.length, end);
  }
  const rfMax = p[1];
  if (rfMax === 0) return fail({ code: 'BAD_FIELD', field: 'rf_max', offset: 1, message: 'INFO rf_max is 0; a transmitter must accept at least 1 byte' });
  const bitrate = u32(p, 3);
  if (bitrate === 0) return fail({ code: 'BAD_FIELD', field: 'bitrate', offset: 3, message: 'INFO bitrate is 0 bits/s' });
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(p.subarray(8));
  } catch {
    return fail({ code: 'BAD_FIELD', field: 'name', offset: 8, message: 'INFO name is not valid UTF-8' });
  }
  return ok({ type: 'INFO', proto: p[0], rfMax, queueCap: p[2], bitrate, overhead: p[7], name });
}

function parsePayload(type: CclTypeName, p: Uint8Array): DecodeResult<CclMessage> {
  let err: DecodeError | null;
  switch (type) {
    case 'HELLO':
      if (p.length === 0) return ok({ type });
      err = fixedLayout(type, p, [['controller_id', 4], ['epoch', 4]]);
      return err ? fail(err) : ok({ type, controllerId: u32(p, 0), epoch: u32(p, 4) });
    case 'TIME':
    case 'FLUSH':
      err = fixedLayout(type, p, []);
      return err ? fail(err) : ok({ type });
    case 'SEND':
      return parseSend(p);
    case 'PING':
    case 'PONG':
      if (p.length > PING_MAX_BYTES) return tooLong(type, 'data', p.length, PING_MAX_BYTES);
      return ok({ type, data: p.slice() });
    case 'INFO':
      return parseInfo(p);
    case 'ACK':
      err = fixedLayout('ACK', p, [['queued', 1]]);
      return err ? fail(err) : ok({ type, queued: p[0] });
    case 'NACK':
      err = fixedLayout('NACK', p, [['reason', 1]]);
      return err ? fail(err) : ok({ type, reason: nackReasonFromCode(p[0]) });
    case 'CLOCK':
      err = fixedLayout('CLOCK', p, [['now_us', 4]]);
      return err ? fail(err) : ok({ type, nowUs: u32(p, 0) });
    case 'STATUS':
      err = fixedLayout('STATUS', p, [['queued', 1], ['sent', 4], ['late', 2], ['dropped', 2]]);
      return err ? fail(err) : ok({ type, queued: p[0], sent: u32(p, 1), late: u16(p, 5), dropped: u16(p, 7) });
  }
}

/**
 * Interprets a link-layer frame. Never throws. Codes: BAD_VERSION (field
 * `version`), UNKNOWN_TYPE (`type`), TOO_SHORT / TOO_LONG / BAD_FIELD naming
 * the wire field (spec names: `gap_ms`, `at_us`, `rf`, ...).
 */
export function parseMessage(raw: CclRawFrame, opts: ParseOptions = {}): DecodeResult<CclFrame> {
  if (raw.version !== CCL_VERSION) {
    return fail({
      code: 'BAD_VERSION',
      field: 'version',
      offset: 0,
      message: `CCL frame version is ${raw.version}; this implementation speaks version ${CCL_VERSION}`,
    });
  }
  const name = TYPE_NAMES.get(raw.type);
  const hex = `0x${raw.type.toString(16).padStart(2, '0')}`;
  if (!name) return fail({ code: 'UNKNOWN_TYPE', field: 'type', offset: 1, message: `CCL frame type ${hex} is not defined` });
  if (opts.from && HOST_TYPES.has(name) !== (opts.from === 'host')) {
    const dir = opts.from === 'host' ? 'host -> device' : 'device -> host';
    return fail({ code: 'UNKNOWN_TYPE', field: 'type', offset: 1, message: `CCL frame type ${hex} (${name}) is not a ${dir} message` });
  }
  const parsed = parsePayload(name, raw.payload);
  if (!parsed.ok) {
    // Payload offsets become frame offsets, so they point at the same byte a capture shows.
    const { offset } = parsed.error;
    return fail(offset === undefined ? parsed.error : { ...parsed.error, offset: offset + 3 });
  }
  return ok({ seq: raw.seq, message: parsed.value });
}
