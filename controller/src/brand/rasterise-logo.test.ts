import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { MAX_RENDER_PX, rasteriseLogo } from './rasterise-logo';
import { seatMapOf } from './seat-map';
import { gridVenue, placement, stripesPng } from './fixtures.test-util';

const RED = [255, 0, 0];
const BLUE = [0, 0, 255];
const colourAt = (rgb: Uint8Array, i: number) => [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];

describe('rasteriseLogo', () => {
  const map = seatMapOf(gridVenue(40, 20, 10));
  const seat = (col: number, row: number) => row * 40 + col;

  it('puts each seat on the logo pixel under it', async () => {
    const logo = await stripesPng([[255, 0, 0], [0, 0, 255]], 80, 40);
    const out = await rasteriseLogo(logo, placement(), map);
    expect(out.coveredCount).toBe(800);
    for (let row = 0; row < 20; row++) {
      expect(colourAt(out.rgb, seat(2, row))).toEqual(RED);
      expect(colourAt(out.rgb, seat(37, row))).toEqual(BLUE);
    }
  });

  it('turns the logo with rotation', async () => {
    const logo = await stripesPng([[255, 0, 0], [0, 0, 255]], 80, 40);
    const out = await rasteriseLogo(logo, placement({ rotation: 180 }), map);
    expect(colourAt(out.rgb, seat(2, 10))).toEqual(BLUE);
    expect(colourAt(out.rgb, seat(37, 10))).toEqual(RED);
  });

  it('fit shows the whole logo on the background; fill covers the seats and crops', async () => {
    const square = await stripesPng([[255, 0, 0], [0, 255, 0]], 40, 40);
    const fit = await rasteriseLogo(square, placement({ fit: 'fit', background: [1, 2, 3] }), map);
    expect(colourAt(fit.rgb, seat(0, 10))).toEqual([1, 2, 3]);
    expect(colourAt(fit.rgb, seat(39, 10))).toEqual([1, 2, 3]);
    expect(colourAt(fit.rgb, seat(15, 10))).toEqual(RED);
    expect(colourAt(fit.rgb, seat(24, 10))).toEqual([0, 255, 0]);
    const fill = await rasteriseLogo(square, placement({ fit: 'fill', background: [1, 2, 3] }), map);
    expect(colourAt(fill.rgb, seat(0, 10))).toEqual(RED);
    expect(colourAt(fill.rgb, seat(39, 10))).toEqual([0, 255, 0]);
  });

  it('blends transparent parts over the background and covers only the chosen zones', async () => {
    const clearRight = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: { create: { width: 10, height: 20, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 1 } } }, left: 0, top: 0 }])
      .png()
      .toBuffer();
    // Zones 2 and 3: columns 20..39; the logo (square) spans rows, so columns 20..39 hold it.
    const out = await rasteriseLogo(clearRight, placement({ zones: [2, 3], fit: 'fill', background: [0, 0, 80] }), map);
    expect(out.coveredCount).toBe(400);
    expect(out.covered[seat(5, 5)]).toBe(0);
    expect(colourAt(out.rgb, seat(21, 10))).toEqual([255, 255, 255]);
    expect(colourAt(out.rgb, seat(38, 10))).toEqual([0, 0, 80]);
  });

  it('covers seat blocks by pixel range, and refuses a placement that covers nothing', async () => {
    const logo = await stripesPng([[255, 0, 0]], 10, 10);
    const out = await rasteriseLogo(logo, placement({ seats: [{ first: 0, last: 39 }] }), map);
    expect(out.coveredCount).toBe(40);
    const empty = gridVenue(4, 4);
    empty.seats.forEach((s) => (s.pixel = 0xffff));
    await expect(rasteriseLogo(logo, placement(), seatMapOf(empty))).rejects.toMatchObject({ code: 'NO_SEATS' });
  });

  it('renders SVG logos', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="2" height="1"><rect width="1" height="1" fill="#ff0000"/><rect x="1" width="1" height="1" fill="#0000ff"/></svg>');
    const out = await rasteriseLogo(svg, placement(), map);
    expect(colourAt(out.rgb, seat(3, 10))).toEqual(RED);
    expect(colourAt(out.rgb, seat(36, 10))).toEqual(BLUE);
  });

  it('draws a filtered vector at scale 100 no bigger than the render limit', async () => {
    // 240 bytes whose turbulence and blur took both cores for minutes drawn 4096 pixels a side.
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000"><filter id="f"><feTurbulence baseFrequency=".9" numOctaves="2"/>' +
        '<feGaussianBlur stdDeviation="2"/></filter><rect width="1000" height="1000" fill="red" filter="url(#f)"/></svg>',
    );
    const out = await rasteriseLogo(svg, placement({ scale: 100 }), map);
    expect(Math.max(out.render.width, out.render.height)).toBeLessThanOrEqual(MAX_RENDER_PX);
    expect(MAX_RENDER_PX).toBe(1024);
  });
});

