/**
 * A crowd on a venue: who came (attendance), how far each band's clock drifts,
 * who is asleep, all drawn from a seed so every run is the same.
 */
import { mulberry32, subSeed } from '../random';
import { bandPositions } from '../venue/band-position';
import type { VenueMap } from '../venue/types';
import { Crowd } from './crowd';

export interface BuildCrowdOptions {
  /** The show's site id every band is programmed with, default 1. */
  site?: number;
  /** Share of seats with a band, 0..1, default 1. */
  attendance?: number;
  /** Each band's clock drifts by a uniform amount in ±driftPpm, default 0. */
  driftPpm?: number;
  /** Share of bands asleep at the start, 0..1, default 0. */
  asleepShare?: number;
  /** Band clocks start at a uniform 0..clockSpreadMs (handed out at different times), default 0: all at 0 until a SYNC. */
  clockSpreadMs?: number;
  /** Default 1. */
  seed?: number;
}

export function buildCrowd(venue: VenueMap, opts: BuildCrowdOptions = {}): Crowd {
  const site = opts.site ?? 1;
  const attendance = opts.attendance ?? 1;
  const driftPpm = opts.driftPpm ?? 0;
  const asleepShare = opts.asleepShare ?? 0;
  const clockSpreadMs = opts.clockSpreadMs ?? 0;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(site) || site < 0 || site > 255) throw new RangeError(`site must be 0..255, got ${site}`);
  for (const [name, v] of [['attendance', attendance], ['asleepShare', asleepShare]] as const) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be 0..1, got ${v}`);
  }
  if (!(driftPpm >= 0)) throw new RangeError(`driftPpm must be >= 0, got ${driftPpm}`);
  if (!(clockSpreadMs >= 0)) throw new RangeError(`clockSpreadMs must be >= 0, got ${clockSpreadMs}`);

  const n = venue.seats.length;
  const { x, y } = bandPositions(venue);
  const zone = new Uint8Array(n);
  const pixel = new Uint16Array(n);
  venue.seats.forEach((s, i) => {
    zone[i] = s.zone;
    pixel[i] = s.pixel;
  });
  // One stream per trait: changing attendance does not reshuffle who drifts or sleeps.
  const come = mulberry32(subSeed(seed, 'attendance'));
  const drift = mulberry32(subSeed(seed, 'drift'));
  const sleep = mulberry32(subSeed(seed, 'asleep'));
  const clock = mulberry32(subSeed(seed, 'clock'));
  const present = new Uint8Array(n);
  const awake = new Uint8Array(n);
  const drifts = new Float64Array(n);
  const clocks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    present[i] = come() < attendance ? 1 : 0;
    drifts[i] = (drift() * 2 - 1) * driftPpm;
    awake[i] = sleep() < asleepShare ? 0 : 1;
    clocks[i] = Math.floor(clock() * clockSpreadMs);
  }
  return new Crowd({ site, zone, pixel, x, y, present, awake, driftPpm: drifts, clockMs: clocks }, { venue });
}
