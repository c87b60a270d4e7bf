/**
 * The seat map as a picture: each seat a small square of its colour on a dark
 * ground, aspect kept. Used for the preview (the seat image as bands hold it)
 * and for the proof-of-play snapshot (the simulated crowd at the reveal).
 */
import type { Rgb } from '@crowdcue/protocol';
import sharp from 'sharp';
import type { SeatImage } from './reduce-palette';
import type { SeatMap } from './seat-map';

export interface SeatsPngOptions {
  /** Long side, pixels; default 640. */
  size?: number;
  ground?: Rgb;
  /** Colour of seats with no band (alpha 0) or outside the image; default a dim grey. */
  empty?: Rgb;
}

/** `rgba`: 4 bytes per seat in crowd order, alpha 0 = no band there. */
export async function seatsPng(map: SeatMap, rgba: Uint8Array, opts: SeatsPngOptions = {}): Promise<Buffer> {
  const size = opts.size ?? 640;
  const [gr, gg, gb] = opts.ground ?? [11, 13, 18];
  const empty = opts.empty ?? [40, 42, 48];
  const w = Math.max(map.maxX - map.minX, 1e-9);
  const h = Math.max(map.maxY - map.minY, 1e-9);
  const margin = 8;
  const scale = (size - 2 * margin) / Math.max(w, h);
  const width = Math.round(w * scale) + 2 * margin;
  const height = Math.round(h * scale) + 2 * margin;
  const spacing = Math.sqrt((w * h) / Math.max(1, map.count));
  const dot = Math.max(1, Math.min(12, Math.round(spacing * scale * 0.8)));
  const px = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) px.set([gr, gg, gb], 3 * i);
  for (let i = 0; i < map.count; i++) {
    const cx = Math.round((map.x[i] - map.minX) * scale) + margin - (dot >> 1);
    const cy = Math.round((map.y[i] - map.minY) * scale) + margin - (dot >> 1);
    const c = rgba[4 * i + 3] ? [rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]] : empty;
    for (let dy = 0; dy < dot; dy++) {
      const y = cy + dy;
      if (y < 0 || y >= height) continue;
      for (let dx = 0; dx < dot; dx++) {
        const x = cx + dx;
        if (x >= 0 && x < width) px.set(c, 3 * (y * width + x));
      }
    }
  }
  return sharp(px, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** The seat image as bands would show it: covered seats in their palette colour, the rest dim. */
export async function seatImagePng(map: SeatMap, image: SeatImage, opts: SeatsPngOptions = {}): Promise<Buffer> {
  const rgba = new Uint8Array(4 * map.count);
  for (let i = 0; i < map.count; i++) {
    const k = image.index[i];
    if (k === 0xff) continue;
    rgba.set([...image.palette[k], 255], 4 * i);
  }
  return seatsPng(map, rgba, opts);
}
