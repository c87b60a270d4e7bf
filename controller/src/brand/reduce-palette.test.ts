import { describe, expect, it } from 'vitest';
import { rasteriseLogo } from './rasterise-logo';
import { reducePalette, UNCOVERED } from './reduce-palette';
import { seatMapOf } from './seat-map';
import { gradientPng, gridVenue, placement, stripesPng } from './fixtures.test-util';

describe('reducePalette', () => {
  const map = seatMapOf(gridVenue(64, 32, 16));

  it('keeps a logo of few colours exactly, most used first', async () => {
    const logo = await stripesPng([[255, 0, 0], [255, 0, 0], [255, 0, 0], [0, 0, 255], [255, 255, 255]], 100, 50);
    const colours = await rasteriseLogo(logo, placement({ zones: [0, 1, 2, 3] }), map);
    const image = await reducePalette(colours);
    // Resampling blends a few seats on stripe edges; the stripes' own colours come first.
    expect(image.palette.slice(0, 3)).toEqual([[255, 0, 0], [0, 0, 255], [255, 255, 255]]);
    for (let i = 0; i < map.count; i++) {
      const want = [colours.rgb[3 * i], colours.rgb[3 * i + 1], colours.rgb[3 * i + 2]];
      expect(image.palette[image.index[i]]).toEqual(want);
    }
  });

  it('reduces a gradient to at most 12 colours, each seat near its own', async () => {
    const logo = await gradientPng(64, 32);
    const colours = await rasteriseLogo(logo, placement({ fit: 'fill' }), map);
    const distinct = new Set<string>();
    for (let i = 0; i < map.count; i++) distinct.add(colours.rgb.subarray(3 * i, 3 * i + 3).join());
    expect(distinct.size).toBeGreaterThan(100);
    const image = await reducePalette(colours);
    expect(image.palette.length).toBeLessThanOrEqual(12);
    expect(image.palette.length).toBeGreaterThanOrEqual(8);
    let err = 0;
    for (let i = 0; i < map.count; i++) {
      const p = image.palette[image.index[i]];
      err += Math.abs(p[0] - colours.rgb[3 * i]) + Math.abs(p[1] - colours.rgb[3 * i + 1]) + Math.abs(p[2] - colours.rgb[3 * i + 2]);
    }
    // Mean error per channel: 12 colours over a 256 x 256 plane are about 74 apart, so a seat is within ~25 of its colour.
    expect(err / (3 * map.count)).toBeLessThan(25);
  });

  it('marks uncovered seats 0xFF', async () => {
    const logo = await stripesPng([[9, 9, 9]], 10, 10);
    const image = await reducePalette(await rasteriseLogo(logo, placement({ zones: [1] }), map));
    expect(image.coveredCount).toBe(16 * 32);
    expect(image.index[0]).toBe(UNCOVERED);
    expect(image.index[16]).toBe(0);
  });
});
