import { snapshot } from '@crowdcue/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { BLUE, GREEN, liveShow, RED, sleep, until } from './live-fixtures.test-util';
import { liveStateOf } from './live-state';
import { ShowSession, ShowSessionError } from './show-session';

const sessions: ShowSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop();
});

async function open(show = liveShow()): Promise<ShowSession> {
  const s = new ShowSession({ show });
  sessions.push(s);
  await s.start();
  return s;
}

/** The most common colour of the session's crowd now. */
function crowdColour(s: ShowSession): [number, number, number] {
  const top = snapshot(s.crowd!, performance.now()).histogram()[0];
  return top.rgb;
}

describe('ShowSession on the virtual transmitter', () => {
  it('puts a GO on air and the simulated crowd takes the cue colour', async () => {
    const s = await open();
    expect(s.crowd).toBeDefined();
    expect(s.go().ok).toBe(true);
    await until('red crowd', () => crowdColour(s).join() === RED.join());
    // The device's on-air report comes back over the link after the bands have acted
    await until('on-air report', () => s.report().onAir > 0);
    expect(s.engine.state.currentCue?.id).toBe('red');
  });

  it('blackout darkens the crowd and lifting it brings the look back', async () => {
    const s = await open();
    s.goto('blue');
    await until('blue crowd', () => crowdColour(s).join() === BLUE.join());
    s.setBlackout(true);
    await until('dark crowd', () => crowdColour(s).join() === '0,0,0');
    s.setBlackout(false);
    await until('blue again', () => crowdColour(s).join() === BLUE.join());
  });

  it('slows a busked strobe that would flash too fast, with a warning', async () => {
    const s = await open();
    const warnings: string[] = [];
    s.warnings$.subscribe((w) => warnings.push(`${w.code}: ${w.message}`));
    const r = s.busk([0, 1], { kind: 'effect', shape: 'SQUARE', colors: [[255, 255, 255], [0, 0, 0]], period: 50, axis: 'NONE', direction: 0, spread: 0 });
    expect(r.ok).toBe(true);
    expect(warnings.some((w) => w.startsWith('safety: busk:') && /slowed|still colour/.test(w))).toBe(true);
    const busked = s.snapshot().busks.find((b) => b.zone === 0)!.look;
    expect(busked.kind === 'effect' ? busked.period : Infinity).toBeGreaterThan(50);
  });

  it('restores a running show at its position: the follow already fired, the cue in force', async () => {
    const a = await open();
    a.goto('green');
    await until('green fired', () => a.engine.state.currentCue?.id === 'green');
    const snap = a.snapshot();
    expect(snap.current?.cueId).toBe('green');
    await a.stop();

    // 1 s later: green's follow (300 ms) has fired blue.
    const b = await open();
    b.restore({ ...snap, positionMs: snap.positionMs + 1000 });
    expect(b.engine.state.status).toBe('running');
    expect(b.engine.state.currentCue?.id).toBe('blue');
    expect(b.clock.position()).toBeGreaterThanOrEqual(snap.positionMs + 1000);
    await until('blue crowd', () => crowdColour(b).join() === BLUE.join());
    expect(b.snapshot().current?.cueId).toBe('blue');
  });

  it('restores a parade part-way through and keeps paused shows paused', async () => {
    const a = await open();
    a.goto('pulse');
    await until('parade running', () => a.activeParades().length === 1);
    const snap = { ...a.snapshot(), positionMs: a.snapshot().positionMs + 1500 };
    await a.stop();
    const b = await open();
    b.restore(snap);
    expect(b.activeParades().map((p) => p.paradeId)).toEqual(['pulse']);
    const c = await open();
    c.restore({ ...snap, status: 'paused' });
    expect(c.engine.state.status).toBe('paused');
    expect(c.activeParades()[0].run).toBeUndefined();
    expect(c.resume().ok).toBe(true);
    expect(c.activeParades()[0].run).toBeDefined();
    // the pulse is green, so some bands get some green
    await until('pulse on the crowd', () => snapshot(c.crowd!, performance.now()).histogram().some((h) => h.rgb[1] > 40));
  });

  it('keeps a busk on air over a running parade, and the parade comes back on release', async () => {
    const s = await open();
    s.goto('pulse');
    await until('parade running', () => s.activeParades().length === 1);
    expect(s.busk([0], { kind: 'color', color: BLUE }).ok).toBe(true);
    const zone0 = (): string[] => {
      const crowd = s.crowd!;
      const rgb = new Uint8Array(crowd.count * 3);
      crowd.colorsAt(performance.now(), rgb, 'rgb');
      const out = new Set<string>();
      for (let i = 0; i < crowd.count; i++) if (crowd.zone[i] === 0 && crowd.present[i]) out.add(`${rgb[i * 3]},${rgb[i * 3 + 1]},${rgb[i * 3 + 2]}`);
      return [...out];
    };
    await until('zone 0 blue', () => zone0().join('|') === BLUE.join());
    // The pulse keeps going elsewhere, never on the busked zone.
    for (let k = 0; k < 5; k++) {
      await sleep(100);
      expect(zone0()).toEqual([BLUE.join()]);
    }
    expect(liveStateOf(s).zones.find((z) => z.zone === 0)).toMatchObject({ source: 'busk', look: { kind: 'color', color: BLUE } });
    expect(liveStateOf(s).zones.find((z) => z.zone === 1)).toMatchObject({ source: 'parade' });
    expect(s.release([0]).ok).toBe(true);
    await until('pulse back on zone 0', () => zone0().some((c) => c !== BLUE.join()));
    expect(liveStateOf(s).zones.find((z) => z.zone === 0)).toMatchObject({ source: 'parade' });
  });

  it('refuses duplicate transmitter ids', () => {
    expect(() => new ShowSession({ show: liveShow(), transmitters: [{ id: 'a', url: 'virtual', coverage: 'ALL' }, { id: 'a', url: 'virtual', coverage: 'ALL' }] })).toThrow(ShowSessionError);
  });

  it('reports what it did', async () => {
    const s = await open();
    s.go();
    await until('on air', () => s.report().onAir > 0);
    const r = s.report();
    expect(r.cuesFired).toBe(1);
    expect(r.planner.logicalPackets).toBeGreaterThan(0);
    expect(r.lateness.count).toBeGreaterThan(0);
    expect(r.transmitters[0].id).toBe('virtual');
    void GREEN;
  });
});
