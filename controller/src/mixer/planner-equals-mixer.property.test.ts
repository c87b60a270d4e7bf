/**
 * The planner puts on air what the mixer says: any commands on two playbacks,
 * busks, desk input, faders and blackout, planned into CCB packets, received
 * by the simulator's bands at the end of each transmission, leave every band
 * showing the colour the mixer says its zone shows (once fades are done).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { airtimeUs, type Look, type Rgb } from '@crowdcue/protocol';
import { Band } from '@crowdcue/simulator';
import { CueEngine } from '../engine/cue-engine';
import { applyMaster, lookColour } from '../engine/look-colour';
import { BLUE, GREEN, testShow } from '../engine/test-show';
import { Planner } from '../planner/planner';
import type { PlannedPacket, Transmitter, TransmitterHealth } from '../transmitter/types';
import { feedPlanner } from './feed-planner';
import { ZoneMixer } from './zone-mixer';

const SITE = 7;
const BITRATE = 38_400;
const OVERHEAD = 10;

/** A device queue: keeps what it is handed, with the time it goes on air; FLUSH drops what has not gone yet. */
class QueueTransmitter implements Transmitter {
  readonly id = 'q';
  readonly url = 'queue:q';
  readonly coverage = 'ALL' as const;
  readonly health$ = EMPTY as unknown as Transmitter['health$'];
  readonly onAir$ = EMPTY as unknown as Transmitter['onAir$'];
  readonly queue: Array<{ startMs: number; rf: Uint8Array; purpose: PlannedPacket['purpose'] }> = [];
  constructor(private readonly now: () => number) {}
  capabilities() {
    return { name: 'queue', rfMax: 48, queueCap: 64, bitrate: BITRATE, overhead: OVERHEAD, timedSend: true };
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  send(p: PlannedPacket): void {
    this.queue.push({ startMs: p.atMs ?? this.now(), rf: p.rf, purpose: p.purpose });
  }
  flush(obsolete?: (p: PlannedPacket) => boolean): void {
    const now = this.now();
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const q = this.queue[i];
      if (q.startMs > now && (!obsolete || obsolete({ purpose: q.purpose } as PlannedPacket))) this.queue.splice(i, 1);
    }
  }
  health(): TransmitterHealth | undefined {
    return undefined;
  }
}

const colour = (rgb: Rgb, fade?: number): Look => ({ kind: 'color', color: rgb, ...(fade !== undefined ? { fade } : {}) });
const looks = [colour(BLUE), colour(GREEN, 200), colour([40, 80, 120], 300), { kind: 'off' } as Look];
const zonesArb = fc.subarray([0, 1, 2], { minLength: 1 });

type Rig = { a: CueEngine; b: CueEngine; m: ZoneMixer };
const command = fc.oneof(
  fc.constant((r: Rig) => r.a.go()),
  fc.constant((r: Rig) => r.a.back()),
  fc.constant((r: Rig) => r.a.stop()),
  fc.constantFrom('c1', 'c2', 'c4', 'c5').map((c) => (r: Rig) => r.a.goto(c)),
  fc.constant((r: Rig) => r.b.go()),
  fc.constant((r: Rig) => r.b.stop()),
  fc.tuple(zonesArb, fc.constantFrom(...looks)).map(([z, l]) => (r: Rig) => r.m.busk(z, l)),
  zonesArb.map((z) => (r: Rig) => r.m.release(z)),
  fc.tuple(zonesArb, fc.constantFrom(...looks)).map(([z, l]) => (r: Rig) => r.m.setSource('desk', z.map((zone) => ({ zone, look: l })))),
  fc.constant((r: Rig) => r.m.setSource('desk', null)),
  fc.boolean().map((on) => (r: Rig) => r.m.setBlackout(on)),
  fc.integer({ min: 0, max: 255 }).map((l) => (r: Rig) => r.m.setLevel('b', l)),
);

describe('planner = mixer (property)', () => {
  it('after any commands, every band shows what the mixer says its zone shows', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 12 }), fc.integer({ min: -1, max: 1 }), (script, bPriority) => {
        const ts = new TestScheduler(() => undefined);
        // No effects in these lists: a band's effect colour depends on its seat and the moment.
        const show = testShow((s) => {
          const main = s.cueLists?.[0];
          if (main?.cues) main.cues = main.cues.filter((c) => c.id !== 'c3');
          s.cueLists = [
            ...(s.cueLists ?? []),
            { id: 'b', name: 'B', priority: bPriority, cues: [{ id: 'b1', number: 1, looks: { zone0: colour(GREEN), zone2: colour([9, 9, 9], 100) } }, { id: 'b2', number: 2, looks: { all: colour([200, 0, 100]) } }] },
          ];
        });
        const tx = new QueueTransmitter(() => ts.now());
        const checks: Array<{ t: number; want: Rgb[] }> = [];
        ts.run(() => {
          const a = new CueEngine({ show, scheduler: ts, cueListId: 'main', lookaheadMs: 250 });
          const b = new CueEngine({ show, scheduler: ts, cueListId: 'b', timeline: false, lookaheadMs: 250 });
          const m = new ZoneMixer({ zones: a.zones, scheduler: ts });
          m.addPlayback({ id: 'main', name: 'Main' });
          m.addPlayback({ id: 'b', name: 'B', priority: bPriority });
          const planner = new Planner({ scheduler: ts, site: SITE, venueZones: a.zones, transmitters: [tx], epochMs: 0, precedence: { shows: (z, t) => m.shows(z, t) }, asapMarginMs: 5 });
          for (const [id, e] of [['main', a], ['b', b]] as const) {
            e.looks$.subscribe((f) => f.changed.length > 0 && m.playbackLooks(id, f, (c) => c));
            e.events$.subscribe((ev) => ev.type === 'cue-fired' && m.noteGo(id));
          }
          const cues = new Map(show.cueLists.flatMap((l) => l.cues.map((c) => [c.id, c] as const)));
          feedPlanner(m, planner, { now: () => ts.now(), cueOf: (id) => cues.get(id) });
          planner.start();
          const rig = { a, b, m };
          script.forEach((c, i) => {
            ts.schedule(() => c(rig), 1000 * i + 10);
            // Well after the command: every fade done, every packet landed.
            ts.schedule(() => {
              const level = m.blackout ? 0 : m.master;
              checks.push({
                t: ts.now(),
                want: m.zonesAt().map((z) => applyMaster(z.look && z.source !== 'blackout' ? (lookColour(z.look) ?? [0, 0, 0]) : [0, 0, 0], level)),
              });
            }, 1000 * i + 990);
          });
          ts.schedule(() => planner.stop(), 1000 * script.length + 10);
        });
        const bands = [0, 1, 2].map((zone) => new Band({ site: SITE, zone, pixel: 0xffff, x: 0, y: 0 }));
        const onAir = tx.queue.map((q) => ({ ...q, landMs: q.startMs + airtimeUs(q.rf.length, BITRATE, OVERHEAD) / 1000 })).sort((x, y) => x.landMs - y.landMs);
        let next = 0;
        for (const check of checks) {
          while (next < onAir.length && onAir[next].landMs <= check.t) {
            for (const band of bands) band.receive(onAir[next].rf, onAir[next].landMs);
            next++;
          }
          expect({ t: check.t, shows: bands.map((band) => band.colorAt(check.t)) }).toEqual({ t: check.t, shows: check.want });
        }
      }),
      { numRuns: 60 },
    );
  });
});
