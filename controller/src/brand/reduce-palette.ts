/**
 * A seat image holds at most 12 colours (spec PALETTE). Seat colours with 12
 * or fewer distinct values are kept exactly; otherwise libimagequant (sharp's
 * PNG palette quantiser, no dithering: a dithered pattern on seats is noise)
 * picks them. libvips asks libimagequant for a power of two (16 for 12), so
 * the least used of its colours are then merged into their nearest until 12
 * remain.
 */
import { CCB_MAX_PALETTE, type Rgb } from '@crowdcue/protocol';
import sharp from 'sharp';
import type { SeatColours } from './rasterise-logo';

/** The logo as the bands will hold it: a palette and one index per seat. */
export interface SeatImage {
  /** 1..12 colours, most used first. */
  palette: Rgb[];
  /** Palette index per seat (crowd order); 0xFF = not covered. */
  index: Uint8Array;
  coveredCount: number;
}

export const UNCOVERED = 0xff;

const key = (r: number, g: number, b: number) => (r << 16) | (g << 8) | b;

export async function reducePalette(colours: SeatColours, maxColours = CCB_MAX_PALETTE): Promise<SeatImage> {
  const { covered, rgb } = colours;
  const n = covered.length;
  const seats: number[] = [];
  for (let i = 0; i < n; i++) if (covered[i]) seats.push(i);

  let mapped: Uint8Array = rgb;
  const distinct = new Set<number>();
  for (const i of seats) {
    distinct.add(key(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]));
    if (distinct.size > maxColours) break;
  }
  if (distinct.size > maxColours) mapped = await quantise(rgb, seats, maxColours);

  const counts = new Map<number, number>();
  for (const i of seats) {
    const k = key(mapped[3 * i], mapped[3 * i + 1], mapped[3 * i + 2]);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const merged = mergeLeastUsed(counts, maxColours);
  if (merged.size > 0) {
    if (mapped === rgb) mapped = rgb.slice();
    for (const i of seats) {
      const to = merged.get(key(mapped[3 * i], mapped[3 * i + 1], mapped[3 * i + 2]));
      if (to !== undefined) mapped.set([to >> 16, (to >> 8) & 0xff, to & 0xff], 3 * i);
    }
  }
  const order = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([k]) => k);
  const indexOf = new Map(order.map((k, j) => [k, j]));
  const index = new Uint8Array(n).fill(UNCOVERED);
  for (const i of seats) index[i] = indexOf.get(key(mapped[3 * i], mapped[3 * i + 1], mapped[3 * i + 2]))!;
  return {
    palette: order.map((k): Rgb => [k >> 16, (k >> 8) & 0xff, k & 0xff]),
    index,
    coveredCount: seats.length,
  };
}

/** While there are too many colours, the least used goes to its nearest (squared RGB distance); returns from -> to. */
function mergeLeastUsed(counts: Map<number, number>, maxColours: number): Map<number, number> {
  const moved = new Map<number, number>();
  const rgbOf = (k: number) => [k >> 16, (k >> 8) & 0xff, k & 0xff];
  while (counts.size > maxColours) {
    const [least, n] = [...counts.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0])[0];
    counts.delete(least);
    const [r, g, b] = rgbOf(least);
    let best = -1;
    let bestD = Infinity;
    for (const k of counts.keys()) {
      const [r2, g2, b2] = rgbOf(k);
      const d = (r - r2) ** 2 + (g - g2) ** 2 + (b - b2) ** 2;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    counts.set(best, counts.get(best)! + n);
    moved.set(least, best);
    for (const [from, to] of moved) if (to === least) moved.set(from, best);
  }
  return moved;
}

/** The covered seats' colours as a small image through libimagequant; returns RGB per seat, quantised. */
async function quantise(rgb: Uint8Array, seats: number[], maxColours: number): Promise<Uint8Array> {
  const width = Math.min(seats.length, 256);
  const height = Math.ceil(seats.length / width);
  const pixels = Buffer.alloc(3 * width * height);
  seats.forEach((i, k) => pixels.set(rgb.subarray(3 * i, 3 * i + 3), 3 * k));
  // Padding repeats the last seat so it does not pull the palette.
  const last = seats[seats.length - 1];
  for (let k = seats.length; k < width * height; k++) pixels.set(rgb.subarray(3 * last, 3 * last + 3), 3 * k);
  const png = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ palette: true, colours: maxColours, dither: 0, effort: 10, quality: 100 })
    .toBuffer();
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const out = new Uint8Array(rgb.length);
  seats.forEach((i, k) => {
    const o = k * info.channels;
    out[3 * i] = data[o];
    out[3 * i + 1] = data[o + 1];
    out[3 * i + 2] = data[o + 2];
  });
  return out;
}
