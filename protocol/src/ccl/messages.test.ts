import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vectors from '../../test-data/vectors.json';
import { fromHex, toHex } from '../hex';
import { arbCclMessage, arbSeq } from './arbitraries.test-util';
import { decodeWireFrame, encodeRawFrame } from './frame';
import {
  encodeCclFrame, encodeMessage, isDeviceMessage, isHostMessage, maxSendRfBytes, nackReasonFromCode, parseMessage,
} from './messages';
import type { CclMessage, CclRawFrame } from './types';

/** The vectors' fields, written out as our typed messages. */
const expected: Record<string, CclMessage> = {
  hello: { type: 'HELLO' },
  'send untimed': { type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf: fromHex('07010100ff00000000') },
  'send timed priority with repeats': {
    type: 'SEND', timed: true, priority: true, repeat: 2, gapMs: 5, atUs: 4294967040,
    rf: fromHex('070202012100000000000080020000ff000000e803014010c0d40100'),
  },
  time: { type: 'TIME' },
  flush: { type: 'FLUSH' },
  ping: { type: 'PING', data: fromHex('000102') },
  info: { type: 'INFO', proto: 1, rfMax: 48, queueCap: 32, bitrate: 38400, overhead: 13, name: 'virtual-tx' },
  ack: { type: 'ACK', queued: 3 },
  'nack too late': { type: 'NACK', reason: 'TOO_LATE' },
  clock: { type: 'CLOCK', nowUs: 123456789 },
  status: { type: 'STATUS', queued: 0, sent: 70000, late: 1, dropped: 0 },
  pong: { type: 'PONG', data: fromHex('000102') },
  'hello fenced': { type: 'HELLO', controllerId: 0x1234abcd, epoch: 3 },
  'nack fenced': { type: 'NACK', reason: 'FENCED' },
};

const raw = (type: number, payloadHex: string, version = 1): CclRawFrame => ({ version, type, seq: 9, payload: fromHex(payloadHex) });
const errorOf = (r: ReturnType<typeof parseMessage>) => (r.ok ? null : r.error);

describe('CCL message vectors', () => {
  it('covers every vector', () => {
    expect(vectors.ccl.map((v) => v.name).sort()).toEqual(Object.keys(expected).sort());
  });
  for (const v of vectors.ccl) {
    it(`${v.name}: encodes to the vector's wire bytes`, () => {
      expect(toHex(encodeCclFrame(v.seq, expected[v.name]))).toBe(v.wire);
      const { type, payload } = encodeMessage(expected[v.name]);
      expect([type, toHex(payload)]).toEqual([v.type, v.payload]);
    });
    it(`${v.name}: parses the vector's frame`, () => {
      const frame = decodeWireFrame(fromHex(v.wire));
      expect(frame.ok).toBe(true);
      if (!frame.ok) return;
      expect(parseMessage(frame.value)).toEqual({ ok: true, value: { seq: v.seq, message: expected[v.name] } });
    });
  }
});

describe('encodeCclFrame refuses bad fields with a RangeError naming them', () => {
  const send = { type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf: Uint8Array.of(1) } as const;
  const cases: [string, number, CclMessage, RegExp][] = [
    ['seq', 256, { type: 'HELLO' }, /seq must be an integer 0\.\.255, got 256/],
    ['negative seq', -1, { type: 'HELLO' }, /seq/],
    ['repeat', 0, { ...send, repeat: 256 }, /SEND repeat/],
    ['gap', 0, { ...send, gapMs: 1.5 }, /SEND gapMs/],
    ['empty rf', 0, { ...send, rf: new Uint8Array() }, /SEND rf must be 1\.\.247 bytes, got 0/],
    ['long rf', 0, { ...send, rf: new Uint8Array(248) }, /SEND rf/],
    ['long timed rf', 0, { ...send, timed: true, atUs: 0, rf: new Uint8Array(244) }, /SEND rf must be 1\.\.243/],
    ['timed without at', 0, { ...send, timed: true }, /atUs is required/],
    ['at without timed', 0, { ...send, atUs: 5 }, /atUs must be absent/],
    ['at range', 0, { ...send, timed: true, atUs: 2 ** 32 }, /SEND atUs/],
    ['ping length', 0, { type: 'PING', data: new Uint8Array(17) }, /PING data must be 0\.\.16 bytes, got 17/],
    ['pong length', 0, { type: 'PONG', data: new Uint8Array(17) }, /PONG data/],
    ['ack', 0, { type: 'ACK', queued: 300 }, /ACK queued/],
    ['nack name', 0, { type: 'NACK', reason: 'NOPE' as 'BUSY' }, /NACK reason must be one of/],
    ['nack number', 0, { type: 'NACK', reason: 999 }, /NACK reason/],
    ['clock', 0, { type: 'CLOCK', nowUs: -1 }, /CLOCK nowUs/],
    ['status late', 0, { type: 'STATUS', queued: 0, sent: 0, late: 65536, dropped: 0 }, /STATUS late/],
    ['info rfMax', 0, { type: 'INFO', proto: 1, rfMax: 0, queueCap: 1, bitrate: 1, overhead: 0, name: '' }, /INFO rfMax/],
    ['info bitrate', 0, { type: 'INFO', proto: 1, rfMax: 1, queueCap: 1, bitrate: 0, overhead: 0, name: '' }, /INFO bitrate/],
    ['info name', 0, { type: 'INFO', proto: 1, rfMax: 1, queueCap: 1, bitrate: 1, overhead: 0, name: 'x'.repeat(243) }, /INFO name must be at most 242/],
    ['type', 0, { type: 'BOGUS' } as unknown as CclMessage, /type must be one of/],
  ];
  for (const [label, seq, message, pattern] of cases) {
    it(label, () => {
      expect(() => encodeCclFrame(seq, message)).toThrow(RangeError);
      expect(() => encodeCclFrame(seq, message)).toThrow(pattern);
    });
  }

  it('accepts the largest SEND that fits a frame', () => {
    expect(maxSendRfBytes(false)).toBe(247);
    const wire = encodeCclFrame(1, { ...send, rf: new Uint8Array(247).fill(0xaa) });
    const frame = decodeWireFrame(wire);
    expect(frame.ok && frame.value.payload.length).toBe(250);
  });
});

describe('parseMessage names what is wrong', () => {
  it('BAD_VERSION', () => {
    expect(errorOf(parseMessage(raw(1, '', 2)))).toMatchObject({ code: 'BAD_VERSION', field: 'version' });
  });
  it('UNKNOWN_TYPE', () => {
    expect(errorOf(parseMessage(raw(0x06, '')))).toMatchObject({ code: 'UNKNOWN_TYPE', field: 'type' });
    expect(errorOf(parseMessage(raw(0x00, '')))?.message).toMatch(/0x00 is not defined/);
  });
  it('a message from the wrong side is UNKNOWN_TYPE when the direction is given', () => {
    expect(parseMessage(raw(0x82, '01')).ok).toBe(true);
    expect(errorOf(parseMessage(raw(0x82, '01'), { from: 'host' }))).toMatchObject({ code: 'UNKNOWN_TYPE', field: 'type' });
    expect(errorOf(parseMessage(raw(0x01, ''), { from: 'device' }))?.message).toMatch(/HELLO.*not a device -> host/);
    expect(parseMessage(raw(0x01, ''), { from: 'host' }).ok).toBe(true);
  });
  it('TOO_SHORT names the first missing field, offset in frame bytes', () => {
    expect(errorOf(parseMessage(raw(2, '')))).toMatchObject({ code: 'TOO_SHORT', field: 'flags' });
    expect(errorOf(parseMessage(raw(2, '00')))).toMatchObject({ code: 'TOO_SHORT', field: 'repeat' });
    expect(errorOf(parseMessage(raw(2, '0000')))).toMatchObject({ code: 'TOO_SHORT', field: 'gap_ms' });
    expect(errorOf(parseMessage(raw(2, '000000')))).toMatchObject({ code: 'TOO_SHORT', field: 'rf', offset: 6 });
    expect(errorOf(parseMessage(raw(2, '010000112233')))).toMatchObject({ code: 'TOO_SHORT', field: 'at_us' });
    expect(errorOf(parseMessage(raw(2, '01000011223344')))).toMatchObject({ code: 'TOO_SHORT', field: 'rf' });
    expect(errorOf(parseMessage(raw(0x82, '')))).toMatchObject({ code: 'TOO_SHORT', field: 'queued' });
    expect(errorOf(parseMessage(raw(0x84, '010203')))).toMatchObject({ code: 'TOO_SHORT', field: 'now_us' });
    expect(errorOf(parseMessage(raw(0x85, '0001000000')))).toMatchObject({ code: 'TOO_SHORT', field: 'late' });
    expect(errorOf(parseMessage(raw(0x85, '00010000000100')))).toMatchObject({ code: 'TOO_SHORT', field: 'dropped' });
    expect(errorOf(parseMessage(raw(0x81, '013020')))).toMatchObject({ code: 'TOO_SHORT', field: 'bitrate' });
    expect(errorOf(parseMessage(raw(0x81, '01302000960000')))).toMatchObject({ code: 'TOO_SHORT', field: 'overhead' });
  });
  it('TOO_LONG for bytes beyond a fixed message', () => {
    // A HELLO is empty, or the fencing extension's 8 bytes.
    expect(errorOf(parseMessage(raw(1, '00'.repeat(9))))).toMatchObject({ code: 'TOO_LONG', field: 'payload' });
    expect(errorOf(parseMessage(raw(1, '00')))).toMatchObject({ code: 'TOO_SHORT', field: 'controller_id' });
    expect(errorOf(parseMessage(raw(1, '0000000001')))).toMatchObject({ code: 'TOO_SHORT', field: 'epoch' });
    expect(errorOf(parseMessage(raw(0x84, '0102030405')))).toMatchObject({ code: 'TOO_LONG', field: 'payload' });
    expect(errorOf(parseMessage(raw(5, '00'.repeat(17))))).toMatchObject({ code: 'TOO_LONG', field: 'data' });
  });
  it('BAD_FIELD for reserved flag bits, zero bitrate or rf_max, bad UTF-8', () => {
    expect(errorOf(parseMessage(raw(2, '04000001')))).toMatchObject({ code: 'BAD_FIELD', field: 'flags', offset: 3 });
    expect(errorOf(parseMessage(raw(0x81, '0130200000000000')))).toMatchObject({ code: 'BAD_FIELD', field: 'bitrate' });
    expect(errorOf(parseMessage(raw(0x81, '0100200096000000')))).toMatchObject({ code: 'BAD_FIELD', field: 'rf_max' });
    expect(errorOf(parseMessage(raw(0x81, '013020009600000dff')))).toMatchObject({ code: 'BAD_FIELD', field: 'name' });
  });
  it('keeps unknown NACK reasons as numbers', () => {
    expect(nackReasonFromCode(4)).toBe('BAD_FRAME');
    expect(parseMessage(raw(0x83, '63'))).toEqual({ ok: true, value: { seq: 9, message: { type: 'NACK', reason: 99 } } });
  });
  it('never throws on random frames', () => {
    fc.assert(fc.property(fc.nat(3), fc.nat(255), fc.uint8Array({ maxLength: 250 }), (version, type, payload) => {
      const r = parseMessage({ version, type, seq: 0, payload });
      if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
    }));
  });
});

describe('CCL messages round-trip', () => {
  it('any valid message survives encode, wire and parse', () => {
    fc.assert(fc.property(arbSeq, arbCclMessage, (seq, message) => {
      const frame = decodeWireFrame(encodeCclFrame(seq, message));
      expect(frame.ok).toBe(true);
      if (!frame.ok) return;
      expect(parseMessage(frame.value, { from: isHostMessage(message) ? 'host' : 'device' })).toEqual({ ok: true, value: { seq, message } });
      expect(isDeviceMessage(message)).toBe(!isHostMessage(message));
    }), { numRuns: 500 });
  });

  it('payloads stay independent of the frame buffer', () => {
    const wire = encodeRawFrame({ version: 1, type: 5, seq: 1, payload: Uint8Array.of(1, 2) });
    const frame = decodeWireFrame(wire);
    if (!frame.ok) throw new Error('frame');
    const parsed = parseMessage(frame.value);
    frame.value.payload[0] = 9;
    expect(parsed.ok && parsed.value.message).toEqual({ type: 'PING', data: Uint8Array.of(1, 2) });
  });
});
