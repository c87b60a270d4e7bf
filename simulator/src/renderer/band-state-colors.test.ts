import { encodeCcb, type CcbCommand, type CcbPacket, type Rgb } from '@crowdcue/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Crowd } from '../crowd/crowd';
import { packedColorsAt } from './band-state-colors';
import { allocPackedBands, packBands, packEffects } from './band-state-pack';

const rgbArb = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })) as fc.Arbitrary<Rgb>;
const startArb = fc.oneof(fc.constant(0xffffffff), fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0xfffff000, max: 0xfffffffe }));
const commandArb: fc.Arbitrary<CcbCommand> = fc.oneof(
  fc.record({ cmd: fc.constant('COLOR' as const), rgb: rgbArb, fadeMs: fc.integer({ min: 0, max: 3000 }) }),
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
  fc.record({ cmd: fc.constant('PALETTE' as const), image: fc.constant(1), colors: fc.array(rgbArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({ cmd: fc.constant('IMAGE' as const), image: fc.constant(1), first: fc.integer({ min: 0, max: 30 }), runs: fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 4 }) }),
  fc.record({ cmd: fc.constant('SHOW_IMAGE' as const), image: fc.constant(1), fadeMs: fc.integer({ min: 0, max: 2000 }), startMs: startArb }),
  fc.constant({ cmd: 'WAKE' as const }),
  fc.constant({ cmd: 'SLEEP' as const }),
);
const stepArb = fc.record({
  dt: fc.integer({ min: 0, max: 900 }),
  first: fc.integer({ min: 0, max: 39 }),
  span: fc.integer({ min: 0, max: 39 }),
  command: commandArb,
});

const N = 40;

function crowd(): Crowd {
  const bands = Array.from({ length: N }, (_, i) => ({
    site: 3,
    zone: (i * 7) % 64,
    pixel: i,
    x: (i * 53) % 256,
    y: (i * 97) % 256,
    present: i % 13 !== 5,
    driftPpm: ((i * 37) % 201) - 100,
    clockMs: i % 3 === 0 ? 0xffffff00 + i : i * 1000,
  }));
  return new Crowd(bands);
}

describe('band state packed for the renderer', () => {
  it("gives the crowd model's colours, kept in step only through the ranges watch reports", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 2000 }), (steps, look) => {
        const c = crowd();
        const packed = allocPackedBands(N);
        packBands(c.bandState(), packed, 0, N - 1);
        let effects = packEffects(c.bandState().effects);
        c.watch((lo, hi, fx) => {
          packBands(c.bandState(), packed, lo, hi);
          if (fx) effects = packEffects(c.bandState().effects);
        });
        let at = 10_000.25;
        const want = new Uint8Array(4 * N);
        const got = new Uint32Array(N);
        steps.forEach((s, k) => {
          at += s.dt;
          const target = { kind: 'PIXELS' as const, first: s.first, last: Math.min(N - 1, s.first + s.span) };
          c.receive(encodeCcb({ site: 3, seq: (k % 255) + 1, target, ...s.command } as CcbPacket), at);
          // Not at the packet's own instant: there an effect started on receipt sits exactly on a
          // cycle boundary, where the drift held as a 32-bit float may land either side.
          for (const t of [at + 0.37, at + look + 0.5]) {
            c.colorsAt(t, want);
            packedColorsAt(packed, effects, t, got);
            for (let i = 0; i < N; i++) {
              const g = [got[i] & 0xff, (got[i] >>> 8) & 0xff, (got[i] >>> 16) & 0xff, got[i] >>> 24];
              for (let ch = 0; ch < 4; ch++) {
                // Drift is held as a 32-bit float: a fade or a phase may round the other way, never further.
                if (Math.abs(g[ch] - want[4 * i + ch]) > 1) {
                  expect({ band: i, t, channel: ch, packed: g, model: Array.from(want.subarray(4 * i, 4 * i + 4)) }).toBeNull();
                }
              }
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('stays in step across effect table compactions (every reference renumbered)', () => {
    const c = crowd();
    const packed = allocPackedBands(N);
    packBands(c.bandState(), packed, 0, N - 1);
    let effects = packEffects(c.bandState().effects);
    let all = 0;
    c.watch((lo, hi, fx) => {
      if (lo === 0 && hi === N - 1) all++;
      packBands(c.bandState(), packed, lo, hi);
      if (fx) effects = packEffects(c.bandState().effects);
    });
    let at = 5000;
    for (let k = 0; k < 700; k++) {
      at += 3;
      const first = (k * 7) % N;
      c.receive(
        encodeCcb({ site: 3, seq: (k % 255) + 1, target: { kind: 'PIXELS', first, last: first }, cmd: 'EFFECT', shape: 'SINE', c1: [k % 256, 9, 200], c2: [0, 255 - (k % 256), 3], periodMs: 500 + k, axis: 'LINEAR', dir: k % 256, spread: 20, startMs: 0xffffffff }),
        at,
      );
    }
    expect(all).toBeGreaterThan(0);
    const want = new Uint8Array(4 * N);
    const got = new Uint32Array(N);
    c.colorsAt(at + 123.4, want);
    packedColorsAt(packed, effects, at + 123.4, got);
    for (let i = 0; i < N; i++) {
      const g = [got[i] & 0xff, (got[i] >>> 8) & 0xff, (got[i] >>> 16) & 0xff, got[i] >>> 24];
      g.forEach((v, ch) => expect(Math.abs(v - want[4 * i + ch])).toBeLessThanOrEqual(1));
    }
  });
});
