/**
 * The seats a logo is drawn on: each seat is one pixel at its position. A
 * placement covers some zones and seat blocks; the rest of the venue is left
 * as it is (palette index 0xFF on air).
 */
import type { LogoPlacement } from '@crowdcue/protocol';
import type { VenueMap } from '@crowdcue/simulator';

/** Seats as struct-of-arrays, in venue (crowd) order. */
export interface SeatMap {
  count: number;
  /** Position in venue units (metres for generated venues). */
  x: Float32Array;
  y: Float32Array;
  zone: Uint8Array;
  /** The pixel index each seat's band is programmed with (0xFFFF = none). */
  pixel: Uint16Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export const NO_PIXEL = 0xffff;

export function seatMapOf(venue: VenueMap): SeatMap {
  const n = venue.seats.length;
  const m: SeatMap = {
    count: n,
    x: new Float32Array(n),
    y: new Float32Array(n),
    zone: new Uint8Array(n),
    pixel: new Uint16Array(n),
    ...venue.bounds,
  };
  venue.seats.forEach((s, i) => {
    m.x[i] = s.x;
    m.y[i] = s.y;
    m.zone[i] = s.zone;
    m.pixel[i] = s.pixel;
  });
  return m;
}

export type Coverage = Pick<LogoPlacement, 'zones' | 'seats'>;

/**
 * 1 per seat the logo covers: seats in the placement's zones plus its seat
 * blocks (pixel ranges). Neither given: every seat; only seat blocks given:
 * just those seats. Seats without a pixel index cannot hold an image.
 */
export function coveredSeats(map: SeatMap, coverage: Coverage): Uint8Array {
  const out = new Uint8Array(map.count);
  const zones = coverage.zones;
  const blocks = coverage.seats ?? [];
  const everyZone = !zones && blocks.length === 0;
  const inZone = new Uint8Array(64);
  for (const z of zones ?? []) inZone[z] = 1;
  for (let i = 0; i < map.count; i++) {
    const p = map.pixel[i];
    if (p === NO_PIXEL) continue;
    if (everyZone || inZone[map.zone[i]]) {
      out[i] = 1;
      continue;
    }
    for (const b of blocks) {
      if (p >= b.first && p <= b.last) {
        out[i] = 1;
        break;
      }
    }
  }
  return out;
}

/** Zones that hold at least one covered seat, ascending. */
export function zonesOf(map: SeatMap, covered: Uint8Array): number[] {
  const hit = new Uint8Array(64);
  for (let i = 0; i < map.count; i++) if (covered[i]) hit[map.zone[i]] = 1;
  const out: number[] = [];
  for (let z = 0; z < 64; z++) if (hit[z]) out.push(z);
  return out;
}

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function boundsOf(map: SeatMap, covered: Uint8Array): Box | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < map.count; i++) {
    if (!covered[i]) continue;
    if (map.x[i] < minX) minX = map.x[i];
    if (map.x[i] > maxX) maxX = map.x[i];
    if (map.y[i] < minY) minY = map.y[i];
    if (map.y[i] > maxY) maxY = map.y[i];
  }
  return minX === Infinity ? null : { minX, minY, maxX, maxY };
}
