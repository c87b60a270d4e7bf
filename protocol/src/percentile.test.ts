import { describe, expect, it } from 'vitest';
import { percentile } from './percentile';

describe('percentile', () => {
  it('is 0 for no samples', () => {
    expect(percentile([], 0.5)).toBe(0);
  });

  it('takes the nearest rank', () => {
    const s = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(s, 0.5)).toBe(50);
    expect(percentile(s, 0.99)).toBe(99);
    expect(percentile(s, 1)).toBe(100);
    expect(percentile(s, 0)).toBe(1);
    expect(percentile([3, 9], 0.5)).toBe(3);
    expect(percentile(new Float64Array([1, 2, 4]), 0.99)).toBe(4);
  });
});
