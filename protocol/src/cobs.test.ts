import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vectors from '../test-data/vectors.json';
import { cobsDecode, cobsEncode, cobsMaxEncodedLength } from './cobs';
import { fromHex, toHex } from './hex';

describe('COBS vectors', () => {
  for (const v of vectors.cobs) {
    it(`encodes and decodes ${v.raw.length / 2} bytes`, () => {
      expect(toHex(cobsEncode(fromHex(v.raw)))).toBe(v.encoded);
      const decoded = cobsDecode(fromHex(v.encoded));
      expect(decoded.ok && toHex(decoded.value)).toBe(v.raw);
    });
  }
});

describe('cobsDecode', () => {
  it('accepts a full last block without the trailing 0x01 code', () => {
    const raw = Uint8Array.from({ length: 254 }, (_, i) => i + 1);
    const short = cobsEncode(raw).subarray(0, 255);
    const decoded = cobsDecode(short);
    expect(decoded.ok && decoded.value).toEqual(raw);
  });

  it('names an empty input', () => {
    const r = cobsDecode(new Uint8Array());
    expect(!r.ok && r.error.code).toBe('COBS_EMPTY');
  });

  it('names a zero byte and where it is', () => {
    const r = cobsDecode(fromHex('0311002233'));
    expect(!r.ok && r.error).toMatchObject({ code: 'COBS_ZERO', offset: 2 });
    const asCode = cobsDecode(fromHex('021100'));
    expect(!asCode.ok && asCode.error).toMatchObject({ code: 'COBS_ZERO', offset: 2 });
  });

  it('names a block that runs past the end', () => {
    const r = cobsDecode(fromHex('0511'));
    expect(!r.ok && r.error).toMatchObject({ code: 'COBS_TRUNCATED', offset: 0 });
  });

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      const r = cobsDecode(bytes);
      if (r.ok) expect(r.value.length).toBeLessThan(bytes.length);
    }));
  });
});

describe('cobsEncode', () => {
  it('round-trips and never emits 0x00', () => {
    fc.assert(fc.property(
      fc.oneof(fc.uint8Array({ maxLength: 700 }), fc.uint8Array({ minLength: 240, maxLength: 520, min: 1 })),
      (raw) => {
        const enc = cobsEncode(raw);
        expect(enc.includes(0)).toBe(false);
        expect(enc.length).toBeLessThanOrEqual(cobsMaxEncodedLength(raw.length));
        const dec = cobsDecode(enc);
        expect(dec.ok && dec.value).toEqual(raw);
      },
    ));
  });
});
