import { encodeCcb, type CcbCommand, type CcbPacket, type CcbTarget, type Rgb } from '@crowdcue/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Band, type BandIdentity } from '../band/band';
import { Crowd } from './crowd';

const rgbArb = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })) as fc.Arbitrary<Rgb>;
const startArb = fc.oneof(fc.constant(0xffffffff), fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0xfffff000, max: 0xfffffffe }));

const ZONES = [0, 1, 5, 63];

const commandArb: fc.Arbitrary<CcbCommand> = fc.oneof(
  fc.record({ cmd: fc.constant('COLOR' as const), rgb: rgbArb, fadeMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })) }),
  fc.record({
    cmd: fc.constant('EFFECT' as const),
    shape: fc.constantFrom('SQUARE', 'SINE', 'RAMP', 'RAINBOW', 'SPARKLE'),
    c1: rgbArb,
    c2: rgbArb,
    periodMs: fc.integer({ min: 1, max: 3000 }),
    axis: fc.constantFrom('NONE', 'LINEAR', 'RADIAL', 'ZONE'),
    dir: fc.integer({ min: 0, max: 255 }),
    spread: fc.integer({ min: 0, max: 255 }),
    startMs: startArb,
  }),
  fc.record({ cmd: fc.constant('MASTER' as const), level: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ cmd: fc.constant('SYNC' as const), clockMs: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0xffffe000, max: 0xffffffff })) }),
  fc.record({ cmd: fc.constant('PALETTE' as const), image: fc.integer({ min: 0, max: 2 }), colors: fc.array(rgbArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({
    cmd: fc.constant('IMAGE' as const),
    image: fc.integer({ min: 0, max: 2 }),
    first: fc.integer({ min: 0, max: 12 }),
    runs: fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(0xff))), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ cmd: fc.constant('SHOW_IMAGE' as const), image: fc.integer({ min: 0, max: 2 }), fadeMs: fc.integer({ min: 0, max: 2000 }), startMs: startArb }),
  fc.constant({ cmd: 'WAKE' as const }),
  fc.constant({ cmd: 'SLEEP' as const }),
  // Lists that hold the bands' zones, miss some, and zones no band is in.
  fc
    .record({
      first: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(54)),
      // 10 entries fit beside a ZONES mask.
      colors: fc.array(rgbArb, { minLength: 1, maxLength: 10 }),
      fadeMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
    })
    .map(({ first, colors, fadeMs }) => ({ cmd: 'ZONE_COLORS' as const, form: 'RUN' as const, fadeMs, zones: colors.map((c, k): [number, Rgb] => [first + k, c]) })),
  fc
    .record({
      zones: fc.uniqueArray(fc.constantFrom(...ZONES, 2, 40), { minLength: 1, maxLength: 6 }),
      colors: fc.array(rgbArb, { minLength: 6, maxLength: 6 }),
      fadeMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
    })
    .map(({ zones, colors, fadeMs }) => ({ cmd: 'ZONE_COLORS' as const, form: 'LIST' as const, fadeMs, zones: zones.map((z, k): [number, Rgb] => [z, colors[k]]) })),
);

const targetArb: fc.Arbitrary<CcbTarget> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'ALL' as const }), weight: 3 },
  fc.subarray(ZONES).map((zones) => ({ kind: 'ZONES' as const, zones })),
  fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 25 })).map(([a, b]) => ({ kind: 'PIXELS' as const, first: Math.min(a, b), last: Math.max(a, b) })),
);

const BANDS = 7;
const bandArb: fc.Arbitrary<BandIdentity & { driftPpm: number; clockMs: number }> = fc.record({
  site: fc.oneof({ arbitrary: fc.constant(7), weight: 5 }, fc.constant(8)),
  zone: fc.constantFrom(...ZONES),
  pixel: fc.oneof(fc.integer({ min: 0, max: 25 }), fc.constant(0xffff)),
  x: fc.integer({ min: 0, max: 255 }),
  y: fc.integer({ min: 0, max: 255 }),
  driftPpm: fc.oneof(fc.constant(0), fc.integer({ min: -200, max: 200 })),
  clockMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffffffff })),
});

const stepArb = fc.record({
  dt: fc.integer({ min: 0, max: 700 }),
  seq: fc.integer({ min: 1, max: 12 }),
  target: targetArb,
  command: commandArb,
  /** Cut the packet short (malformed) this many bytes, 0 = intact. */
  cut: fc.oneof({ arbitrary: fc.constant(0), weight: 9 }, fc.integer({ min: 1, max: 3 })),
  reached: fc.array(fc.boolean(), { minLength: BANDS, maxLength: BANDS }),
  look: fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: 1, maxLength: 3 }),
});

describe('Crowd', () => {
  it('gives exactly the reference Band\'s colours on random packet sequences', () => {
    fc.assert(
      fc.property(fc.array(bandArb, { minLength: BANDS, maxLength: BANDS }), fc.array(stepArb, { minLength: 1, maxLength: 25 }), (ids, steps) => {
        const crowd = new Crowd(ids);
        const bands = ids.map((id) => new Band(id, { clockMs: id.clockMs }));
        const rate = ids.map((id) => 1 + id.driftPpm * 1e-6);
        const rgba = new Uint8Array(4 * BANDS);
        let now = 0;
        for (const s of steps) {
          now += s.dt;
          const packet = { site: 7, seq: s.seq, target: s.target, ...s.command } as CcbPacket;
          let bytes = encodeCcb(packet);
          if (s.cut) bytes = bytes.slice(0, Math.max(0, bytes.length - s.cut));
          const reached = Uint8Array.from(s.reached, (r) => (r ? 1 : 0));
          crowd.receive(bytes, now, reached);
          bands.forEach((b, i) => reached[i] && b.receive(bytes, now * rate[i]));
          for (const later of [0, ...s.look]) {
            const at = now + later;
            crowd.colorsAt(at, rgba);
            for (let i = 0; i < BANDS; i++) {
              const want = bands[i].colorAt(at * rate[i]);
              expect([rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]], `band ${i} at ${at}`).toEqual(want);
              expect(crowd.colorOf(i, at)).toEqual(want);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('writes RGBA with alpha 0 for empty seats, or RGB', () => {
    const crowd = new Crowd([
      { site: 1, zone: 0, pixel: 0, x: 0, y: 0 },
      { site: 1, zone: 0, pixel: 1, x: 0, y: 0, present: false },
    ]);
    crowd.receive(encodeCcb({ site: 1, seq: 1, target: { kind: 'ALL' }, cmd: 'COLOR', rgb: [10, 20, 30], fadeMs: 0 }), 0);
    const rgba = new Uint8Array(8);
    crowd.colorsAt(0, rgba);
    expect([...rgba]).toEqual([10, 20, 30, 255, 0, 0, 0, 0]);
    const rgb = new Uint8Array(6);
    crowd.colorsAt(0, rgb, 'rgb');
    expect([...rgb]).toEqual([10, 20, 30, 0, 0, 0]);
    expect(() => crowd.colorsAt(0, new Uint8Array(7))).toThrow(/8 needed/);
    expect(crowd.bandCount).toBe(1);
  });

  it('takes typed arrays and checks their lengths', () => {
    const n = 3;
    const crowd = new Crowd({ site: 2, zone: new Uint8Array(n), pixel: Uint16Array.of(0, 1, 2), x: new Uint8Array(n), y: new Uint8Array(n) });
    expect(crowd.count).toBe(3);
    expect([...crowd.site]).toEqual([2, 2, 2]);
    expect(() => new Crowd({ site: 2, zone: new Uint8Array(n), pixel: new Uint16Array(2), x: new Uint8Array(n), y: new Uint8Array(n) })).toThrow(/pixel has 2/);
    expect(() => crowd.receive(Uint8Array.of(2, 1, 8, 0), 0, new Uint8Array(2))).toThrow(/reached has 2 entries, the crowd 3/);
  });

  it('drifting clocks spread an effect\'s phase over time, and SYNC pulls them together', () => {
    const crowd = new Crowd([
      { site: 1, zone: 0, pixel: 0, x: 0, y: 0, driftPpm: 100 },
      { site: 1, zone: 0, pixel: 1, x: 0, y: 0, driftPpm: -100 },
    ]);
    const send = (seq: number, cmd: CcbCommand, at: number) => crowd.receive(encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, ...cmd }), at);
    send(1, { cmd: 'SYNC', clockMs: 0 }, 0);
    send(2, { cmd: 'EFFECT', shape: 'SQUARE', c1: [255, 0, 0], c2: [0, 0, 255], periodMs: 100, axis: 'NONE', dir: 0, spread: 0, startMs: 0 }, 0);
    // After 300 s the clocks are 60 ms apart: at 10 ms in, one reads 40 ms into the period and the other 80.
    expect(crowd.colorOf(0, 300_000 + 10)).not.toEqual(crowd.colorOf(1, 300_000 + 10));
    send(3, { cmd: 'SYNC', clockMs: 300_000 }, 300_000);
    expect(crowd.colorOf(0, 300_000 + 10)).toEqual(crowd.colorOf(1, 300_000 + 10));
  });

  it('keeps its effect and palette tables small over many packets', () => {
    const crowd = new Crowd([{ site: 1, zone: 0, pixel: 0, x: 0, y: 0 }]);
    const band = new Band({ site: 1, zone: 0, pixel: 0, x: 0, y: 0 });
    for (let k = 0; k < 2000; k++) {
      const seq = (k % 255) + 1;
      const cmd: CcbCommand =
        k % 2 === 0
          ? { cmd: 'EFFECT', shape: 'SINE', c1: [k % 256, 0, 0], c2: [0, 0, 0], periodMs: 100 + k, axis: 'NONE', dir: 0, spread: 0, startMs: 0xffffffff }
          : { cmd: 'PALETTE', image: k % 8, colors: [[k % 256, 1, 2]] };
      const bytes = encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, ...cmd });
      crowd.receive(bytes, k);
      band.receive(bytes, k);
    }
    const tables = crowd as unknown as { effects: unknown[]; palettes: unknown[] };
    expect(tables.effects.length).toBeLessThan(300);
    expect(tables.palettes.length).toBeLessThan(300);
    expect(crowd.colorOf(0, 5000)).toEqual(band.colorAt(5000));
  });
});
