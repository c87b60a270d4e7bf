import { describe, expect, it } from 'vitest';
import { coveredBounds, fitScreenMap, logoBox, moveTo, scaleToCorner } from './logo-box';

const seats = { x: [0, 100, 0, 100, 50], y: [0, 0, 40, 40, 20], zone: [0, 1, 0, 1, 2] };
const placement = { asset: 'a', x: 0.5, y: 0.5, scale: 1, rotation: 0, fit: 'fit' as const, background: [0, 0, 0] as [number, number, number] };

describe('the logo box on the seat map', () => {
  it('spans the covered seats at scale 1, centred where x and y say', () => {
    const all = coveredBounds(seats)!;
    expect(logoBox(all, placement)).toEqual({ cx: 50, cy: 20, w: 100, h: 40 });
    expect(coveredBounds(seats, [0])).toEqual({ minX: 0, minY: 0, maxX: 0, maxY: 40 });
    expect(coveredBounds(seats, [7])).toBeNull();
  });

  it('turns a drag into x and y, kept on the covered seats', () => {
    const all = coveredBounds(seats)!;
    expect(moveTo(placement, all, 25, 30)).toMatchObject({ x: 0.25, y: 0.75 });
    expect(moveTo(placement, all, -50, 500)).toMatchObject({ x: 0, y: 1 });
  });

  it('turns a corner drag into a scale, within its limits', () => {
    const all = coveredBounds(seats)!;
    expect(scaleToCorner(placement, all, 75, 25).scale).toBe(0.5);
    expect(scaleToCorner(placement, all, 50, 20).scale).toBe(0.05);
    expect(scaleToCorner(placement, all, 5000, 20).scale).toBe(10);
  });

  it('reads the renderer\'s venue-to-screen map off two seats, flips included', () => {
    const map = fitScreenMap(seats, (i) => [10 + seats.x[i] * 2, 300 - seats.y[i] * 2])!;
    expect(map.x).toEqual({ scale: 2, offset: 10 });
    expect(map.y).toEqual({ scale: -2, offset: 300 });
  });
});
