/**
 * A venue chosen by its kind and size (stadium, arena or festival field; how
 * many seats, how many zones), turned into the show's seat generator spec.
 * The protocol owns the limits and the seat count a spec gives; the simulator
 * owns the generators, so the zones the designer sees are the ones it builds.
 */
import { SHOW_LIMITS, VENUE_KINDS, formatCount, generatorSeatCount, type GeneratorSizeSpec, type Show, type Venue } from '@crowdcue/protocol';
import { venueFromShow } from '@crowdcue/simulator';

export type VenueKind = (typeof VENUE_KINDS)[number];

export interface VenueChoice {
  kind: VenueKind;
  /** Seats wanted in all (a field's head count). */
  seats: number;
  zones: number;
}

export const VENUE_KIND_LABEL: Record<VenueKind, string> = { stadium: 'Stadium', arena: 'Arena', field: 'Festival field' };

/** What each kind starts at: the generators' own defaults. */
export const VENUE_CHOICE_DEFAULTS: Record<VenueKind, VenueChoice> = {
  stadium: { kind: 'stadium', seats: 19_200, zones: 16 },
  arena: { kind: 'arena', seats: 6_000, zones: 14 },
  field: { kind: 'field', seats: 20_000, zones: 12 },
};

const MIN_SEATS = 100;
/** An arena's standing floor is 2,400 people (40 x 60) in a big arena, 40 % of a small one. */
const ARENA_FLOOR = 2_400;

/** The first thing wrong with a choice, naming the field and its limit; null when it can be built. */
export function venueChoiceError(c: VenueChoice): string | null {
  if (!VENUE_KINDS.includes(c.kind)) return `kind must be one of ${VENUE_KINDS.join(', ')}`;
  if (!Number.isInteger(c.seats) || c.seats < MIN_SEATS || c.seats > SHOW_LIMITS.seats) {
    return `seats must be a whole number from ${formatCount(MIN_SEATS)} to ${formatCount(SHOW_LIMITS.seats)} (a band's pixel is a u16)`;
  }
  const minZones = c.kind === 'arena' ? 2 : 1;
  if (!Number.isInteger(c.zones) || c.zones < minZones || c.zones > SHOW_LIMITS.zones) return `zones must be a whole number from ${minZones} to ${SHOW_LIMITS.zones}`;
  const total = generatorSeatCount(venueSpec(c));
  if (total > SHOW_LIMITS.seats) return `gives ${formatCount(total)} seats; a venue has at most ${formatCount(SHOW_LIMITS.seats)}`;
  return null;
}

/** The show's seat generator spec for a choice. */
export function venueSpec(c: VenueChoice): GeneratorSizeSpec & { kind: VenueKind; seed: number } {
  switch (c.kind) {
    case 'stadium':
      // Zones are slices of sections: more zones than the default 24 sections need more sections.
      return { kind: 'stadium', seed: 1, seats: c.seats, zones: c.zones, ...(c.zones > 24 ? { sections: c.zones } : {}) };
    case 'arena': {
      const floor = Math.min(ARENA_FLOOR, Math.round(c.seats * 0.4));
      const floorRows = Math.max(1, Math.round(Math.sqrt(floor / 1.5)));
      const floorCols = Math.max(1, Math.round(floor / floorRows));
      const floorZones = c.zones >= 8 ? 4 : 1;
      const bowlZones = c.zones - floorZones;
      return {
        kind: 'arena',
        seed: 1,
        seats: Math.max(1, c.seats - floorRows * floorCols),
        zones: c.zones,
        floorRows,
        floorCols,
        floorZones,
        ...(bowlZones > 14 ? { sections: bowlZones } : {}),
      };
    }
    case 'field':
      return { kind: 'field', seed: 1, seats: c.seats, zones: c.zones };
  }
}

/** The venue a choice gives: the generator spec and the zones it builds, named as the generator names them. */
export function venueOfChoice(c: VenueChoice, name: string = VENUE_KIND_LABEL[c.kind]): Venue {
  const error = venueChoiceError(c);
  if (error) throw new RangeError(error);
  // The spec's generator options ride in the catch-all that the schema's type cannot express beside `kind`.
  const seats = venueSpec(c) as unknown as Venue['seats'];
  const map = venueFromShow({ name, zones: [], seats });
  return { name, zones: map.zones.map((z) => ({ id: z.id, name: z.name })), seats };
}

/** The show on a newly chosen venue: seats and zones replaced (zones assigned by hand are gone). */
export function withVenueChoice(show: Show, c: VenueChoice): Show {
  return { ...show, venue: venueOfChoice(c, show.venue.name) };
}

/** The choice a show's venue was made from, when it is a generated venue; null for seat lists and CSV. */
export function choiceOfVenue(venue: Venue, seatCount: number): VenueChoice | null {
  const s = venue.seats;
  if (Array.isArray(s) || s.kind === 'csv') return null;
  return { kind: s.kind, seats: seatCount, zones: venue.zones.length };
}
