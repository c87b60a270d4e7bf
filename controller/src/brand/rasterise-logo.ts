/**
 * Draws a placed logo onto the seats. The venue becomes a raster (its long
 * side `resolution` pixels, aspect kept: a stadium's band x, y are scaled per
 * axis to 0..255 and would stretch the logo), the logo is rendered by sharp
 * into the box the placement asks for (fit: the whole logo inside; fill: the
 * box covered, the rest cropped), rotated about its centre, and each covered
 * seat takes the colour of the raster pixel it sits on, over the background.
 *
 * `x`, `y` and `scale` are measured on the covered seats' bounding box: x = 0.5,
 * y = 0.5, scale = 1 puts the logo's long side across the covered seats, which
 * is the whole venue when the placement names no zones or seat blocks.
 */
import type { LogoPlacement, Rgb } from '@crowdcue/protocol';
import sharp from 'sharp';
import { BrandError } from './brand-error';
import { boundsOf, coveredSeats, type SeatMap } from './seat-map';

export interface RasteriseOptions {
  /** Raster pixels along the venue's long side; default 256 (about a seat apart in a stadium). */
  resolution?: number;
  /**
   * Largest logo render, pixels per side; default 1024, four logo pixels to a raster
   * pixel at scale 1. The cost of drawing a vector (its filters above all) grows
   * with the square of this, and no seat can show more than its raster pixel, so a
   * bigger scale is drawn from this render rather than from a 25,600-pixel one.
   */
  maxRenderPx?: number;
}

export interface SeatColours {
  /** 1 per seat the logo covers. */
  covered: Uint8Array;
  coveredCount: number;
  /** RGB per seat (3 bytes each); meaningful where covered. */
  rgb: Uint8Array;
  /** The venue raster's size, for previews. */
  raster: { width: number; height: number; pxPerUnit: number };
  /** Size the logo was drawn at (at most `maxRenderPx` per side). */
  render: { width: number; height: number };
}

const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };
export const MAX_RENDER_PX = 1024;

export async function rasteriseLogo(logo: Uint8Array, placement: LogoPlacement, map: SeatMap, opts: RasteriseOptions = {}): Promise<SeatColours> {
  const resolution = opts.resolution ?? 256;
  const maxRenderPx = opts.maxRenderPx ?? MAX_RENDER_PX;
  const covered = coveredSeats(map, placement);
  let coveredCount = 0;
  for (let i = 0; i < map.count; i++) coveredCount += covered[i];
  if (coveredCount === 0) {
    throw new BrandError('NO_SEATS', 'the placement covers no seat (check its zones and seat blocks)', 'logo.zones');
  }
  const box = boundsOf(map, covered)!;
  const w = Math.max(map.maxX - map.minX, 1e-9);
  const h = Math.max(map.maxY - map.minY, 1e-9);
  const pxPerUnit = (resolution - 1) / Math.max(w, h);
  const raster = { width: Math.round(w * pxPerUnit) + 1, height: Math.round(h * pxPerUnit) + 1, pxPerUnit };

  // A seat is the raster pixel it falls in: the covered box runs from the first seat's pixel to the end of the last's.
  const boxW = (box.maxX - box.minX) * pxPerUnit + 1;
  const boxH = (box.maxY - box.minY) * pxPerUnit + 1;
  const targetW = Math.max(1, Math.min(maxRenderPx, Math.round(boxW * placement.scale)));
  const targetH = Math.max(1, Math.min(maxRenderPx, Math.round(boxH * placement.scale)));
  const cx = (box.minX + placement.x * (box.maxX - box.minX) - map.minX) * pxPerUnit + 0.5;
  const cy = (box.minY + placement.y * (box.maxY - box.minY) - map.minY) * pxPerUnit + 0.5;

  const meta = await sharp(logo).metadata();
  // Vectors are rendered at the size they are shown, not scaled up from 72 dpi.
  const density =
    meta.format === 'svg' && meta.width && meta.height ? Math.max(1, Math.min(2400, 72 * Math.max(targetW / meta.width, targetH / meta.height))) : undefined;
  const sized = await sharp(logo, density ? { density } : {})
    .rotate() // EXIF orientation of photos
    .ensureAlpha()
    .resize(targetW, targetH, { fit: placement.fit === 'fit' ? 'contain' : 'cover', background: TRANSPARENT })
    .png()
    .toBuffer();
  const { data, info } = await sharp(sized)
    .rotate(placement.rotation, { background: TRANSPARENT })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });

  const [br, bg, bb] = placement.background as Rgb;
  const left = cx - info.width / 2;
  const top = cy - info.height / 2;
  const rgb = new Uint8Array(3 * map.count);
  for (let i = 0; i < map.count; i++) {
    if (!covered[i]) continue;
    const u = Math.floor((map.x[i] - map.minX) * pxPerUnit + 0.5 - left);
    const v = Math.floor((map.y[i] - map.minY) * pxPerUnit + 0.5 - top);
    let r = br;
    let g = bg;
    let b = bb;
    if (u >= 0 && v >= 0 && u < info.width && v < info.height) {
      const o = (v * info.width + u) * info.channels;
      const a = data[o + 3];
      r = Math.round((data[o] * a + br * (255 - a)) / 255);
      g = Math.round((data[o + 1] * a + bg * (255 - a)) / 255);
      b = Math.round((data[o + 2] * a + bb * (255 - a)) / 255);
    }
    rgb[3 * i] = r;
    rgb[3 * i + 1] = g;
    rgb[3 * i + 2] = b;
  }
  return { covered, coveredCount, rgb, raster, render: { width: targetW, height: targetH } };
}
