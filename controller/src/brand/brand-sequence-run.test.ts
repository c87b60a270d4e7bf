import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { BrandSequenceSchema, decodeCcb, type CcbPacket, type Rgb } from '@crowdcue/protocol';
import { RfChannel, buildCrowd, stadiumVenue } from '@crowdcue/simulator';
import { AirtimeLedger } from '../planner/airtime-ledger';
import { RecordingTransmitter } from '../transmitter/recording-transmitter';
import { Planner } from '../planner/planner';
import { SeqCounter } from '../planner/seq-counter';
import type { PlannedPacket } from '../transmitter/types';
import { BrandSequenceRun, type BrandRunEvent } from './brand-sequence-run';
import { planBrandSequence } from './brand-timeline';
import { logoOnSeats } from './logo-on-seats';
import { planRepeats } from './preload-repeats';
import { UNCOVERED } from './reduce-palette';
import { seatMapOf } from './seat-map';
import { placement, stripesPng } from './fixtures.test-util';

const SITE = 5;
const venue = stadiumVenue({ seats: 4000 });
const venueZones = venue.zones.map((z) => z.id);
const map = seatMapOf(venue);

function setup() {
  const scheduler = new TestScheduler(() => {});
  const tx = new RecordingTransmitter('a');
  const ledger = new AirtimeLedger(() => tx.capabilities()!);
  const seq = new SeqCounter();
  const advanceTo = (ms: number) => {
    scheduler.schedule(() => {}, ms - scheduler.now());
    scheduler.maxFrames = ms;
    scheduler.flush();
  };
  return { scheduler, tx, ledger, seq, advanceTo };
}

const sequence = (steps: unknown[], logoZones?: number[]) =>
  BrandSequenceSchema.parse({ id: 'acme-1', brand: 'acme', name: 'Acme', logo: { asset: 'x', ...(logoZones ? { zones: logoZones } : {}) }, steps });

async function logoImage(zones?: number[]) {
  const logo = await stripesPng([[255, 0, 0], [255, 255, 255], [0, 0, 255]], 60, 30);
  return logoOnSeats(logo, placement(zones ? { zones } : {}), map, { venueZones, radios: [] });
}

const decode = (p: PlannedPacket): CcbPacket => {
  const r = decodeCcb(p.rf);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('BrandSequenceRun', () => {
  it('preloads ahead of the reveal, in free air, then sends SHOW_IMAGE copies with the exact start', async () => {
    const { scheduler, tx, ledger, seq, advanceTo } = setup();
    const img = await logoImage();
    const repeats = planRepeats({ lossRate: 0.05 });
    // Live cues already hold a third of the channel: a 10 ms booking every 30 ms.
    for (let t = 0; t < 30_000; t += 30) ledger.book({ startMs: t, endMs: t + 10, airMs: 9, purpose: 'cue' }, 1);
    const plan = planBrandSequence({
      sequence: sequence([{ kind: 'reveal', duration: 5000, fade: 0 }, { kind: 'hold', duration: 2000 }]),
      startMs: 20_000,
      venueZones,
      parades: [],
      image: { encoded: img.encoded, repeats, background: [0, 0, 0] },
    });
    const run = new BrandSequenceRun(plan, { scheduler, channels: [{ tx, ledger }], nextSeq: () => seq.next(), site: SITE, bandTime: (ms) => ms });
    const events: BrandRunEvent[] = [];
    run.events$.subscribe((e) => events.push(e));
    expect(run.estimate!.feasible).toBe(true);
    run.start();
    advanceTo(30_000);

    const images = tx.sent.filter((p) => decode(p).cmd === 'IMAGE');
    const palettes = tx.sent.filter((p) => decode(p).cmd === 'PALETTE');
    const shows = tx.sent.filter((p) => decode(p).cmd === 'SHOW_IMAGE');
    expect(images).toHaveLength(img.encoded.images.length * repeats.imageRounds);
    expect(palettes).toHaveLength(repeats.criticalCopies);
    expect(shows).toHaveLength(repeats.criticalCopies);
    const lastPreload = Math.max(...[...images, ...palettes].map((p) => p.atMs!));
    const firstShow = Math.min(...shows.map((p) => p.atMs!));
    expect(lastPreload).toBeLessThan(firstShow);
    for (const p of shows) {
      expect(decode(p)).toMatchObject({ cmd: 'SHOW_IMAGE', startMs: 20_000, fadeMs: 0 });
      expect(p.atMs! + ledger.airMs(p.rf.length)).toBeLessThanOrEqual(20_000);
    }
    // Never on top of a live booking: each brand packet starts in a gap of the cue pattern.
    for (const p of tx.sent) expect(p.atMs! % 30).toBeGreaterThanOrEqual(10);
    expect(new Set(tx.sent.map((p) => p.seq)).size).toBe(tx.sent.length);
    expect(events.map((e) => e.type)).toEqual(['preload-started', 'preload-done', 'reveal', 'ended']);
    const result = await run.done;
    expect(result).toMatchObject({ actualStartMs: 20_000, actualEndMs: 27_000, stopped: false, showImageCopies: repeats.criticalCopies });
    expect(result.airtime[0].transmissions).toBe(tx.sent.length);
  });

  it(`with 5% loss, at least 99% of covered bands show the right colour at the reveal`, async () => {
    const { scheduler, tx, ledger, seq, advanceTo } = setup();
    const img = await logoImage();
    const repeats = planRepeats({ lossRate: 0.05 });
    const plan = planBrandSequence({
      sequence: sequence([{ kind: 'reveal', duration: 3000 }]),
      startMs: 15_000,
      venueZones,
      parades: [],
      image: { encoded: img.encoded, repeats, background: [0, 0, 0] },
    });
    new BrandSequenceRun(plan, { scheduler, channels: [{ tx, ledger }], nextSeq: () => seq.next(), site: SITE, bandTime: (ms) => ms }).start();
    advanceTo(20_000);

    const crowd = buildCrowd(venue, { site: SITE });
    const rf = new RfChannel(crowd, { transmitters: [{ id: 'a', coverage: 'ALL', lossRate: 0.05, bitrate: 38_400, overhead: 10 }], seed: 3 });
    for (const p of [...tx.sent].sort((a, b) => a.atMs! - b.atMs!)) rf.transmit({ transmitterId: 'a', rf: p.rf, startMs: p.atMs! });
    rf.flush();
    const rgb = new Uint8Array(3 * crowd.count);
    crowd.colorsAt(15_001, rgb, 'rgb');
    let right = 0;
    for (let i = 0; i < crowd.count; i++) {
      const want = img.image.palette[img.image.index[i]];
      if (rgb[3 * i] === want[0] && rgb[3 * i + 1] === want[1] && rgb[3 * i + 2] === want[2]) right++;
    }
    expect(img.image.index.every((v) => v !== UNCOVERED)).toBe(true);
    expect(right / crowd.count).toBeGreaterThanOrEqual(0.99);
  });

  it('holds the covered zones on the planner: no cue or refresh reaches them during the sequence, cue looks return after', async () => {
    const { scheduler, seq, advanceTo } = setup();
    const tx = new RecordingTransmitter('a');
    const planner = new Planner({ scheduler, site: SITE, venueZones, transmitters: [tx], epochMs: 0 });
    const img = await logoImage([0, 1, 2, 3]);
    const ledger = new AirtimeLedger(() => tx.capabilities()!);
    const plan = planBrandSequence({
      sequence: sequence([{ kind: 'reveal', duration: 4000 }, { kind: 'wash', duration: 2000, color: [0, 255, 0] }, { kind: 'hold', duration: 4000 }], [0, 1, 2, 3]),
      startMs: 10_000,
      venueZones,
      parades: [],
      image: { encoded: img.encoded, repeats: planRepeats(), background: [0, 0, 0] },
    });
    planner.start();
    const red: Rgb = [200, 0, 0];
    planner.setLooks(venueZones.map((zone) => ({ zone, look: { kind: 'color', rgb: red, fadeMs: 0 } })));
    new BrandSequenceRun(plan, {
      scheduler,
      channels: [{ tx, ledger }],
      nextSeq: () => seq.next(),
      site: SITE,
      bandTime: (ms) => planner.clock.toBand(ms),
      runParade: (p, at, o) => planner.runParade(p, at, o),
    }).start();
    advanceTo(12_000);
    // A cue during the sequence: zones 4.. take it, the covered zones 0..3 do not.
    planner.setLooks(venueZones.map((zone) => ({ zone, look: { kind: 'color', rgb: [0, 0, 200], fadeMs: 0 } })));
    advanceTo(25_000);
    const touches = (p: PlannedPacket, zones: number[]) => {
      const c = decode(p);
      if (c.cmd !== 'COLOR' && c.cmd !== 'EFFECT') return false;
      return c.target.kind === 'ALL' || (c.target.kind === 'ZONES' && c.target.zones.some((z) => zones.includes(z)));
    };
    const during = tx.sent.filter((p) => p.atMs !== null && p.atMs >= plan.reveals[0].showFromMs - 100 && p.atMs < plan.endMs - 50 && touches(p, [0, 1, 2, 3]));
    // Only the wash.
    expect(during.map((p) => decode(p))).toEqual([expect.objectContaining({ cmd: 'COLOR', rgb: [0, 255, 0], target: { kind: 'ZONES', zones: [0, 1, 2, 3] } })]);
    // After the end, the covered zones go back to the cue look of the moment (blue).
    const after = tx.sent.filter((p) => p.atMs !== null && p.atMs >= plan.endMs - 200 && touches(p, [0, 1, 2, 3])).map(decode);
    expect(after[0]).toMatchObject({ cmd: 'COLOR', rgb: [0, 0, 200] });
    planner.stop();
  });

  it('reports a preload that cannot finish when it is scheduled, with figures', async () => {
    const { scheduler, tx, ledger, seq } = setup();
    const img = await logoImage();
    const plan = planBrandSequence({
      sequence: sequence([{ kind: 'reveal', duration: 3000 }]),
      startMs: 1000,
      venueZones,
      parades: [],
      image: { encoded: img.encoded, repeats: planRepeats(), background: [0, 0, 0] },
    });
    const run = new BrandSequenceRun(plan, { scheduler, channels: [{ tx, ledger }], nextSeq: () => seq.next(), site: SITE, bandTime: (ms) => ms });
    expect(run.estimate).toMatchObject({ feasible: false });
    expect(run.estimate!.shortByMs).toBeGreaterThan(0);
    expect(run.estimate!.transmitters[0].copies).toBe(plan.image!.copies.length);
  });
});
