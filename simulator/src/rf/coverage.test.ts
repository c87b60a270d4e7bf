import { describe, expect, it } from 'vitest';
import { Crowd } from '../crowd/crowd';
import { coverage } from './coverage';

const crowd = new Crowd([
  { site: 1, zone: 0, pixel: 0, x: 0, y: 0 },
  { site: 1, zone: 1, pixel: 1, x: 10, y: 0 },
  { site: 1, zone: 2, pixel: 2, x: 22, y: 0 },
  { site: 1, zone: 1, pixel: 3, x: 30, y: 0, present: false },
]);

describe('coverage', () => {
  it('covers every band for ALL and nobody in an empty seat', () => {
    expect([...coverage(crowd, 'ALL')]).toEqual([1, 1, 1, 0]);
  });

  it('covers a zone list, with base probability and loss rate', () => {
    expect([...coverage(crowd, [1, 2])]).toEqual([0, 1, 1, 0]);
    const p = coverage(crowd, { kind: 'zones', zones: [0] }, { probability: 0.9, lossRate: 0.2 });
    expect(p[0]).toBeCloseTo(0.72, 6);
  });

  it('fades out linearly past the radius of a circle', () => {
    const p = coverage(crowd, { kind: 'circle', x: 0, y: 0, radius: 10, edge: 20 });
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(1);
    expect(p[2]).toBeCloseTo(0.4, 6);
    const hard = coverage(crowd, { kind: 'circle', x: 0, y: 0, radius: 10, edge: 0 });
    expect([...hard]).toEqual([1, 1, 0, 0]);
  });

  it('names bad parameters', () => {
    expect(() => coverage(crowd, [64])).toThrow(/zone 64/);
    expect(() => coverage(crowd, 'ALL', { lossRate: 2 })).toThrow(/lossRate/);
  });
});
