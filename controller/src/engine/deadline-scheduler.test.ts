import { describe, expect, it } from 'vitest';
import { delay, interval, observeOn, of, take, timer, toArray, firstValueFrom } from 'rxjs';
import { DeadlineScheduler } from './deadline-scheduler';
import { FakeDeadlineHost } from './fake-deadline-host';
import { atTime, everyPeriod, scheduleAt } from './at-time';

function fake(earlyMs = 0.9) {
  const host = new FakeDeadlineHost(earlyMs);
  const scheduler = new DeadlineScheduler({ host, guardMs: 2 });
  return { host, scheduler };
}

describe('DeadlineScheduler (virtual host)', () => {
  it('runs actions at their deadline, in deadline order, never before', () => {
    const { host, scheduler } = fake();
    const fired: Array<{ name: string; at: number; deadline: number }> = [];
    for (const [name, d] of [['c', 30], ['a', 10], ['b', 20], ['a2', 10]] as const) {
      scheduler.schedule(() => fired.push({ name, at: host.now(), deadline: d }), d);
    }
    host.advanceTo(100);
    expect(fired.map((f) => f.name)).toEqual(['a', 'a2', 'b', 'c']);
    for (const f of fired) expect(f.at).toBe(f.deadline);
    expect(scheduler.latency()).toMatchObject({ count: 4, early: 0 });
  });

  it('holds one timer however many deadlines are pending', () => {
    const { host, scheduler } = fake();
    let count = 0;
    for (let i = 0; i < 1000; i++) scheduler.schedule(() => count++, 5 + ((i * 7919) % 500));
    expect(host.armed).toBe(1);
    expect(scheduler.pending).toBe(1000);
    host.advanceTo(600);
    expect(count).toBe(1000);
    expect(host.maxArmed).toBe(1);
    expect(host.armed).toBe(0);
  });

  it('wakes early by the guard and waits out the rest on the clock', () => {
    const { host, scheduler } = fake(0);
    let at = -1;
    scheduler.schedule(() => (at = host.now()), 50);
    host.advanceTo(47.9);
    expect(at).toBe(-1);
    host.advanceTo(48);
    expect(at).toBe(50);
    expect(host.waits).toBe(1);
  });

  it('re-arms when a timer fires more than the guard too early', () => {
    const host = new FakeDeadlineHost(0.9);
    const scheduler = new DeadlineScheduler({ host, guardMs: 0.5 });
    let at = -1;
    scheduler.schedule(() => (at = host.now()), 50);
    host.advanceTo(100);
    expect(at).toBe(50);
    expect(host.timersSet).toBeGreaterThan(1);
  });

  it('cancels: an unsubscribed action never runs and an empty heap holds no timer', () => {
    const { host, scheduler } = fake();
    let ran = false;
    const sub = scheduler.schedule(() => (ran = true), 10);
    sub.unsubscribe();
    expect(host.armed).toBe(0);
    host.advanceTo(50);
    expect(ran).toBe(false);
  });

  it('a periodic action reschedules from its previous deadline, not from when it ran', () => {
    const { host, scheduler } = fake();
    const fires: number[] = [];
    const sub = timer(10, 10, scheduler).subscribe(() => {
      fires.push(host.now());
      host.time += 3; // the work itself takes 3 ms
    });
    host.advanceTo(65);
    sub.unsubscribe();
    expect(fires).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('catches up after a stall without drifting the train', () => {
    const { host, scheduler } = fake();
    const fires: number[] = [];
    const sub = interval(10, scheduler).subscribe(() => fires.push(host.now()));
    host.advanceTo(10);
    host.time = 45; // the loop was blocked for 35 ms
    host.advanceTo(65);
    sub.unsubscribe();
    expect(fires.slice(0, 1)).toEqual([10]);
    // the missed deadlines 20, 30, 40 run late but the train keeps its phase
    expect(fires.slice(1, 4).every((t) => t >= 45)).toBe(true);
    expect(fires.slice(4)).toEqual([50, 60]);
  });

  it('a zero-delay action rescheduling itself yields to the loop each time', () => {
    const { host, scheduler } = fake();
    let n = 0;
    scheduler.schedule(function (this: { schedule(s?: unknown, d?: number): unknown }) {
      n++;
      if (n < 5) this.schedule(undefined, 0);
    }, 0);
    host.advanceTo(0);
    expect(n).toBe(5);
    expect(host.timersSet).toBeGreaterThanOrEqual(5);
  });

  it('an action scheduled earlier than the armed one re-arms the timer', () => {
    const { host, scheduler } = fake();
    const fired: number[] = [];
    scheduler.schedule(() => fired.push(host.now()), 100);
    scheduler.schedule(() => fired.push(host.now()), 20);
    host.advanceTo(200);
    expect(fired).toEqual([20, 100]);
  });

  it('rescheduling a pending action from outside moves its deadline', () => {
    const { host, scheduler } = fake();
    const fired: number[] = [];
    const action = scheduler.schedule(() => fired.push(host.now()), 100) as unknown as {
      schedule(s?: unknown, d?: number): unknown;
    };
    host.advanceTo(10);
    action.schedule(undefined, 5);
    host.advanceTo(200);
    expect(fired).toEqual([15]);
  });

  it('an error in one action reaches onError and the others still run', () => {
    const host = new FakeDeadlineHost();
    const errors: unknown[] = [];
    const scheduler = new DeadlineScheduler({ host, onError: (e) => errors.push(e) });
    const fired: string[] = [];
    scheduler.schedule(() => {
      throw new Error('boom');
    }, 10);
    scheduler.schedule(() => fired.push('after'), 10);
    host.advanceTo(20);
    expect(errors).toHaveLength(1);
    expect(fired).toEqual(['after']);
  });

  it('drives rxjs operators: delay, observeOn, timer', () => {
    const { host, scheduler } = fake();
    const seen: Array<[string, number]> = [];
    of('a').pipe(delay(25, scheduler)).subscribe((v) => seen.push([v, host.now()]));
    of('b').pipe(observeOn(scheduler, 5)).subscribe((v) => seen.push([v, host.now()]));
    timer(12, scheduler).subscribe(() => seen.push(['t', host.now()]));
    host.advanceTo(100);
    expect(seen).toEqual([
      ['b', 5],
      ['t', 12],
      ['a', 25],
    ]);
  });

  it('absolute-time helpers fire exactly at the given times', () => {
    const { host, scheduler } = fake();
    host.advanceTo(3.25);
    const fired: number[] = [];
    scheduleAt(scheduler, 17.5, () => fired.push(host.now()));
    atTime(scheduler, 9.75).subscribe((t) => fired.push(t));
    const sub = everyPeriod(scheduler, 20, 7.5).subscribe(() => fired.push(host.now()));
    host.advanceTo(36);
    sub.unsubscribe();
    expect(fired).toEqual([9.75, 17.5, 20, 27.5, 35]);
  });
});

describe('DeadlineScheduler (real clock)', () => {
  it('fires in deadline order and never before the deadline', async () => {
    const scheduler = new DeadlineScheduler();
    const start = scheduler.now();
    const n = 40;
    const deadlines = Array.from({ length: n }, (_, i) => start + 5 + ((i * 37) % 60));
    const fires = await new Promise<Array<{ i: number; at: number }>>((resolve) => {
      const out: Array<{ i: number; at: number }> = [];
      deadlines.forEach((d, i) =>
        scheduler.scheduleAt(d, () => {
          out.push({ i, at: performance.now() });
          if (out.length === n) resolve(out);
        }),
      );
    });
    for (const f of fires) expect(f.at).toBeGreaterThanOrEqual(deadlines[f.i]);
    const order = fires.map((f) => deadlines[f.i]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(scheduler.latency().early).toBe(0);
    expect(scheduler.pending).toBe(0);
  });

  it('interval on the real clock keeps absolute deadlines', async () => {
    const scheduler = new DeadlineScheduler();
    const start = scheduler.now();
    const at = await firstValueFrom(interval(3, scheduler).pipe(take(10), toArray()));
    expect(at).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(scheduler.now() - start).toBeGreaterThanOrEqual(30);
  });
});
