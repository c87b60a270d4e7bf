/**
 * The venue of a show file, resolved to seats: a seat list as is, a generator
 * spec run through the matching generator, or seat-map CSV parsed. Zone names
 * come from the show.
 */
import type { Venue } from '@crowdcue/protocol';
import { arenaVenue } from './arena';
import { fieldVenue } from './field';
import { finishVenue } from './finish-venue';
import { formatSeatCsvErrors, parseSeatCsv } from './seat-csv';
import { stadiumVenue } from './stadium';
import type { VenueMap } from './types';

export function venueFromShow(venue: Venue): VenueMap {
  const map = seatsOf(venue);
  const names = new Map(venue.zones.map((z) => [z.id, z.name]));
  // The show's zone names win; zones the show does not list keep the generator's names.
  const zones = map.zones.map((z) => ({ id: z.id, name: names.get(z.id) ?? z.name }));
  for (const z of venue.zones) if (!zones.some((m) => m.id === z.id)) zones.push({ id: z.id, name: z.name });
  zones.sort((a, b) => a.id - b.id);
  return { ...map, name: venue.name, zones };
}

function seatsOf(venue: Venue): VenueMap {
  const seats = venue.seats;
  if (Array.isArray(seats)) {
    return finishVenue(venue.name, 'list', seats.map((s) => ({ ...s })), []);
  }
  if (seats.kind === 'csv') {
    const parsed = parseSeatCsv(seats.csv, { name: venue.name });
    if (!parsed.ok) throw new Error(`venue ${venue.name}: seat map CSV has errors:\n${formatSeatCsvErrors(parsed.errors)}`);
    return parsed.venue;
  }
  const { kind, seed, seats: approx, sections, rows, seatsPerRow, ...rest } = seats;
  const num = (k: string) => (typeof rest[k] === 'number' ? (rest[k] as number) : undefined);
  // Without an explicit zone count, split the venue into as many zones as the show names.
  const zones = num('zones') ?? venue.zones.length;
  // The show's bowl fields in the generators' words (stadium and arena share them).
  const bowl = { seed, seats: approx, sections, rowsPerSection: rows, seatsPerRow, tiers: num('tiers') };
  switch (kind) {
    case 'stadium':
      return stadiumVenue({ ...bowl, zones: Math.min(zones, sections ?? 24) });
    case 'arena': {
      const floorZones = num('floorZones') ?? (zones >= 8 ? 4 : 1);
      return arenaVenue({
        ...bowl,
        zones: Math.max(1, Math.min(zones - floorZones, sections ?? 14)),
        floorZones,
        floorRows: num('floorRows'),
        floorCols: num('floorCols'),
      });
    }
    case 'field':
      return fieldVenue({ seed, people: approx, zones, width: num('width'), depth: num('depth') });
  }
}
