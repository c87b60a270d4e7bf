import { VENUE_DEFAULTS } from '@crowdcue/protocol';
import { bowlSeats, bowlSize, bowlZones, round2 } from './bowl';
import { finishVenue, intOption, type UnnumberedSeat } from './finish-venue';
import { MAX_ZONES, type VenueMap, type VenueZone } from './types';
import { mulberry32, subSeed } from '../random';

export interface ArenaOptions {
  name?: string;
  /** Jitters the standing floor so it does not look like a chessboard, default 1. */
  seed?: number;
  /** Seated tiers, default 1. */
  tiers?: number;
  /** Sections per tier round the bowl (the stage end is open), default 14. */
  sections?: number;
  rowsPerSection?: number;
  seatsPerRow?: number;
  /** Zones round the bowl, default 10. */
  zones?: number;
  /** Standing floor: rows (from the back towards the stage) and people per row. */
  floorRows?: number;
  floorCols?: number;
  /** Zones the floor is cut into (blocks), numbered after the bowl's, default 4. */
  floorZones?: number;
  /** Roughly this many seats in the bowl (sets rows and seats per row). */
  seats?: number;
}

const INNER_A = 32;
const INNER_B = 22;

/** An indoor arena: a seated bowl open at the stage end and a standing floor. Defaults: 3,780 seats + 2,400 on the floor, 14 zones. */
export function arenaVenue(opts: ArenaOptions = {}): VenueMap {
  const seed = opts.seed ?? 1;
  const { tiers, sections, rowsPerSection, seatsPerRow } = bowlSize(opts, VENUE_DEFAULTS.arena);
  const zones = intOption('zones', opts.zones, Math.min(10, sections), 1, Math.min(MAX_ZONES - 1, sections));
  const floorRows = intOption('floorRows', opts.floorRows, VENUE_DEFAULTS.arena.floorRows, 0, 1000);
  const floorCols = intOption('floorCols', opts.floorCols, VENUE_DEFAULTS.arena.floorCols, 0, 1000);
  const floorZones = intOption('floorZones', opts.floorZones, 4, 1, MAX_ZONES - zones);

  const seats: UnnumberedSeat[] = bowlSeats({
    innerA: INNER_A,
    innerB: INNER_B,
    tiers,
    sections,
    rowsPerSection,
    seatsPerRow,
    openArcDeg: 70,
    zones,
    firstZone: 0,
  });
  const zoneList: VenueZone[] = bowlZones(zones, sections, tiers, 0);
  if (floorRows > 0 && floorCols > 0) {
    const floor = floorSeats(floorRows, floorCols, floorZones, zones, seed);
    seats.push(...floor.seats);
    zoneList.push(...floor.zones);
  }
  return finishVenue(opts.name ?? 'Arena', 'arena', seats, zoneList);
}

function floorSeats(rows: number, cols: number, blocks: number, firstZone: number, seed: number): { seats: UnnumberedSeat[]; zones: VenueZone[] } {
  const rand = mulberry32(subSeed(seed, 'arena-floor'));
  // The floor fills the middle of the oval; the stage is at +x, so rows run across x towards it.
  const x0 = -INNER_A * 0.8;
  const x1 = INNER_A * 0.6;
  const y0 = -INNER_B * 0.72;
  const y1 = INNER_B * 0.72;
  const dx = (x1 - x0) / rows;
  const dy = (y1 - y0) / cols;
  const blockRows = blocks >= 4 ? 2 : 1;
  const blockCols = Math.ceil(blocks / blockRows);
  const seats: UnnumberedSeat[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const bx = Math.min(blockCols - 1, Math.floor((r * blockCols) / rows));
      const by = Math.min(blockRows - 1, Math.floor((c * blockRows) / cols));
      const block = Math.min(blocks - 1, by * blockCols + bx);
      seats.push({
        section: `FLOOR ${blockName(block)}`,
        row: String(r + 1),
        seat: String(c + 1),
        x: round2(x0 + (r + 0.5 + (rand() - 0.5) * 0.5) * dx),
        y: round2(y0 + (c + 0.5 + (rand() - 0.5) * 0.5) * dy),
        zone: firstZone + block,
      });
    }
  }
  const zones = Array.from({ length: blocks }, (_, b) => ({ id: firstZone + b, name: `Floor ${blockName(b)}` }));
  return { seats, zones };
}

function blockName(b: number): string {
  return b < 26 ? String.fromCharCode(65 + b) : `Z${b}`;
}
