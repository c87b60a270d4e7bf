import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DeadlineScheduler } from './deadline-scheduler';
import { FakeDeadlineHost } from './fake-deadline-host';

type Op = { kind: 'schedule'; delay: number } | { kind: 'cancel'; pick: number } | { kind: 'advance'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('schedule' as const), delay: fc.double({ min: 0, max: 50, noNaN: true }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.double({ min: 0, max: 20, noNaN: true }) }),
);

describe('DeadlineScheduler (property)', () => {
  it('whatever is scheduled, cancelled and however timers drift early: every live action runs once, at its deadline, in order', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.double({ min: 0, max: 0.95, noNaN: true }), (ops, earlyMs) => {
        const host = new FakeDeadlineHost(earlyMs);
        const scheduler = new DeadlineScheduler({ host, guardMs: 2 });
        const actions: Array<{ deadline: number; sub: { unsubscribe(): void }; cancelled: boolean; ranAt: number[] }> = [];
        for (const o of ops) {
          if (o.kind === 'schedule') {
            const a = { deadline: host.now() + o.delay, cancelled: false, ranAt: [] as number[], sub: { unsubscribe() {} } };
            a.sub = scheduler.schedule(() => a.ranAt.push(host.now()), o.delay);
            actions.push(a);
          } else if (o.kind === 'cancel' && actions.length > 0) {
            const a = actions[o.pick % actions.length];
            if (a.ranAt.length === 0) {
              a.cancelled = true;
              a.sub.unsubscribe();
            }
          } else if (o.kind === 'advance') host.advanceBy(o.ms);
        }
        host.advanceBy(100);
        const ran = actions.filter((a) => a.ranAt.length > 0);
        for (const a of actions) {
          if (a.cancelled) expect(a.ranAt).toEqual([]);
          else {
            expect(a.ranAt).toHaveLength(1);
            expect(a.ranAt[0]).toBeGreaterThanOrEqual(a.deadline);
          }
        }
        // taken in deadline order, the fire times never go backwards
        const order = [...ran].sort((x, y) => x.deadline - y.deadline).map((a) => a.ranAt[0]);
        expect(order).toEqual([...order].sort((x, y) => x - y));
        expect(scheduler.pending).toBe(0);
        expect(host.armed).toBe(0);
        expect(scheduler.latency().early).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
