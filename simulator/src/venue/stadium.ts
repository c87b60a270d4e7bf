import { VENUE_DEFAULTS } from '@crowdcue/protocol';
import { bowlSeats, bowlSize, bowlZones } from './bowl';
import { finishVenue, intOption } from './finish-venue';
import { MAX_ZONES, type VenueMap } from './types';

export interface StadiumOptions {
  name?: string;
  /** Accepted for a uniform generator signature; the bowl itself is regular, so it does not change the layout. */
  seed?: number;
  /** Tiers (rings of sections), default 2. */
  tiers?: number;
  /** Sections per tier around the oval, default 24. */
  sections?: number;
  /** Default 20. */
  rowsPerSection?: number;
  /** Default 20. */
  seatsPerRow?: number;
  /** Zones around the bowl (slices of sections, the same on every tier), default 16, at most 64 and at most `sections`. */
  zones?: number;
  /** Roughly this many seats in all: sets rows and seats per row (overrides both). */
  seats?: number;
}

/** A football stadium: an oval bowl round a 120 x 80 m pitch. The defaults give 19,200 seats in 16 zones. */
export function stadiumVenue(opts: StadiumOptions = {}): VenueMap {
  const { tiers, sections, rowsPerSection, seatsPerRow } = bowlSize(opts, VENUE_DEFAULTS.stadium);
  const zones = intOption('zones', opts.zones, Math.min(16, sections), 1, Math.min(MAX_ZONES, sections));
  const seats = bowlSeats({
    innerA: 60,
    innerB: 40,
    tiers,
    sections,
    rowsPerSection,
    seatsPerRow,
    openArcDeg: 0,
    zones,
    firstZone: 0,
  });
  return finishVenue(opts.name ?? 'Stadium', 'stadium', seats, bowlZones(zones, sections, tiers, 0));
}
