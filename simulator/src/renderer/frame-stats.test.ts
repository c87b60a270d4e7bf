import { describe, expect, it } from 'vitest';
import { quantile, RollingSamples } from './frame-stats';

describe('RollingSamples', () => {
  it('reports nearest-rank p50 and p99 over the window', () => {
    const s = new RollingSamples(100);
    for (let i = 1; i <= 100; i++) s.add(i);
    expect(s.percentiles()).toEqual({ p50: 50, p99: 99, n: 100 });
  });

  it('forgets samples older than its capacity', () => {
    const s = new RollingSamples(4);
    for (const v of [100, 100, 100, 100, 1, 2, 3, 4]) s.add(v);
    expect(s.percentiles().p99).toBe(4);
  });

  it('is empty after clear', () => {
    const s = new RollingSamples(4);
    s.add(3);
    s.clear();
    expect(s.percentiles()).toEqual({ p50: 0, p99: 0, n: 0 });
  });

  it('quantile of one value is that value', () => {
    expect(quantile([7], 0.99)).toBe(7);
  });
});
