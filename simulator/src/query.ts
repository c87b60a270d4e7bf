/**
 * Questions tests and reports ask of a crowd: the colour of one seat, or of
 * every seat, at a given show time.
 */
import type { Rgb } from '@crowdcue/protocol';
import type { Crowd } from './crowd/crowd';
import type { VenueMap } from './venue/types';

/** A seat by index in the crowd, or by its labels. */
export type SeatRef = number | { section: string | number; row: string | number; seat: string | number };

const indexes = new WeakMap<VenueMap, Map<string, number>>();
const key = (section: string | number, row: string | number, seat: string | number) => `${section}\u0000${row}\u0000${seat}`;

/** The crowd index of a seat; throws naming the seat when there is no such seat. */
export function seatIndex(crowd: Crowd, ref: SeatRef): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0 || ref >= crowd.count) throw new RangeError(`no seat ${ref} (the crowd has ${crowd.count})`);
    return ref;
  }
  const venue = crowd.venue;
  if (!venue) throw new Error('this crowd has no venue, so seats can only be found by index');
  let index = indexes.get(venue);
  if (!index) {
    index = new Map(venue.seats.map((s, i) => [key(s.section, s.row, s.seat), i]));
    indexes.set(venue, index);
  }
  const i = index.get(key(ref.section, ref.row, ref.seat));
  if (i === undefined) throw new RangeError(`no seat section ${ref.section} row ${ref.row} seat ${ref.seat} in ${venue.name}`);
  return i;
}

/** The colour a seat shows at crowd time atMs, or null when nobody with a band sits there. */
export function colorOfSeat(crowd: Crowd, ref: SeatRef, atMs: number): Rgb | null {
  const i = seatIndex(crowd, ref);
  return crowd.present[i] ? crowd.colorOf(i, atMs) : null;
}

export interface CrowdSnapshot {
  atMs: number;
  /** RGBA per seat, alpha 0 for empty seats (as `Crowd.colorsAt`). */
  rgba: Uint8Array;
  /** Colour of seat i, null for an empty seat. */
  colorOf(i: number): Rgb | null;
  /** How many bands show each colour, most common first (e.g. to check a look landed). */
  histogram(): Array<{ rgb: Rgb; bands: number }>;
}

/** Every seat's colour at crowd time atMs. */
export function snapshot(crowd: Crowd, atMs: number): CrowdSnapshot {
  const rgba = new Uint8Array(4 * crowd.count);
  crowd.colorsAt(atMs, rgba);
  return {
    atMs,
    rgba,
    colorOf: (i) => (rgba[4 * i + 3] ? [rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]] : null),
    histogram: () => {
      const counts = new Map<number, number>();
      for (let i = 0; i < crowd.count; i++) {
        if (!rgba[4 * i + 3]) continue;
        const c = (rgba[4 * i] << 16) | (rgba[4 * i + 1] << 8) | rgba[4 * i + 2];
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .map(([c, bands]) => ({ rgb: [c >> 16, (c >> 8) & 0xff, c & 0xff] as Rgb, bands }));
    },
  };
}
