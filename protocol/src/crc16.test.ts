import { describe, expect, it } from 'vitest';
import vectors from '../test-data/vectors.json';
import { crc16 } from './crc16';
import { fromHex } from './hex';

describe('crc16 (CCITT-FALSE)', () => {
  it('gives the check value for ASCII 123456789', () => {
    const ascii = new TextEncoder().encode(vectors.crc16_check.ascii);
    expect(crc16(ascii)).toBe(vectors.crc16_check.crc);
    expect(crc16(ascii)).toBe(0x29b1);
  });

  it('is 0xFFFF over nothing and continues across pieces', () => {
    expect(crc16(new Uint8Array())).toBe(0xffff);
    const all = new TextEncoder().encode('123456789');
    expect(crc16(all.subarray(4), crc16(all.subarray(0, 4)))).toBe(0x29b1);
  });

  it('matches the CRC of every CCL vector frame', () => {
    for (const v of vectors.ccl) {
      const frame = fromHex(v.frame);
      const body = frame.subarray(0, frame.length - 2);
      const stored = frame[frame.length - 2] | (frame[frame.length - 1] << 8);
      expect(crc16(body), v.name).toBe(stored);
    }
  });
});
