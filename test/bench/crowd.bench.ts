/**
 * The crowd's two hot paths in Node, for 100,000 bands: applying one packet
 * (decode once, then every band's acceptance and state change) and computing one
 * frame of 100,000 RGBA colours; per effect shape, for a COLOR fade and for an
 * image. Figures only: nothing here passes or fails on a time.
 */
import { loadavg } from 'node:os';
import { encodeCcb, type CcbCommand, type EffectShape } from '@crowdcue/protocol';
import { Crowd, bandPositions, stadiumVenue } from '@crowdcue/simulator';
import type { BenchResult } from './types';

const BANDS = 100_000;
const APPLY_REPS = 200;
const FRAME_REPS = 300;

function hundredThousand(): Crowd {
  const venue = stadiumVenue({ tiers: 3, sections: 40, rowsPerSection: 25, seatsPerRow: 34, zones: 40 });
  const n = Math.min(BANDS, venue.seats.length);
  const { x, y } = bandPositions(venue);
  const zone = new Uint8Array(n);
  const pixel = new Uint16Array(n);
  const driftPpm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    zone[i] = venue.seats[i].zone;
    pixel[i] = i % 0xffff; // more bands than u16 pixels: reuse indexes so SPARKLE's hash still varies
    driftPpm[i] = ((i * 7919) % 101) - 50;
  }
  return new Crowd({ site: 1, zone, pixel, x: x.subarray(0, n), y: y.subarray(0, n), driftPpm });
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function stats(samples: number[]): { min: number; p50: number; p99: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { min: s[0], p50: percentile(s, 0.5), p99: percentile(s, 0.99), max: s[s.length - 1] };
}

let seq = 0;
const packet = (cmd: CcbCommand): Uint8Array => {
  seq = (seq % 255) + 1;
  return encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, ...cmd });
};

interface Case {
  name: string;
  /** Packets that set the crowd up before timing (not timed). */
  setup: CcbCommand[];
  /** The packet whose application is timed. */
  timed: CcbCommand;
}

const effect = (shape: EffectShape): CcbCommand => ({
  cmd: 'EFFECT',
  shape,
  c1: [255, 40, 0],
  c2: [0, 20, 200],
  periodMs: 1500,
  axis: 'LINEAR',
  dir: 32,
  spread: 24,
  startMs: 0xffffffff,
});

const CASES: Case[] = [
  ...(['SQUARE', 'SINE', 'RAMP', 'RAINBOW', 'SPARKLE'] as const).map((shape) => ({ name: `EFFECT ${shape}`, setup: [], timed: effect(shape) })),
  { name: 'COLOR fade', setup: [{ cmd: 'COLOR', rgb: [255, 0, 0], fadeMs: 0 }], timed: { cmd: 'COLOR', rgb: [0, 80, 255], fadeMs: 60_000 } },
  {
    name: 'IMAGE (SHOW_IMAGE fade)',
    setup: [
      { cmd: 'PALETTE', image: 0, colors: [[255, 255, 255], [255, 0, 0], [0, 0, 255]] },
      { cmd: 'IMAGE', image: 0, first: 0, runs: Array.from({ length: 20 }, (_, k): [number, number] => [255, k % 3]) },
      { cmd: 'COLOR', rgb: [10, 10, 10], fadeMs: 0 },
    ],
    timed: { cmd: 'SHOW_IMAGE', image: 0, fadeMs: 60_000, startMs: 0xffffffff },
  },
  {
    name: 'IMAGE packet (20 runs)',
    setup: [],
    timed: { cmd: 'IMAGE', image: 1, first: 0, runs: Array.from({ length: 20 }, (_, k): [number, number] => [255, k % 3]) },
  },
];

export async function bench(): Promise<BenchResult> {
  const [loadBefore] = loadavg();
  const rows: BenchResult['rows'] = [];
  const out = new Uint8Array(4 * BANDS);
  for (const c of CASES) {
    const crowd = hundredThousand();
    let now = 1000;
    for (const cmd of c.setup) crowd.receive(packet(cmd), (now += 10));
    const applyMs: number[] = [];
    for (let r = 0; r < APPLY_REPS; r++) {
      const bytes = packet(c.timed);
      now += 5;
      const t0 = performance.now();
      crowd.receive(bytes, now);
      applyMs.push(performance.now() - t0);
    }
    const frameMs: number[] = [];
    for (let r = 0; r < FRAME_REPS; r++) {
      now += 16.7;
      const t0 = performance.now();
      crowd.colorsAt(now, out);
      frameMs.push(performance.now() - t0);
    }
    const apply = stats(applyMs);
    const frame = stats(frameMs);
    rows.push({
      case: c.name,
      bands: crowd.count,
      'apply min ms': apply.min,
      'apply p50 ms': apply.p50,
      'apply p99 ms': apply.p99,
      'colours min ms': frame.min,
      'colours p50 ms': frame.p50,
      'colours p99 ms': frame.p99,
    });
  }
  const [loadAfter] = loadavg();
  return {
    name: 'Crowd: 100,000 bands in Node',
    rows,
    notes: [
      `apply = Crowd.receive of one packet to every band (decode once, acceptance, state change), ${APPLY_REPS} packets; colours = Crowd.colorsAt, one RGBA frame of every band, ${FRAME_REPS} frames 16.7 ms apart`,
      'effects on the LINEAR axis (a per-band phase), bands drifting ±50 ppm; COLOR and SHOW_IMAGE fades of 60 s so every frame computes a fade',
      `wall-clock times (performance.now) on ${process.version}; 1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (on a busy machine p50/p99 include time the process was not running; min is closest to the cost itself)`,
    ],
  };
}
