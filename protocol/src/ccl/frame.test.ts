import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vectors from '../../test-data/vectors.json';
import { fromHex, toHex } from '../hex';
import { decodeFrame, decodeWireFrame, encodeFrameBytes, encodeRawFrame, frameToWire } from './frame';

describe('CCL frame vectors', () => {
  for (const v of vectors.ccl) {
    it(`${v.name}: encodes frame and wire`, () => {
      const raw = { version: 1, type: v.type, seq: v.seq, payload: fromHex(v.payload) };
      expect(toHex(encodeFrameBytes(raw))).toBe(v.frame);
      expect(toHex(encodeRawFrame(raw))).toBe(v.wire);
      expect(toHex(frameToWire(fromHex(v.frame)))).toBe(v.wire);
    });
    it(`${v.name}: decodes frame and wire`, () => {
      const expected = { version: 1, type: v.type, seq: v.seq, payload: fromHex(v.payload) };
      expect(decodeFrame(fromHex(v.frame))).toEqual({ ok: true, value: expected });
      expect(decodeWireFrame(fromHex(v.wire))).toEqual({ ok: true, value: expected });
      expect(decodeWireFrame(fromHex(v.wire).subarray(0, -1))).toEqual({ ok: true, value: expected });
    });
  }
});

describe('decodeFrame', () => {
  it('names a short frame', () => {
    const r = decodeFrame(fromHex('010100'));
    expect(!r.ok && r.error).toMatchObject({ code: 'TOO_SHORT', field: 'frame' });
  });

  it('names a frame longer than 255 bytes', () => {
    const r = decodeFrame(new Uint8Array(256));
    expect(!r.ok && r.error).toMatchObject({ code: 'TOO_LONG', field: 'frame' });
  });

  it('names a bad CRC with both values', () => {
    const r = decodeFrame(fromHex('0101009dc9'));
    expect(!r.ok && r.error).toMatchObject({ code: 'BAD_CRC', field: 'crc', offset: 3 });
    expect(!r.ok && r.error.message).toMatch(/0xc99d.*0xc89d/);
  });

  it('keeps an unknown version for the message layer to judge', () => {
    const bytes = encodeFrameBytes({ version: 2, type: 1, seq: 7, payload: new Uint8Array() });
    expect(decodeFrame(bytes)).toMatchObject({ ok: true, value: { version: 2, seq: 7 } });
  });

  it('does not alias the caller’s buffer', () => {
    const bytes = fromHex('01050400010265b1');
    const r = decodeFrame(bytes);
    bytes[3] = 9;
    expect(r.ok && Array.from(r.value.payload)).toEqual([0, 1, 2]);
  });

  it('passes any single-bit corruption to the CRC check, never a wrong frame', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 250 }), fc.nat(), (payload, bit) => {
      const bytes = encodeFrameBytes({ version: 1, type: 2, seq: 3, payload });
      const flipped = bytes.slice();
      const at = bit % (bytes.length * 8);
      flipped[at >> 3] ^= 1 << (at & 7);
      expect(decodeFrame(flipped).ok).toBe(false);
    }));
  });
});

describe('encodeFrameBytes', () => {
  it('refuses out-of-range fields, naming them', () => {
    const payload = new Uint8Array();
    expect(() => encodeFrameBytes({ version: 1, type: 1, seq: 256, payload })).toThrow(RangeError);
    expect(() => encodeFrameBytes({ version: 1, type: 1, seq: 256, payload })).toThrow(/seq/);
    expect(() => encodeFrameBytes({ version: 1, type: -1, seq: 0, payload })).toThrow(/type/);
    expect(() => encodeFrameBytes({ version: 1.5, type: 1, seq: 0, payload })).toThrow(/version/);
    expect(() => encodeFrameBytes({ version: 1, type: 1, seq: 0, payload: new Uint8Array(251) })).toThrow(/payload.*250/);
  });

  it('round-trips every valid frame through the wire', () => {
    fc.assert(fc.property(
      fc.record({ version: fc.nat(255), type: fc.nat(255), seq: fc.nat(255), payload: fc.uint8Array({ maxLength: 250 }) }),
      (raw) => {
        const wire = encodeRawFrame(raw);
        expect(wire.indexOf(0)).toBe(wire.length - 1);
        expect(decodeWireFrame(wire)).toEqual({ ok: true, value: raw });
      },
    ));
  });
});
