import type { VenueBounds, VenueMap } from './types';

/** One coordinate in venue units scaled to the band's 0..255 (spec 2.1: each axis on its own). */
export function toBandCoord(v: number, min: number, max: number): number {
  if (!(max > min)) return 128;
  const c = Math.round(((v - min) / (max - min)) * 255);
  return c < 0 ? 0 : c > 255 ? 255 : c;
}

/** The x, y every band of the venue is programmed with. */
export function bandPositions(venue: VenueMap, bounds: VenueBounds = venue.bounds): { x: Uint8Array; y: Uint8Array } {
  const n = venue.seats.length;
  const x = new Uint8Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = venue.seats[i];
    x[i] = toBandCoord(s.x, bounds.minX, bounds.maxX);
    y[i] = toBandCoord(s.y, bounds.minY, bounds.maxY);
  }
  return { x, y };
}
