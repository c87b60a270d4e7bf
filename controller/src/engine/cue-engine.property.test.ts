import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TestScheduler } from 'rxjs/testing';
import { CueEngine } from './cue-engine';
import type { CommandResult, LooksFrame } from './engine-types';
import { lookColour } from './look-colour';
import { testShow } from './test-show';

const command = fc.oneof(
  fc.constant((e: CueEngine) => e.go()),
  fc.constant((e: CueEngine) => e.back()),
  fc.constant((e: CueEngine) => e.pause()),
  fc.constant((e: CueEngine) => e.resume()),
  fc.constant((e: CueEngine) => e.stop()),
  fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'nope').map((id) => (e: CueEngine) => e.goto(id)),
);

describe('CueEngine (property)', () => {
  it('any sequence of commands at any times: no throw, every frame whole and consistent', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), command), { maxLength: 30 }), (script) => {
        const ts = new TestScheduler(() => {});
        const frames: LooksFrame[] = [];
        const results: CommandResult[] = [];
        let warnings = 0;
        ts.run(() => {
          const engine = new CueEngine({ show: testShow(), scheduler: ts });
          engine.looks$.subscribe((f) => frames.push(f));
          engine.events$.subscribe((e) => e.type === 'warning' && warnings++);
          for (const [t, c] of script) ts.schedule(() => results.push(c(engine)), t);
          ts.schedule(() => {
            const s = engine.state;
            expect(s.status).toBe(engine.clock.state);
            engine.dispose();
          }, 5000);
        });
        for (const f of frames) {
          expect(f.zones.map((z) => z.zone)).toEqual([0, 1, 2]);
          for (const z of f.changed) expect([0, 1, 2]).toContain(z);
          for (const z of f.zones) {
            expect(z.fadeMs).toBeGreaterThanOrEqual(0);
            const c = lookColour(z.fromLook);
            if (c) for (const v of c) expect(Number.isInteger(v) && v >= 0 && v <= 255).toBe(true);
          }
        }
        // every refusal was also a warning (clamps warn without refusing)
        expect(warnings).toBeGreaterThanOrEqual(results.filter((r) => !r.ok).length);
      }),
      { numRuns: 200 },
    );
  });
});

/** What a zone shows at `t` according to the frames published up to then. */
function colourAt(frames: readonly LooksFrame[], zone: number, t: number): number[] | string {
  let frame: LooksFrame | undefined;
  for (const f of frames) if (f.atMs <= t) frame = f;
  const s = frame?.zones.find((z) => z.zone === zone);
  if (s === undefined) return 'none';
  const from = lookColour(s.fromLook);
  const to = lookColour(s.look);
  if (from === undefined || to === undefined) return s.look.kind;
  const f = t < s.startMs ? 0 : s.fadeMs <= 0 ? 1 : Math.min(1, (t - s.startMs) / s.fadeMs);
  return from.map((a, i) => a + (to[i] - a) * f);
}

describe('CueEngine pause (property)', () => {
  it('a pause of any length at any moment shifts what follows by exactly that length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 500 }),
        (g1, g2gap, p, d) => {
          const gos = [0, g1, g1 + g2gap];
          fc.pre(!gos.includes(p));
          const run = (pause: boolean): LooksFrame[] => {
            const frames: LooksFrame[] = [];
            const sched = new TestScheduler(() => {});
            sched.run(() => {
              const engine = new CueEngine({ show: testShow(), scheduler: sched });
              engine.looks$.subscribe((f) => frames.push(f));
              if (pause) {
                sched.schedule(() => engine.pause(), p);
                sched.schedule(() => engine.resume(), p + d);
              }
              for (const g of gos) sched.schedule(() => engine.go(), pause && g > p ? g + d : g);
            });
            return frames;
          };
          const plain = run(false);
          const paused = run(true);
          for (let t = 0; t <= 2000; t += 10) {
            for (const zone of [0, 1]) {
              const a = colourAt(plain, zone, t);
              const b = colourAt(paused, zone, t < p ? t : t + d);
              if (typeof a === 'string' || typeof b === 'string') expect(b).toEqual(a);
              else for (let i = 0; i < 3; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
