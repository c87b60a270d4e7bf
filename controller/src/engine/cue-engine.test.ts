import { describe, expect, it } from 'vitest';
import { map, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { CueEngine, type CueEngineOptions } from './cue-engine';
import type { CommandResult, EngineEvent, EngineState, LooksFrame } from './engine-types';
import { frameText, marblesAt } from './marble-helpers';
import { testShow } from './test-show';

type Script = Array<readonly [number, (e: CueEngine) => unknown]>;

function stateText(s: EngineState): string {
  return `${s.status}:${s.currentCue?.id ?? '-'}:${s.nextCue?.id ?? '-'}:${s.phase ?? '-'}`;
}

function eventText(e: EngineEvent): string {
  switch (e.type) {
    case 'cue-fired':
      return `fired ${e.cue.id} ${e.trigger}`;
    case 'follow-fired':
      return `follow ${e.from.id}>${e.cue.id}`;
    case 'cue-complete':
      return `complete ${e.cue.id}`;
    case 'parade-start':
      return `parade ${e.paradeId} ${e.source}@${e.startMs}`;
    case 'status':
      return `status ${e.status}@${e.positionMs}`;
    case 'warning':
      return `warning ${e.command}: ${e.message}`;
  }
}

/**
 * Runs a command script against a fresh engine in virtual time and checks
 * the streams given, each as (time, text) pairs.
 */
function play(
  script: Script,
  expected: {
    looks?: Array<readonly [number, string]>;
    state?: Array<readonly [number, string]>;
    events?: Array<readonly [number, string]>;
  },
  options: Partial<CueEngineOptions> = {},
  until = 6000,
): void {
  const ts = new TestScheduler((actual, wanted) => expect(actual).toEqual(wanted));
  ts.run(({ expectObservable }) => {
    const engine = new CueEngine({ show: testShow(), scheduler: ts, ...options });
    const sub = `^ ${until}ms !`;
    const check = (obs: Parameters<typeof expectObservable>[0], want: Array<readonly [number, string]> | undefined) => {
      if (want === undefined) return;
      const m = marblesAt(want);
      expectObservable(obs, sub).toBe(m.marbles, m.values);
    };
    check(engine.looks$.pipe(map(frameText)), expected.looks);
    check(engine.state$.pipe(map(stateText)), expected.state);
    check(engine.events$.pipe(map(eventText)), expected.events);
    for (const [t, command] of script) ts.schedule(() => command(engine), t);
  });
}

const all = (text: string) => [0, 1, 2].map((z) => `${z}=${text}`).join(' ');

describe('CueEngine timing (marbles)', () => {
  it('delay, fade, hang and a follow chain; cue and timeline parades', () => {
    play([[0, (e) => e.go()], [200, (e) => e.go()]], {
      looks: [
        [0, '-'],
        [0, all('cue:off>ff0000@0+100')],
        [250, '1=cue:ff0000>0000ff@250+200'],
        [580, '0=cue:ff0000>00ff00@580+0 1=cue:0000ff>00ff00@580+0 2=cue:ff0000>SPARKLE/500@580+0'],
      ],
      state: [
        [0, 'stopped:-:c1:-'],
        [0, 'running:c1:c2:fade'],
        [100, 'running:c1:c2:complete'],
        [200, 'running:c2:c3:delay'],
        [250, 'running:c2:c3:fade'],
        [450, 'running:c2:c3:hang'],
        [480, 'running:c2:c3:complete'],
        [580, 'running:c3:c4:complete'],
      ],
      events: [
        [0, 'status running@0'],
        [0, 'fired c1 go'],
        [100, 'complete c1'],
        [200, 'fired c2 go'],
        [480, 'complete c2'],
        [580, 'fired c3 follow'],
        [580, 'follow c2>c3'],
        [580, 'parade wave cue@580'],
        [580, 'complete c3'],
        [5000, 'parade wave timeline@5000'],
      ],
    });
  });

  it('a GO during a fade re-targets from the colour the fade has reached', () => {
    play([[0, (e) => e.go()], [50, (e) => e.goto('c4')], [250, (e) => e.go()]], {
      looks: [
        [0, '-'],
        [0, all('cue:off>ff0000@0+100')],
        // half way from off to red is 0x80 red (band rounding)
        [50, all('cue:800000>ffffff@50+400')],
        // half way from 800000 to white
        [250, all('cue:c08080>off@250+0')],
      ],
    });
  });

  it('pause holds fades, delays and follows; resume carries on from there', () => {
    play(
      [
        [0, (e) => e.go()],
        [40, (e) => e.pause()],
        [140, (e) => e.resume()],
        [300, (e) => e.go()],
        [320, (e) => e.pause()],
        [400, (e) => e.resume()],
      ],
      {
        looks: [
          [0, '-'],
          [0, all('cue:off>ff0000@0+100')],
          [40, all('cue:660000>660000@40+0')],
          [140, all('cue:660000>ff0000@140+60')],
          // c2's delay: 20 ms before the pause, 30 after the resume
          [430, '1=cue:ff0000>0000ff@430+200'],
          // complete at 430+200+30, follow 100 later
          [760, '0=cue:ff0000>00ff00@760+0 1=cue:0000ff>00ff00@760+0 2=cue:ff0000>SPARKLE/500@760+0'],
        ],
        state: [
          [0, 'stopped:-:c1:-'],
          [0, 'running:c1:c2:fade'],
          [40, 'paused:c1:c2:fade'],
          [140, 'running:c1:c2:fade'],
          [200, 'running:c1:c2:complete'],
          [300, 'running:c2:c3:delay'],
          [320, 'paused:c2:c3:delay'],
          [400, 'running:c2:c3:delay'],
          [430, 'running:c2:c3:fade'],
          [630, 'running:c2:c3:hang'],
          [660, 'running:c2:c3:complete'],
          [760, 'running:c3:c4:complete'],
        ],
      },
      {},
      1000,
    );
  });

  it('back returns to the previous cue as the list left it; goto by id and number; unknown cue is refused', () => {
    const results: Array<[string, CommandResult]> = [];
    play(
      [
        [0, (e) => e.go()],
        [200, (e) => e.go()],
        [500, (e) => e.back()],
        [700, (e) => results.push(['back', e.back()])],
        [800, (e) => e.goto('c3')],
        [900, (e) => results.push(['goto', e.goto('nope')])],
        [1000, (e) => e.goto(4)],
      ],
      {
        looks: [
          [0, '-'],
          [0, all('cue:off>ff0000@0+100')],
          [250, '1=cue:ff0000>0000ff@250+200'],
          [500, '1=cue:0000ff>ff0000@500+100'],
          [800, '0=cue:ff0000>00ff00@800+0 1=cue:ff0000>00ff00@800+0 2=cue:ff0000>SPARKLE/500@800+0'],
          [1000, '0=cue:00ff00>ffffff@1000+400 1=cue:00ff00>ffffff@1000+400 2=cue:SPARKLE/500>ffffff@1000+400'],
        ],
        events: [
          [0, 'status running@0'],
          [0, 'fired c1 go'],
          [100, 'complete c1'],
          [200, 'fired c2 go'],
          [480, 'complete c2'],
          // back cancels c2's follow (due at 580)
          [500, 'fired c1 back'],
          [600, 'complete c1'],
          [700, 'warning back: already at the first cue'],
          [800, 'fired c3 goto'],
          [800, 'parade wave cue@800'],
          [800, 'complete c3'],
          [900, 'warning goto: unknown cue "nope" in cue list "Main"'],
          [1000, 'fired c4 goto'],
          [1400, 'complete c4'],
        ],
      },
      {},
      1500,
    );
    expect(results).toEqual([
      ['back', { ok: false, error: 'already at the first cue' }],
      ['goto', { ok: false, error: 'unknown cue "nope" in cue list "Main"' }],
    ]);
  });

  it('stop cancels what is pending, goes dark and starts again from the first cue', () => {
    play([[0, (e) => e.go()], [20, (e) => e.go()], [50, (e) => e.stop()], [100, (e) => e.go()]], {
      looks: [
        [0, '-'],
        [0, all('cue:off>ff0000@0+100')],
        [50, all('cue:off>off@50+0')],
        [100, all('cue:off>ff0000@100+100')],
      ],
      state: [
        [0, 'stopped:-:c1:-'],
        [0, 'running:c1:c2:fade'],
        [20, 'running:c2:c3:delay'],
        [50, 'stopped:-:c1:-'],
        [100, 'running:c1:c2:fade'],
        [200, 'running:c1:c2:complete'],
      ],
    }, {}, 1000);
  });

  it('GO at the end of the list is refused with a warning', () => {
    const results: CommandResult[] = [];
    play([[0, (e) => e.goto('c5')], [10, (e) => results.push(e.go())]], {
      events: [
        [0, 'status running@0'],
        [0, 'fired c5 goto'],
        [0, 'complete c5'],
        [10, 'warning go: end of cue list "Main"'],
      ],
    }, {}, 100);
    expect(results).toEqual([{ ok: false, error: 'end of cue list "Main"' }]);
  });
});

describe('CueEngine lookahead (marbles)', () => {
  it('lookahead publishes a cue a little before it starts, with the exact start time', () => {
    play([[0, (e) => e.go()], [200, (e) => e.go()]], {
      looks: [
        [0, '-'],
        [0, all('cue:off>ff0000@0+100')],
        [230, '1=cue:ff0000>0000ff@250+200'],
      ],
    }, { lookaheadMs: 20 }, 400);
  });
});

/** Runs every action `lateMs` after it is due, like a busy event loop would. */
function lateScheduler(inner: SchedulerLike, lateMs: number): SchedulerLike {
  return {
    now: () => inner.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
      return inner.schedule(work, delay + lateMs, state);
    },
  };
}

describe('CueEngine on a late scheduler', () => {
  it('a chain of follows keeps its show times: lateness does not add up', () => {
    const show = testShow((s) => {
      for (const cue of s.cueLists?.[0].cues ?? []) Object.assign(cue, { delay: 0, hang: 0, follow: 100, fade: 100 });
    });
    const ts = new TestScheduler((a, b) => expect(a).toEqual(b));
    const frames: Array<{ at: number; start: number }> = [];
    ts.run(() => {
      const engine = new CueEngine({ show, scheduler: lateScheduler(ts, 7) });
      engine.looks$.subscribe((f: LooksFrame) => {
        const z = f.changed[0];
        if (z !== undefined) frames.push({ at: f.atMs, start: (f.zones.find((s) => s.zone === z) as { startMs: number }).startMs });
      });
      ts.schedule(() => engine.go(), 0);
    });
    // c1 GO at 0 (fade 100, follow 100) -> c2 at 200 (fade 100... its zone1 fade 100) -> c3 at 400 -> c4 at 600 (look fade 400) -> c5 at 1100
    expect(frames.map((f) => f.start)).toEqual([0, 200, 400, 600, 1100]);
    expect(frames.map((f) => f.at - f.start)).toEqual([0, 7, 7, 7, 7]);
  });
});

describe('CueEngine on the real clock (DeadlineScheduler)', () => {
  it('publishes each cue at or after its start, in order, through a follow', async () => {
    const { DeadlineScheduler } = await import('./deadline-scheduler');
    const show = testShow((s) => {
      const cues = s.cueLists?.[0].cues ?? [];
      Object.assign(cues[0], { fade: 20, follow: 10 });
      Object.assign(cues[1], { delay: 15, fade: 20, hang: 5, follow: 10 });
    });
    const scheduler = new DeadlineScheduler();
    const engine = new CueEngine({ show, scheduler });
    const seen: Array<{ at: number; start: number; cue: string | null }> = [];
    const done = new Promise<void>((resolve) =>
      engine.looks$.subscribe((f) => {
        const z = f.changed[0];
        if (z === undefined) return;
        const s = f.zones.find((x) => x.zone === z) as { startMs: number; cueId: string | null };
        seen.push({ at: performance.now(), start: s.startMs, cue: s.cueId });
        if (s.cueId === 'c3') resolve();
      }),
    );
    const t0 = scheduler.now();
    engine.go();
    await done;
    engine.dispose();
    expect(seen.map((s) => s.cue)).toEqual(['c1', 'c2', 'c3']);
    // c1 at 0, complete 20, follow 10 -> c2 GO 30, delay 15 -> looks 45, fade 20 + hang 5 -> complete 70, follow 10 -> c3 at 80
    expect(seen.map((s) => Math.round(s.start - t0))).toEqual([0, 45, 80]);
    for (const s of seen) expect(s.at).toBeGreaterThanOrEqual(s.start);
  });
});

describe('CueEngine GO lock-out', () => {
  it('a second GO within the lock-out is one GO (a warning says so); after it, GO fires the next cue', () => {
    const ts = new TestScheduler((actual, wanted) => expect(actual).toEqual(wanted));
    const results: CommandResult[] = [];
    const fired: Array<[number, string]> = [];
    ts.run(() => {
      const engine = new CueEngine({ show: testShow(), scheduler: ts, goLockoutMs: 300 });
      engine.events$.subscribe((e) => e.type === 'cue-fired' && fired.push([ts.now(), e.cue.id]));
      for (const t of [0, 120, 400]) ts.schedule(() => results.push(engine.go()), t);
    });
    // (c2 then follows on to c3 by itself at 780)
    expect(fired.filter(([t]) => t < 700)).toEqual([
      [0, 'c1'],
      [400, 'c2'],
    ]);
    expect(results[1]).toEqual({ ok: true, warning: 'GO ignored: 120 ms after the last GO on "Main" (lock-out 300 ms)' });
  });
});
