/** Small venues and logos made in the tests themselves (no binary fixtures). */
import { LogoPlacementSchema, type LogoPlacement, type Rgb } from '@crowdcue/protocol';
import type { VenueMap, VenueSeat } from '@crowdcue/simulator';
import sharp from 'sharp';

/** A flat grid of `cols` x `rows` seats, one metre apart, numbered row by row; zone = column block of `zoneWidth`. */
export function gridVenue(cols: number, rows: number, zoneWidth = cols): VenueMap {
  const seats: VenueSeat[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      seats.push({ section: 'A', row: String(r + 1), seat: String(c + 1), x: c, y: r, zone: Math.floor(c / zoneWidth), pixel: r * cols + c });
    }
  }
  const zones = Array.from({ length: Math.ceil(cols / zoneWidth) }, (_, id) => ({ id, name: `Block ${id + 1}` }));
  return { name: 'Grid', kind: 'list', zones, seats, bounds: { minX: 0, minY: 0, maxX: cols - 1, maxY: rows - 1 } };
}

/** A PNG of vertical stripes, one per colour, `width` x `height`. */
export async function stripesPng(colours: Rgb[], width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = colours[Math.floor((x * colours.length) / width)];
      data.set([...c, 255], (y * width + x) * 4);
    }
  }
  return sharp(data, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

/** A smooth two-axis gradient (hundreds of colours). */
export async function gradientPng(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([Math.round((255 * x) / (width - 1)), Math.round((255 * y) / (height - 1)), 128], (y * width + x) * 3);
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

export function placement(p: Partial<LogoPlacement> = {}): LogoPlacement {
  return LogoPlacementSchema.parse({ asset: 'test', ...p });
}
