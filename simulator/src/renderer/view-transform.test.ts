import { describe, expect, it } from 'vitest';
import { boundsOf, ViewTransform } from './view-transform';

describe('ViewTransform', () => {
  it('fits the bounds in the canvas, centred', () => {
    const v = new ViewTransform();
    v.setSize(800, 400);
    v.fit({ minX: 0, minY: 0, maxX: 200, maxY: 100 }, 0);
    expect(v.scale).toBe(4);
    expect(v.toCanvas(100, 50)).toEqual([400, 200]);
    expect(v.toCanvas(0, 0)).toEqual([0, 0]);
  });

  it('zooms about the pointer: the world point under it stays put', () => {
    const v = new ViewTransform();
    v.setSize(500, 500);
    v.fit({ minX: 0, minY: 0, maxX: 255, maxY: 255 });
    const before = v.toWorld(120, 340);
    v.zoomAt(3, 120, 340);
    const after = v.toWorld(120, 340);
    expect(after[0]).toBeCloseTo(before[0], 9);
    expect(after[1]).toBeCloseTo(before[1], 9);
    expect(v.userMoved).toBe(true);
  });

  it('pans with the drag', () => {
    const v = new ViewTransform();
    v.setSize(256, 256);
    v.fit({ minX: 0, minY: 0, maxX: 256, maxY: 256 }, 0);
    const [x0, y0] = v.toCanvas(10, 10);
    v.panBy(30, -12);
    const [x1, y1] = v.toCanvas(10, 10);
    expect(x1 - x0).toBeCloseTo(30);
    expect(y1 - y0).toBeCloseTo(-12);
  });

  it('clip affine maps the canvas corners to clip space, y up', () => {
    const v = new ViewTransform();
    v.setSize(300, 200);
    v.fit({ minX: 0, minY: 0, maxX: 90, maxY: 60 }, 0);
    const a = v.clipAffine();
    const clip = (wx: number, wy: number) => [wx * a[0] + a[2], wy * a[1] + a[3]];
    expect(clip(0, 0)[0]).toBeCloseTo(-1);
    expect(clip(0, 0)[1]).toBeCloseTo(1);
    expect(clip(90, 60)[0]).toBeCloseTo(1);
    expect(clip(90, 60)[1]).toBeCloseTo(-1);
  });

  it('keeps zoom within limits', () => {
    const v = new ViewTransform();
    v.setSize(100, 100);
    v.fit({ minX: 0, minY: 0, maxX: 100, maxY: 100 }, 0);
    v.zoomAt(1e-9, 50, 50);
    expect(v.scale).toBeCloseTo(0.25);
    v.zoomAt(1e12, 50, 50);
    expect(v.scale).toBeCloseTo(256);
  });
});

describe('boundsOf', () => {
  it('spans the points', () => {
    expect(boundsOf([5, 1, 9], [3, 7, 2], 3)).toEqual({ minX: 1, minY: 2, maxX: 9, maxY: 7 });
  });
});
