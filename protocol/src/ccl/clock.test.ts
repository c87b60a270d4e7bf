import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clockSample, deviceTimeUs, isAtUsAhead, wrapDiffUs, wrapU32 } from './clock';

describe('device clock arithmetic', () => {
  it('compares across the wrap', () => {
    expect(wrapDiffUs(5, 0xfffffff0)).toBe(21);
    expect(wrapDiffUs(0xfffffff0, 5)).toBe(-21);
    expect(isAtUsAhead(100, 100)).toBe(true);
    expect(isAtUsAhead(99, 100)).toBe(false);
    expect(isAtUsAhead(0x7fffffff, 0)).toBe(true);
    expect(isAtUsAhead(0x80000000, 0)).toBe(false);
  });

  it('wraps any integer into u32', () => {
    expect(wrapU32(-1)).toBe(0xffffffff);
    expect(wrapU32(2 ** 32 + 3)).toBe(3);
    fc.assert(fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (v) => {
      const w = wrapU32(v);
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThan(2 ** 32);
      expect(wrapDiffUs(w, v)).toBe(0);
    }));
  });

  it('estimates the offset from the midpoint of a TIME/CLOCK exchange', () => {
    const s = clockSample(1_000_000, 1_004_000, 50_002_000);
    expect(s).toEqual({ offsetUs: 49_000_000, rttUs: 4000 });
    expect(deviceTimeUs(2_000_000, s.offsetUs)).toBe(51_000_000);
    // Device clock already wrapped: the offset is still a u32 and maps correctly.
    const w = clockSample(10_000_000, 10_000_100, 20);
    expect(deviceTimeUs(10_000_050, w.offsetUs)).toBe(20);
    expect(() => clockSample(5, 4, 0)).toThrow(/before its send time/);
  });
});
