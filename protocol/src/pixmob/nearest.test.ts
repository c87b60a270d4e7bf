import { describe, expect, it } from 'vitest';
import type { Rgb } from '../ccb/types';
import { deltaE, pixmobChanceKey, pixmobColour, pixmobColourExact, pixmobExactTimeKey, pixmobTimeKey } from './nearest';

describe('nearest PixMob code', () => {
  it('keeps 6-bit levels and rounds the rest to the nearest', () => {
    expect(pixmobColour([252, 128, 4])).toEqual([252, 128, 4]);
    expect(pixmobColourExact([252, 128, 4])).toBe(true);
    expect(pixmobColour([255, 0, 0])).toEqual([252, 0, 0]);
    expect(pixmobColourExact([255, 0, 0])).toBe(false);
  });

  it('takes the neighbour nearest in CIELAB: never worse than rounding each channel, always within delta E 2.1', () => {
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) & 0xff;
    let better = 0;
    for (let i = 0; i < 5000; i++) {
      const c: Rgb = [next(), next(), next()];
      const rounded = c.map((v) => Math.min(252, Math.round(v / 4) * 4)) as unknown as Rgb;
      const nearest = pixmobColour(c);
      expect(pixmobColourExact(nearest)).toBe(true);
      expect(deltaE(c, nearest)).toBeLessThanOrEqual(deltaE(c, rounded) + 1e-9);
      expect(deltaE(c, nearest)).toBeLessThan(2.1);
      if (deltaE(c, nearest) < deltaE(c, rounded) - 1e-9) better++;
    }
    // Rounding alone would be off more often than not on a 6-bit grid.
    expect(better).toBeGreaterThan(1000);
  });

  it('measures CIELAB the standard way (white L 100, black L 0)', () => {
    expect(deltaE([0, 0, 0], [255, 255, 255])).toBeCloseTo(100, 1);
  });

  it('takes durations by ratio', () => {
    expect(pixmobTimeKey(0)).toBe(0);
    expect(pixmobTimeKey(10)).toBe(0);
    expect(pixmobTimeKey(600)).toBe(4); // 600/480 = 1.25 < 960/600 = 1.6
    expect(pixmobTimeKey(700)).toBe(5); // 960/700 = 1.37 < 700/480 = 1.46
    expect(pixmobTimeKey(1000)).toBe(5);
    expect(pixmobTimeKey(60_000)).toBe(7);
    expect(pixmobExactTimeKey(480)).toBe(4);
    expect(pixmobExactTimeKey(500)).toBeUndefined();
  });

  it('takes the nearest chance', () => {
    expect(pixmobChanceKey(12.5)).toBe(6); // 10 %
    expect(pixmobChanceKey(100)).toBe(0);
  });
});
