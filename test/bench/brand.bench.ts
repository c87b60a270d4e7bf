/**
 * A brand logo on the ~20,000-seat stadium: what it costs on air against one
 * packet per seat, how many bands show the right colour at the reveal at 0%,
 * 5% and 20% loss (repeats chosen for a 5% target, and for 20%), and how long
 * after the reveal's scheduled time the last band changes. The preload and
 * reveal packets come from the real planning path (BrandSequenceRun booking
 * into an airtime ledger a quarter full of live cues); they reach the crowd
 * through the simulator's RF channel with its loss model, with a SYNC every
 * second as the planner sends and band clocks drifting up to 50 ppm. RF-model
 * timing, not the virtual transmitter: the preload is tens of seconds of air,
 * which the virtual transmitter would play in real time.
 */
import { encodeCcb, type CcbPacket } from '@crowdcue/protocol';
import { RfChannel, buildCrowd, stadiumVenue } from '@crowdcue/simulator';
import sharp from 'sharp';
import {
  BrandSequenceRun,
  UNCOVERED,
  logoOnSeats,
  planBrandSequence,
  planRepeats,
  seatMapOf,
  type LogoOnSeats,
} from '@crowdcue/controller';
import { LogoPlacementSchema, type RepeatPlan } from '@crowdcue/protocol';
import { TestScheduler } from 'rxjs/testing';
import { AirtimeLedger } from '../../controller/src/planner/airtime-ledger';
import { RecordingTransmitter } from '../../controller/src/transmitter/recording-transmitter';
import { SeqCounter } from '../../controller/src/planner/seq-counter';
import type { BenchResult } from './types';

const SITE = 42;
const RADIO = { bitrate: 38_400, overhead: 10 };
const REVEAL_MS = 120_000;

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
  <rect width="400" height="200" fill="#101030"/>
  <circle cx="100" cy="100" r="80" fill="#ffcc00"/>
  <circle cx="100" cy="100" r="45" fill="#101030"/>
  <rect x="200" y="30" width="40" height="140" fill="#ffffff"/>
  <polygon points="260,170 320,30 380,170" fill="#e01030"/>
  <rect x="280" y="120" width="80" height="20" fill="#ffffff"/>
</svg>`;

interface Replay {
  sent: Array<{ rf: Uint8Array; atMs: number }>;
  revealMs: number;
}

/** The real preload and reveal for one repeat plan, as packets with start times. */
function plan(out: LogoOnSeats, repeats: RepeatPlan, venueZones: number[]): Replay {
  const scheduler = new TestScheduler(() => {});
  const tx = new RecordingTransmitter('main', 'ALL', { name: 'bench', rfMax: 48, queueCap: 32, timedSend: true, ...RADIO });
  const ledger = new AirtimeLedger(() => tx.capabilities()!);
  // Live cues: a quarter of the channel (10 ms of every 40).
  for (let t = 0; t < REVEAL_MS + 20_000; t += 40) ledger.book({ startMs: t, endMs: t + 10, airMs: 9, purpose: 'cue' }, 1);
  const seq = new SeqCounter(100);
  const p = planBrandSequence({
    sequence: { id: 'bench', brand: 'bench', name: 'Bench logo', approved: true, steps: [{ kind: 'reveal', duration: 5000, fade: 0 }] },
    startMs: REVEAL_MS,
    venueZones,
    parades: [],
    image: { encoded: out.encoded, repeats, background: [16, 16, 48] },
  });
  const run = new BrandSequenceRun(p, { scheduler, channels: [{ tx, ledger }], nextSeq: () => seq.next(), site: SITE, bandTime: (ms) => ms, budget: { liveShare: 0.25 } });
  run.start();
  scheduler.schedule(() => {}, REVEAL_MS + 6000);
  scheduler.maxFrames = REVEAL_MS + 6000;
  scheduler.flush();
  return { sent: tx.sent.map((s) => ({ rf: s.rf, atMs: s.atMs! })), revealMs: REVEAL_MS };
}

/** Plays the packets (and a SYNC a second) through the RF channel; share of covered bands right at the reveal and the last band's change. */
function play(venue: ReturnType<typeof stadiumVenue>, out: LogoOnSeats, replay: Replay, lossRate: number, seed: number) {
  const crowd = buildCrowd(venue, { site: SITE, driftPpm: 50, clockSpreadMs: 100_000, seed });
  const rf = new RfChannel(crowd, { transmitters: [{ id: 'main', coverage: 'ALL', lossRate, ...RADIO }], seed });
  const events: Array<{ atMs: number; rf: Uint8Array | ((startMs: number) => Uint8Array) }> = replay.sent.map((s) => ({ atMs: s.atMs, rf: s.rf }));
  for (let t = 0; t < replay.revealMs + 3000; t += 1000) {
    events.push({
      atMs: t + 3, // between live cue bookings
      rf: (start) => {
        const end = start + rf.airtimeMs('main', 8);
        const p: CcbPacket = { site: SITE, seq: 1, target: { kind: 'ALL' }, cmd: 'SYNC', clockMs: Math.round(end) };
        return encodeCcb(p);
      },
    });
  }
  events.sort((a, b) => a.atMs - b.atMs);
  // One seq counter for everything on air, in air order, as the planner hands them out.
  let seq = 0;
  for (const e of events) {
    const bytes = (typeof e.rf === 'function' ? e.rf(e.atMs) : e.rf).slice();
    seq = (seq % 255) + 1;
    bytes[1] = seq;
    rf.transmit({ transmitterId: 'main', rf: bytes, startMs: e.atMs });
    rf.advanceTo(e.atMs);
  }
  rf.flush();
  const n = crowd.count;
  const want = (i: number) => out.image.palette[out.image.index[i]];
  const rgb = new Uint8Array(3 * n);
  const isRight = (i: number) => {
    const c = want(i);
    return rgb[3 * i] === c[0] && rgb[3 * i + 1] === c[1] && rgb[3 * i + 2] === c[2];
  };
  let covered = 0;
  for (let i = 0; i < n; i++) if (out.image.index[i] !== UNCOVERED && crowd.present[i]) covered++;
  // Who is right shortly after the reveal, and when each of them changed.
  crowd.colorsAt(replay.revealMs + 20, rgb, 'rgb');
  const right = new Uint8Array(n);
  let rightCount = 0;
  for (let i = 0; i < n; i++) {
    if (out.image.index[i] === UNCOVERED || !crowd.present[i]) continue;
    if (isRight(i)) {
      right[i] = 1;
      rightCount++;
    }
  }
  // Bands already showing their colour before the window (none expected) are left out of the timing.
  crowd.colorsAt(replay.revealMs - 5, rgb, 'rgb');
  for (let i = 0; i < n; i++) if (right[i] && isRight(i)) right[i] = 0;
  const changedAt = new Float64Array(n).fill(NaN);
  for (let t = replay.revealMs - 2; t <= replay.revealMs + 2; t += 0.01) {
    crowd.colorsAt(t, rgb, 'rgb');
    for (let i = 0; i < n; i++) if (right[i] && Number.isNaN(changedAt[i]) && isRight(i)) changedAt[i] = t;
  }
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!right[i] || Number.isNaN(changedAt[i])) continue;
    first = Math.min(first, changedAt[i]);
    last = Math.max(last, changedAt[i]);
  }
  return { covered, share: rightCount / covered, firstMs: first - replay.revealMs, lastMs: last - replay.revealMs };
}

export async function bench(): Promise<BenchResult[]> {
  const venue = stadiumVenue({ seed: 1 });
  const venueZones = venue.zones.map((z) => z.id);
  const map = seatMapOf(venue);
  const logo = await sharp(Buffer.from(LOGO_SVG)).png().toBuffer();
  const placements = [
    { label: 'whole bowl', p: LogoPlacementSchema.parse({ asset: 'bench', fit: 'fill' }) },
    { label: 'zones 0-7 (half)', p: LogoPlacementSchema.parse({ asset: 'bench', zones: [0, 1, 2, 3, 4, 5, 6, 7], fit: 'fit' }) },
  ];
  const costRows: BenchResult['rows'] = [];
  const playRows: BenchResult['rows'] = [];
  for (const { label, p } of placements) {
    const t0 = performance.now();
    const out = await logoOnSeats(logo, p, map, { venueZones, radios: [{ id: 'main', coverage: 'ALL', ...RADIO }] });
    const pipelineMs = performance.now() - t0;
    const c = out.cost;
    const tx = c.transmitters[0];
    const imageAir = out.encoded.images.reduce((s, q) => s + (Math.ceil(((RADIO.overhead + q.length) * 8e6) / RADIO.bitrate) / 1000), 0);
    costRows.push({
      logo: label,
      seats: map.count,
      covered: out.image.coveredCount,
      colours: out.image.palette.length,
      'IMAGE packets': c.imagePackets,
      'per-seat packets': c.perSeat.packets,
      'packet ratio': c.packetRatio,
      'IMAGE air ms': Math.round(imageAir),
      'per-seat air ms': Math.round(c.perSeat.airMs),
      'air ratio': imageAir / c.perSeat.airMs,
      'round air ms (incl. PALETTE, SHOW_IMAGE)': Math.round(tx.roundAirMs),
      'rasterise+encode ms': Math.round(pipelineMs),
    });
    for (const target of [0.05, 0.2]) {
      const repeats = planRepeats({ lossRate: target });
      const replay = plan(out, repeats, venueZones);
      const preloadCopies = replay.sent.length - repeats.criticalCopies;
      const firstAt = Math.min(...replay.sent.map((s) => s.atMs));
      for (const loss of [0, 0.05, 0.2]) {
        const r = play(venue, out, replay, loss, 7);
        playRows.push({
          logo: label,
          'repeats for': `${target * 100}% loss (${repeats.imageRounds} rounds, ${repeats.criticalCopies} critical)`,
          'preload packets': preloadCopies,
          'preload starts s before': Math.round((REVEAL_MS - firstAt) / 100) / 10,
          loss: `${loss * 100}%`,
          'bands covered': r.covered,
          'right at reveal %': Math.round(r.share * 10000) / 100,
          'first change ms after': Math.round(r.firstMs * 100) / 100,
          'last change ms after': Math.round(r.lastMs * 100) / 100,
        });
      }
    }
  }
  return [
    {
      name: 'Brand logo cost',
      rows: costRows,
      notes: [
        `stadiumVenue() (${map.count} seats, 16 zones); radio ${RADIO.bitrate} bit/s, ${RADIO.overhead} bytes overhead per packet`,
        'per seat = one COLOR packet with a PIXELS target per covered seat (13 bytes)',
      ],
    },
    {
      name: 'Brand logo reveal',
      rows: playRows,
      notes: [
        'live cues hold 25% of the channel; preload capped at 50% of the channel; SHOW_IMAGE copies in the last 600 ms',
        'bands drift up to ±50 ppm, SYNC every second (lost like any packet); change times sampled every 0.01 ms from reveal - 2 ms',
        'SYNC carries whole milliseconds (spec 2.3), so band clocks sit up to 0.5 ms off the controller: bands switch within that of the scheduled time',
        'RF model timing (simulator RfChannel), not the virtual transmitter',
      ],
    },
  ];
}
