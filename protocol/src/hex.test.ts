import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, hexJsonReplacer, parseHex, toHex } from './hex';

describe('hex', () => {
  it('writes lower-case pairs', () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
    expect(toHex(new Uint8Array())).toBe('');
  });

  it('reads either case', () => {
    expect(Array.from(fromHex('00aBfF'))).toEqual([0, 0xab, 0xff]);
  });

  it('names an odd length', () => {
    expect(() => fromHex('abc')).toThrow(/odd number of digits \(3\)/);
    const r = parseHex('abc');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ODD_LENGTH');
  });

  it('names the non-hex character and its position', () => {
    expect(() => fromHex('01zz')).toThrow(/'z' at position 2/);
    expect(() => fromHex('0g')).toThrow(/'g' at position 1/);
    const r = parseHex('01 2');
    expect(!r.ok && r.error).toMatchObject({ code: 'NOT_HEX', offset: 2 });
  });

  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      expect(fromHex(toHex(bytes))).toEqual(bytes);
    }));
  });
});

describe('hexJsonReplacer', () => {
  it('prints byte strings as hex and bigints as decimal', () => {
    const json = JSON.stringify({ rf: Uint8Array.of(1, 255), nested: [{ data: new Uint8Array() }], mask: 2n ** 40n, n: 1 }, hexJsonReplacer);
    expect(JSON.parse(json)).toEqual({ rf: '01ff', nested: [{ data: '' }], mask: '1099511627776', n: 1 });
  });
});
