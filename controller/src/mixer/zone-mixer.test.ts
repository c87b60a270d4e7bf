import { describe, expect, it } from 'vitest';
import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { Look } from '@crowdcue/protocol';
import { CueEngine } from '../engine/cue-engine';
import type { ClampLook, CommandResult } from '../engine/engine-types';
import { frameText, marblesAt } from '../engine/marble-helpers';
import { BLUE, GREEN, testShow } from '../engine/test-show';
import { ZoneMixer } from './zone-mixer';

/** Two playbacks on one mixer: `a` (the test show's list, priority 0) and `b` (a copy, priority given). */
interface Rig {
  a: CueEngine;
  b: CueEngine;
  m: ZoneMixer;
}

type Script = Array<readonly [number, (r: Rig) => unknown]>;

function play(
  script: Script,
  expected: { looks?: Array<readonly [number, string]>; master?: Array<readonly [number, string]>; blackout?: Array<readonly [number, string]> },
  opts: { clampLook?: ClampLook; releaseFadeMs?: number; bPriority?: number } = {},
  until = 1000,
): void {
  const ts = new TestScheduler((actual, wanted) => expect(actual).toEqual(wanted));
  ts.run(({ expectObservable }) => {
    const show = testShow((s) => {
      s.cueLists = [...(s.cueLists ?? []), { id: 'b', name: 'B', priority: opts.bPriority ?? 0, cues: [{ id: 'b1', number: 1, looks: { zone0: { kind: 'color', color: GREEN } } }, { id: 'b2', number: 2, looks: { zone0: { kind: 'color', color: BLUE } } }] }];
    });
    const a = new CueEngine({ show, scheduler: ts, cueListId: 'main' });
    const b = new CueEngine({ show, scheduler: ts, cueListId: 'b', timeline: false });
    const m = new ZoneMixer({ zones: a.zones, scheduler: ts, clampLook: opts.clampLook, releaseFadeMs: opts.releaseFadeMs });
    m.addPlayback({ id: 'main', name: 'Main' });
    m.addPlayback({ id: 'b', name: 'B', priority: opts.bPriority ?? 0 });
    for (const [id, e] of [['main', a], ['b', b]] as const) {
      e.looks$.subscribe((f) => m.playbackLooks(id, f, (c) => `cue ${c}`));
      e.events$.subscribe((ev) => ev.type === 'cue-fired' && m.noteGo(id));
    }
    const sub = `^ ${until}ms !`;
    const check = (obs: Parameters<typeof expectObservable>[0], want: Array<readonly [number, string]> | undefined) => {
      if (want === undefined) return;
      const mb = marblesAt(want);
      expectObservable(obs, sub).toBe(mb.marbles, mb.values);
    };
    check(m.looks$.pipe(map(frameText)), expected.looks);
    check(m.master$.pipe(map(String)), expected.master);
    check(m.blackout$.pipe(map(String)), expected.blackout);
    const rig = { a, b, m };
    for (const [t, command] of script) ts.schedule(() => command(rig), t);
  });
}

const all = (text: string) => [0, 1, 2].map((z) => `${z}=${text}`).join(' ');
const blue: Look = { kind: 'color', color: BLUE };
const green: Look = { kind: 'color', color: GREEN };

describe('ZoneMixer precedence (marbles)', () => {
  it('busk wins over the playback on its zones until released; bad zones and looks are refused by name', () => {
    const results: CommandResult[] = [];
    play(
      [
        [0, (r) => r.a.go()],
        [50, (r) => r.m.busk([0], blue)],
        [100, (r) => r.a.goto('c3')],
        [150, (r) => r.m.release([0])],
        [200, (r) => results.push(r.m.busk([9], blue))],
        [250, (r) => results.push(r.m.busk([1], { kind: 'color', color: [300, 0, 0] } as unknown as Look))],
      ],
      {
        looks: [
          [0, '-'],
          [0, all('cue:off>ff0000@0+100')],
          [50, '0=busk:800000>0000ff@50+0'],
          [100, '1=cue:ff0000>00ff00@100+0 2=cue:ff0000>SPARKLE/500@100+0'],
          [150, '0=cue:0000ff>00ff00@150+0'],
        ],
      },
      {},
      300,
    );
    expect(results[0]).toEqual({ ok: false, error: 'unknown zone 9 (venue zones: 0, 1, 2)' });
    expect(results[1].ok === false && results[1].error).toMatch(/^look\.color/);
  });

  it('a busk colour fades over its own fade from what the zone shows', () => {
    play([[0, (r) => r.a.go()], [200, (r) => r.m.busk('all', { kind: 'color', color: BLUE, fade: 300 })], [350, (r) => r.m.release()]], {
      looks: [
        [0, '-'],
        [0, all('cue:off>ff0000@0+100')],
        [200, all('busk:ff0000>0000ff@200+300')],
        // released: from what the zone shows (part-way to blue) straight back to the cue's red
        [350, all('cue:800080>ff0000@350+0')],
      ],
    }, {}, 500);
  });

  it('with a release fade, a released zone fades back to the next source down from what it showed', () => {
    play([[0, (r) => r.a.go()], [200, (r) => r.m.busk([0], blue)], [300, (r) => r.m.release()]], {
      looks: [
        [0, '-'],
        [0, all('cue:off>ff0000@0+100')],
        [200, '0=busk:ff0000>0000ff@200+0'],
        [300, '0=cue:0000ff>ff0000@300+500'],
      ],
    }, { releaseFadeMs: 500 }, 500);
  });

  it('blackout is instant and wins over busk and cue; off brings back what each zone would show now', () => {
    play(
      [
        [0, (r) => r.a.go()],
        [200, (r) => r.m.busk([1], blue)],
        [300, (r) => r.m.setBlackout(true)],
        [400, (r) => r.a.go()],
        [500, (r) => r.m.busk([0], green)],
        [600, (r) => r.m.setBlackout(false)],
        [700, (r) => r.m.release()],
      ],
      {
        looks: [
          [0, '-'],
          [0, all('cue:off>ff0000@0+100')],
          [200, '1=busk:ff0000>0000ff@200+0'],
          [300, all('blackout:off>off@300+0')],
          [600, '0=busk:00ff00>00ff00@600+0 1=busk:0000ff>0000ff@600+0 2=cue:ff0000>ff0000@600+0'],
          [700, '0=cue:00ff00>ff0000@700+0 1=cue:0000ff>0000ff@700+0'],
          [780, '0=cue:ff0000>00ff00@780+0 1=cue:0000ff>00ff00@780+0 2=cue:ff0000>SPARKLE/500@780+0'],
        ],
        blackout: [
          [0, 'false'],
          [300, 'true'],
          [600, 'false'],
        ],
      },
      {},
      1000,
    );
  });

  it('blackout off part-way through a fade restates the rest of the fade', () => {
    play([[0, (r) => r.a.go()], [20, (r) => r.m.setBlackout(true)], [60, (r) => r.m.setBlackout(false)]], {
      looks: [
        [0, '-'],
        [0, all('cue:off>ff0000@0+100')],
        [20, all('blackout:off>off@20+0')],
        [60, all('cue:990000>ff0000@60+40')],
      ],
    }, {}, 200);
  });

  it('master: level 0..255, out of range clamped with a warning, not a number refused', () => {
    const results: CommandResult[] = [];
    play(
      [
        [10, (r) => results.push(r.m.setMaster(128))],
        [20, (r) => results.push(r.m.setMaster(300))],
        [30, (r) => results.push(r.m.setMaster(Number.NaN))],
        [40, (r) => results.push(r.m.setMaster(255))],
      ],
      { master: [[0, '255'], [10, '128'], [20, '255']] },
      {},
      100,
    );
    expect(results).toEqual([
      { ok: true },
      { ok: true, warning: 'level 300 set as 255 (0..255, whole numbers)' },
      { ok: false, error: 'level must be a number 0..255, got NaN' },
      { ok: true },
    ]);
  });

  it('live looks go through the safety clamp; the zone says safety and the warning comes back', () => {
    const clampLook: ClampLook = (look) =>
      look.kind === 'effect' && look.period < 334 ? { look: { ...look, period: 334 }, warning: 'slowed to every 334 ms' } : { look };
    const results: CommandResult[] = [];
    play(
      [[10, (r) => results.push(r.m.busk('all', { kind: 'effect', shape: 'SQUARE', colors: [[255, 255, 255], [0, 0, 0]], period: 100, axis: 'NONE', direction: 0, spread: 0 }))]],
      { looks: [[0, '-'], [10, all('safety:off>SQUARE/334@10+0')]] },
      { clampLook },
      100,
    );
    expect(results[0]).toEqual({ ok: true, warning: 'slowed to every 334 ms' });
  });

  it('equal priority: the latest GO wins a shared zone; STOP hands it back to the other playback', () => {
    play(
      [
        [0, (r) => r.a.go()],
        [100, (r) => r.b.go()],
        [200, (r) => r.a.goto('c1')],
        [300, (r) => r.a.stop()],
      ],
      {
        looks: [
          [0, '-'],
          [0, all('cue:off>ff0000@0+100')],
          [100, '0=cue:ff0000>00ff00@100+0'],
          // GO TO on main is a later GO: main wins zone 0 again (its red, already there on its own list)
          [200, '0=cue:00ff00>ff0000@200+0'],
          // main lets go: zone 0 back to B, the others dark
          [300, '0=cue:ff0000>00ff00@300+0 1=cue:ff0000>off@300+0 2=cue:ff0000>off@300+0'],
        ],
      },
      {},
      400,
    );
  });

  it('a higher-priority playback wins whatever the order of GOs; its fader scales only its own looks', () => {
    play(
      [
        [0, (r) => r.b.go()],
        [100, (r) => r.a.go()],
        [300, (r) => r.m.setLevel('b', 128)],
        [350, (r) => r.m.setLevel('main', 0)],
      ],
      {
        looks: [
          [0, '-'],
          [0, '0=cue:off>00ff00@0+0'],
          [100, '1=cue:off>ff0000@100+100 2=cue:off>ff0000@100+100'],
          [300, '0=cue:008000>008000@300+0'],
          [350, '1=cue:000000>000000@350+0 2=cue:000000>000000@350+0'],
        ],
      },
      { bPriority: 5 },
      400,
    );
  });

  it('desk input sits under busks and over playbacks, with a real input API', () => {
    const results: CommandResult[] = [];
    play(
      [
        [0, (r) => r.a.go()],
        [100, (r) => results.push(r.m.setSource('desk', [{ zone: 0, look: blue }, { zone: 1, look: blue }]))],
        [150, (r) => r.m.busk([1], green)],
        [200, (r) => results.push(r.m.setSource('desk', [{ zone: 5, look: blue }]))],
        [250, (r) => r.m.setSource('desk', null)],
        [300, (r) => r.m.release()],
      ],
      {
        looks: [
          [0, '-'],
          [0, all('cue:off>ff0000@0+100')],
          [100, '0=desk:ff0000>0000ff@100+0 1=desk:ff0000>0000ff@100+0'],
          [150, '1=busk:0000ff>00ff00@150+0'],
          [250, '0=cue:0000ff>ff0000@250+0'],
          [300, '1=cue:00ff00>ff0000@300+0'],
        ],
      },
      {},
      400,
    );
    expect(results[1]).toEqual({ ok: false, error: 'looks[0].zone: unknown zone 5 (venue zones: 0, 1, 2)' });
  });
});

describe('ZoneMixer: why a zone shows what it shows', () => {
  it('names the winner over the next source down, layers included', () => {
    const ts = new TestScheduler(() => undefined);
    ts.run(() => {
      const m = new ZoneMixer({ zones: [0, 1], scheduler: ts });
      m.addPlayback({ id: 'songs', name: 'Songs' });
      m.playbackLooks('songs', { atMs: 0, zones: [{ zone: 0, look: blue, fromLook: blue, startMs: 0, fadeMs: 0, source: 'cue', cueId: 'c12' }], changed: [0] }, () => 'cue 12');
      m.addLayer({ key: 'brand:acme', source: 'brand', label: "brand slot 'Acme'", playback: null, steps: [{ fromMs: 0, untilMs: 100, zones: [0], look: null }] });
      m.addLayer({ key: 'parade:1', source: 'parade', label: "parade 'wave' of playback 'Songs'", playback: 'songs', steps: [{ fromMs: 0, untilMs: 200, zones: 'ALL', look: green }] });
      expect(m.zoneAt(0, 50)).toMatchObject({ source: 'brand', key: 'brand:acme', why: "brand slot 'Acme' over parade 'wave' of playback 'Songs'" });
      expect(m.zoneAt(0, 150)).toMatchObject({ source: 'parade', why: "parade 'wave' of playback 'Songs' over playback 'Songs' cue 12" });
      expect(m.zoneAt(0, 250)).toMatchObject({ source: 'cue', why: "playback 'Songs' cue 12" });
      expect(m.zoneAt(1, 250)).toMatchObject({ source: null, look: null, why: 'nothing: dark' });
      m.busk([0], green);
      expect(m.shows(0, 50)).toBe('busk');
      m.setBlackout(true);
      expect(m.zoneAt(0, 50)).toMatchObject({ source: 'blackout', why: 'blackout over busk' });
      // blackout keeps everything underneath: the planner still plays the busk under MASTER 0
      expect(m.shows(0, 50)).toBe('busk');
    });
  });
});
