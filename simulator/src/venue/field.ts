import { VENUE_DEFAULTS } from '@crowdcue/protocol';
import { round2 } from './bowl';
import { finishVenue, intOption, type UnnumberedSeat } from './finish-venue';
import { MAX_ZONES, type VenueMap, type VenueZone } from './types';
import { mulberry32, subSeed } from '../random';

export interface FieldOptions {
  name?: string;
  /** Shapes the crowd and places each person; default 1. */
  seed?: number;
  /** People on the field, default 20,000. */
  people?: number;
  /** Zones: the field is cut into blocks of equal head count, default 12. */
  zones?: number;
  /** Width at the back and depth from the stage, metres (defaults 140 x 110). */
  width?: number;
  depth?: number;
}

/** Metres between two "rows" of a standing crowd: distance bands from the stage. */
const ROW_BAND_M = 1.5;

/**
 * A festival field: a standing crowd fanning out from a stage (at the top, y = 0),
 * densest at the front, with a wobbly edge. Each person is a "seat": section is the
 * zone block (A1, B1, ...), row the distance band from the stage.
 */
export function fieldVenue(opts: FieldOptions = {}): VenueMap {
  const seed = opts.seed ?? 1;
  const people = intOption('people', opts.people, VENUE_DEFAULTS.field.people, 1, 2_000_000);
  const zones = intOption('zones', opts.zones, 12, 1, MAX_ZONES);
  const width = opts.width ?? 140;
  const depth = opts.depth ?? 110;
  if (!(width > 0) || !(depth > 0)) throw new RangeError(`width and depth must be > 0, got ${width} x ${depth}`);

  const rand = mulberry32(subSeed(seed, 'field'));
  // A few random harmonics make the crowd's edge irregular, the same for a given seed.
  const harmonics = Array.from({ length: 4 }, (_, k) => ({ k: k + 2, a: (rand() - 0.5) * 0.16, ph: rand() * 2 * Math.PI }));
  const halfWidthAt = (x: number, y: number) => {
    const th = Math.atan2(y, x);
    const wobble = 1 + harmonics.reduce((s, h) => s + h.a * Math.sin(h.k * th + h.ph), 0);
    return (width / 2) * (0.45 + (0.55 * y) / depth) * wobble;
  };
  const zoneRows = Math.min(zones, Math.max(1, Math.round(Math.sqrt((zones * depth) / width))));

  const spots: Array<{ x: number; y: number; zone: number; band: number; block: string }> = [];
  const front = 3;
  for (let tries = 0; spots.length < people && tries < people * 50; tries++) {
    const x = (rand() - 0.5) * width * 1.2;
    const y = front + rand() * (depth - front);
    if (Math.abs(x) > halfWidthAt(x, y)) continue;
    if (rand() > 1 - (0.6 * y) / depth) continue;
    spots.push({ x: round2(x), y: round2(y), zone: 0, band: Math.floor(y / ROW_BAND_M), block: '' });
  }
  // Zones are blocks of equal head count: cut by distance from the stage, then each slice left to right.
  const zoneNames: string[] = [];
  const byDepth = [...spots].sort((a, b) => a.y - b.y);
  let zone = 0;
  for (let r = 0; r < zoneRows; r++) {
    const slice = byDepth.slice(Math.floor((r * byDepth.length) / zoneRows), Math.floor(((r + 1) * byDepth.length) / zoneRows));
    slice.sort((a, b) => a.x - b.x);
    const cols = Math.floor(((r + 1) * zones) / zoneRows) - Math.floor((r * zones) / zoneRows);
    for (let c = 0; c < cols; c++) {
      const name = `${c < 26 ? String.fromCharCode(65 + c) : `C${c}`}${r + 1}`;
      zoneNames.push(name);
      for (const s of slice.slice(Math.floor((c * slice.length) / cols), Math.floor(((c + 1) * slice.length) / cols))) {
        s.zone = zone;
        s.block = name;
      }
      zone++;
    }
  }
  // Pixel order runs row by row from the stage, left to right, so a pixel range is a stripe of the field.
  spots.sort((a, b) => a.band - b.band || a.x - b.x);

  const counters = new Map<string, number>();
  const seats: UnnumberedSeat[] = spots.map((s) => {
    const section = s.block;
    const row = String(s.band + 1);
    const key = `${section}/${row}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return { section, row, seat: String(n), x: s.x, y: s.y, zone: s.zone };
  });
  const zoneList: VenueZone[] = Array.from({ length: zones }, (_, z) => ({ id: z, name: `Field ${zoneNames[z]}` }));
  return finishVenue(opts.name ?? 'Festival field', 'field', seats, zoneList);
}
