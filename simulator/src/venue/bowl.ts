/**
 * Seats of a bowl: tiers of sections around an oval, rows stepping outward,
 * seats along each row. Shared by the stadium and the arena.
 */
import { bowlSizeOf, type BowlSize } from '@crowdcue/protocol';
import { intOption, type UnnumberedSeat } from './finish-venue';
import type { VenueZone } from './types';

export interface BowlLayout {
  /** Half-axes of the oval the first row faces (the pitch edge), metres. */
  innerA: number;
  innerB: number;
  tiers: number;
  /** Sections per tier. */
  sections: number;
  rowsPerSection: number;
  seatsPerRow: number;
  /** Arc the bowl leaves open (for a stage), degrees, centred on the +x end. */
  openArcDeg: number;
  /** Zones the bowl is split into around the oval, numbered from `firstZone`. */
  zones: number;
  firstZone: number;
}

const ROW_DEPTH_M = 0.85;
const TIER_GAP_M = 3;
const FRONT_GAP_M = 2;
/** Share of a section's arc left for the aisle on each side. */
const AISLE = 0.04;

export function bowlSeats(b: BowlLayout): UnnumberedSeat[] {
  const seats: UnnumberedSeat[] = [];
  const open = (b.openArcDeg * Math.PI) / 180;
  const arc = 2 * Math.PI - open;
  const sectionArc = arc / b.sections;
  const tierDepth = b.rowsPerSection * ROW_DEPTH_M + TIER_GAP_M;
  for (let t = 0; t < b.tiers; t++) {
    for (let s = 0; s < b.sections; s++) {
      const section = `${t + 1}${String(s + 1).padStart(2, '0')}`;
      // Sections go round by angle, so one zone is one slice of the bowl on every tier: a wave round the bowl is a zone chase.
      const zone = b.firstZone + Math.floor((s * b.zones) / b.sections);
      const from = open / 2 + s * sectionArc + sectionArc * AISLE;
      const width = sectionArc * (1 - 2 * AISLE);
      for (let r = 0; r < b.rowsPerSection; r++) {
        const d = FRONT_GAP_M + t * tierDepth + r * ROW_DEPTH_M;
        for (let k = 0; k < b.seatsPerRow; k++) {
          const th = from + ((k + 0.5) / b.seatsPerRow) * width;
          seats.push({
            section,
            row: String(r + 1),
            seat: String(k + 1),
            x: round2((b.innerA + d) * Math.cos(th)),
            y: round2((b.innerB + d) * Math.sin(th)),
            zone,
          });
        }
      }
    }
  }
  return seats;
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * A bowl generator's size options, each checked by name, with its defaults; `seats`
 * (roughly, in all) overrides rows and seats per row. The arithmetic is the
 * protocol's, so the show schema counts the same seats before any is made.
 */
export function bowlSize(opts: Partial<BowlSize> & { seats?: number }, defaults: BowlSize): BowlSize {
  const tiers = intOption('tiers', opts.tiers, defaults.tiers, 1, 8);
  const sections = intOption('sections', opts.sections, defaults.sections, 1, 400);
  const rowsPerSection = intOption('rowsPerSection', opts.rowsPerSection, defaults.rowsPerSection, 1, 200);
  const seatsPerRow = intOption('seatsPerRow', opts.seatsPerRow, defaults.seatsPerRow, 1, 500);
  const seats = opts.seats === undefined ? undefined : intOption('seats', opts.seats, 1, 1, 10_000_000);
  return bowlSizeOf({ tiers, sections, rowsPerSection, seatsPerRow, seats }, defaults);
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
