import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PickGrid } from './pick-grid';

function bruteNearest(x: number[], y: number[], wx: number, wy: number, maxDist: number, accept: (i: number) => boolean): number {
  let best = -1;
  let bestD2 = maxDist * maxDist;
  for (let i = 0; i < x.length; i++) {
    const d2 = (x[i] - wx) ** 2 + (y[i] - wy) ** 2;
    if (d2 <= bestD2 && (best === -1 || d2 < bestD2) && accept(i)) {
      best = i;
      bestD2 = d2;
    }
  }
  return best;
}

describe('PickGrid', () => {
  it('finds the band under the pointer', () => {
    const x = [10, 20, 30];
    const y = [10, 10, 10];
    const g = new PickGrid(x, y, 3);
    expect(g.nearest(19, 11, 3)).toBe(1);
    expect(g.nearest(25, 30, 3)).toBe(-1);
  });

  it('skips bands the caller rejects (empty seats)', () => {
    const g = new PickGrid([10, 11], [10, 10], 2);
    expect(g.nearest(10, 10, 5, (i) => i !== 0)).toBe(1);
  });

  it('agrees with a brute-force search', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 300 }), point, fc.integer({ min: 1, max: 40 }), (pts, [qx, qy], r) => {
        const x = pts.map((p) => p[0]);
        const y = pts.map((p) => p[1]);
        const g = new PickGrid(x, y, pts.length);
        const got = g.nearest(qx, qy, r, (i) => i % 3 !== 1);
        const want = bruteNearest(x, y, qx, qy, r, (i) => i % 3 !== 1);
        if (want === -1) return got === -1;
        const d = (i: number) => (x[i] - qx) ** 2 + (y[i] - qy) ** 2;
        return got !== -1 && d(got) === d(want);
      }),
    );
  });

  it('measures the typical spacing of a seat grid, ignoring shared positions', () => {
    const x: number[] = [];
    const y: number[] = [];
    for (let r = 0; r < 40; r++) {
      for (let s = 0; s < 40; s++) {
        x.push(s * 3, s * 3);
        y.push(r * 3, r * 3);
      }
    }
    expect(new PickGrid(x, y, x.length).typicalSpacing()).toBeCloseTo(3);
  });
});
