import { describe, expect, it } from 'vitest';
import { discStamp, placeDots, rasterDots as rasterPlaced, type DeviceAffine, type DiscStamp, type RasterTarget } from './raster-dots';
import type { Rgb } from './painter';

/** Places and draws in one go, as the canvas painter does on a fresh view. */
function rasterDots(t: RasterTarget, pos: Float32Array, colors: Uint8Array, count: number, to: DeviceAffine, stamp: DiscStamp, bg: Rgb, unlit: Rgb) {
  const placed = new Int32Array(count);
  placeDots(pos, count, to, stamp.reach, t.width, t.height, placed);
  rasterPlaced(t, placed, pos, colors, count, to, stamp, bg, unlit);
}

function target(w: number, h: number) {
  return { data: new Uint8ClampedArray(w * h * 4), width: w, height: h };
}

const px = (t: ReturnType<typeof target>, x: number, y: number) => Array.from(t.data.slice((y * t.width + x) * 4, (y * t.width + x) * 4 + 4));

describe('rasterDots', () => {
  const identity = { sx: 1, sy: 1, ox: 0, oy: 0 };

  it('clears to the background and paints each band in its colour', () => {
    const t = target(20, 10);
    const pos = new Float32Array([4.5, 4.5, 14.5, 4.5]);
    const colors = new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]);
    rasterDots(t, pos, colors, 2, identity, discStamp(2), [1, 2, 3], [0, 0, 0]);
    expect(px(t, 4, 4)).toEqual([255, 0, 0, 255]);
    expect(px(t, 14, 4)).toEqual([0, 0, 255, 255]);
    expect(px(t, 9, 4)).toEqual([1, 2, 3, 255]);
    expect(px(t, 0, 9)).toEqual([1, 2, 3, 255]);
  });

  it('skips empty seats (alpha 0)', () => {
    const t = target(10, 10);
    rasterDots(t, new Float32Array([5, 5]), new Uint8Array([255, 255, 255, 0]), 1, identity, discStamp(2), [0, 0, 0], [40, 40, 40]);
    expect(px(t, 5, 5)).toEqual([0, 0, 0, 255]);
  });

  it('shows an off band in the unlit shade, a lit one in its own colour', () => {
    const t = target(20, 10);
    const colors = new Uint8Array([0, 0, 0, 255, 0, 255, 0, 255]);
    rasterDots(t, new Float32Array([4, 4, 14, 4]), colors, 2, identity, discStamp(1.5), [0, 0, 0], [30, 30, 30]);
    expect(px(t, 4, 4)).toEqual([30, 30, 30, 255]);
    expect(px(t, 14, 4)).toEqual([0, 255, 0, 255]);
  });

  it('applies the view transform and clips dots at the edges', () => {
    const t = target(8, 8);
    // World (1, 1) lands at device (2, 2) with scale 2; a band at world (-1, 3) is off-canvas left but its disc reaches in.
    rasterDots(t, new Float32Array([1, 1, -0.5, 3]), new Uint8Array([9, 9, 9, 255, 7, 7, 7, 255]), 2, { sx: 2, sy: 2, ox: 0, oy: 0 }, discStamp(1.5), [0, 0, 0], [0, 0, 0]);
    expect(px(t, 2, 2)).toEqual([9, 9, 9, 255]);
    expect(px(t, 0, 6)[0]).toBeGreaterThan(0);
  });

  it('places dots once per view: inside, straddling an edge, or off the buffer', () => {
    const out = new Int32Array(3);
    placeDots(new Float32Array([5, 5, 0, 5, -9, 5]), 3, { sx: 1, sy: 1, ox: 0, oy: 0 }, 2, 10, 10, out);
    expect(Array.from(out)).toEqual([55, -2, -1]);
  });

  it('blends soft edges over what is already drawn', () => {
    const t = target(10, 10);
    rasterDots(t, new Float32Array([5, 5]), new Uint8Array([200, 100, 50, 255]), 1, { sx: 1, sy: 1, ox: 0, oy: 0 }, discStamp(1.5), [0, 0, 0], [0, 0, 0]);
    const edge = px(t, 6, 6);
    expect(edge[0]).toBeGreaterThan(0);
    expect(edge[0]).toBeLessThan(200);
    // Same hue, scaled: the blend keeps channel ratios.
    expect(edge[1] / edge[0]).toBeCloseTo(0.5, 1);
    expect(edge[3]).toBe(255);
  });

  it('a stamp always covers its centre pixel fully, even when tiny', () => {
    const s = discStamp(0.3);
    const centre = [...s.dx].findIndex((dx, k) => dx === 0 && s.dy[k] === 0);
    expect(s.cover[centre]).toBe(255);
  });
});
