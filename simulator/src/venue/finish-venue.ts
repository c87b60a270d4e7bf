import { MAX_PIXEL, MAX_ZONES, NO_PIXEL, type VenueBounds, type VenueKind, type VenueMap, type VenueSeat, type VenueZone } from './types';

/** A seat as a generator or parser produces it, before pixels are handed out. */
export type UnnumberedSeat = Omit<VenueSeat, 'pixel'> & { pixel?: number };

export function seatBounds(seats: ReadonlyArray<{ x: number; y: number }>): VenueBounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const s of seats) {
    if (s.x < minX) minX = s.x;
    if (s.x > maxX) maxX = s.x;
    if (s.y < minY) minY = s.y;
    if (s.y > maxY) maxY = s.y;
  }
  if (seats.length === 0) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return { minX, minY, maxX, maxY };
}

/**
 * Hands out pixel indexes in seat order (the order bands are programmed in),
 * unless a seat already carries one, and computes the bounds.
 */
export function finishVenue(name: string, kind: VenueKind, seats: UnnumberedSeat[], zones: VenueZone[]): VenueMap {
  const numbered: VenueSeat[] = seats.map((s, i) => ({
    section: s.section,
    row: s.row,
    seat: s.seat,
    x: s.x,
    y: s.y,
    zone: s.zone,
    pixel: s.pixel ?? (i <= MAX_PIXEL ? i : NO_PIXEL),
  }));
  for (const s of numbered) {
    if (!Number.isInteger(s.zone) || s.zone < 0 || s.zone >= MAX_ZONES) {
      throw new RangeError(`seat ${s.section}/${s.row}/${s.seat}: zone ${s.zone} is outside 0..63`);
    }
  }
  return { name, kind, zones, seats: numbered, bounds: seatBounds(numbered) };
}

/** Whole number option in a range, or a RangeError naming the option. */
export function intOption(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${name} must be a whole number ${min}..${max}, got ${value}`);
  }
  return v;
}
