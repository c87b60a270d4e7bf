import { describe, expect, it } from 'vitest';
import { mulberry32, subSeed } from './random';

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
  });

  it('gives different sequences for different seeds, all in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(2);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(b()).not.toBe(xs[0]);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('derives distinct sub-seeds per purpose', () => {
    expect(subSeed(7, 'drift')).not.toBe(subSeed(7, 'attendance'));
    expect(subSeed(7, 'drift')).toBe(subSeed(7, 'drift'));
  });
});
