import { bowlSeats, sectionShape } from './bowl';
import { finishVenue, intOption } from './finish-venue';
import { MAX_ZONES, type VenueMap, type VenueZone } from './types';

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
  const tiers = intOption('tiers', opts.tiers, 2, 1, 8);
  const sections = intOption('sections', opts.sections, 24, 1, 400);
  let rowsPerSection = intOption('rowsPerSection', opts.rowsPerSection, 20, 1, 200);
  let seatsPerRow = intOption('seatsPerRow', opts.seatsPerRow, 20, 1, 500);
  if (opts.seats !== undefined) {
    const shape = sectionShape(intOption('seats', opts.seats, 1, 1, 10_000_000) / (tiers * sections));
    rowsPerSection = shape.rows;
    seatsPerRow = shape.seatsPerRow;
  }
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

/** Names each bowl zone after the sections it holds, e.g. `Bowl 2 (sections 104-106)`. */
export function bowlZones(zones: number, sections: number, tiers: number, firstZone: number): VenueZone[] {
  const out: VenueZone[] = [];
  const label = (t: number, s: number) => `${t}${String(s + 1).padStart(2, '0')}`;
  for (let z = 0; z < zones; z++) {
    const first = Math.ceil((z * sections) / zones);
    const last = Math.ceil(((z + 1) * sections) / zones) - 1;
    const span = (t: number) => (first === last ? label(t, first) : `${label(t, first)}-${label(t, last)}`);
    const spans = Array.from({ length: tiers }, (_, t) => span(t + 1)).join(', ');
    out.push({ id: firstZone + z, name: `Bowl ${z + 1} (sections ${spans})` });
  }
  return out;
}
