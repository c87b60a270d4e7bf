import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveState, OnAirPacketInfo } from '@crowdcue/protocol';
import { snapshot } from '@crowdcue/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicAccount } from '../accounts/account-store';
import { ShowStore } from '../storage/show-store';
import { LiveShowRuntime, RuntimeError } from './live-show-runtime';
import { BLUE, liveShowInput, RED, sleep, until } from './live-fixtures.test-util';
import { runtimeFilePath } from './runtime-file';

const operator: PublicAccount = { id: 'u1', username: 'op', role: 'operator', createdAt: '' };
const designer: PublicAccount = { id: 'u2', username: 'des', role: 'designer', createdAt: '' };

let dir: string;
let shows: ShowStore;
const runtimes: LiveShowRuntime[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-runtime-'));
  shows = new ShowStore(dir);
  await shows.init();
  await shows.save(liveShowInput(), 'test');
});
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.close();
  await rm(dir, { recursive: true, force: true });
});

function runtime(extra: Partial<ConstructorParameters<typeof LiveShowRuntime>[0]> = {}): LiveShowRuntime {
  const r = new LiveShowRuntime({ shows, dataDir: dir, reportEveryMs: 100, heartbeatMs: 200, ...extra });
  runtimes.push(r);
  return r;
}

const ctx = (packets: OnAirPacketInfo[][] = []) => ({ socketId: 's1', toSocket: (p: OnAirPacketInfo[]) => packets.push(p) });

function crowdTop(r: LiveShowRuntime): string {
  return snapshot(r.current!.crowd!, performance.now()).histogram()[0].rgb.join();
}

describe('LiveShowRuntime', () => {
  it('is idle until a show is loaded, and says so to commands', async () => {
    const r = runtime();
    expect(r.snapshot().show).toBeNull();
    const ack = await r.command('go', {}, operator, ctx());
    expect(ack).toEqual({ ok: false, error: 'no show is live; load one first' });
  });

  it('loads a stored show, GOes, and streams state, packets, health, airtime and lateness', async () => {
    const r = runtime();
    const states: LiveState[] = [];
    const packets: OnAirPacketInfo[] = [];
    let health = 0;
    let airtime = 0;
    let lateness = 0;
    r.state$.subscribe((s) => states.push(s));
    r.packets$.subscribe((p) => packets.push(p));
    r.health$.subscribe(() => health++);
    r.airtime$.subscribe(() => airtime++);
    r.lateness$.subscribe(() => lateness++);

    expect(await r.command('load', { show: 'live-test' }, operator, ctx())).toEqual({ ok: true });
    expect(r.snapshot()).toMatchObject({ show: 'live-test', running: false, next: { id: 'red', number: 1, cueList: 'main' } });
    expect(await r.command('go', {}, operator, ctx())).toEqual({ ok: true });
    const s = r.snapshot();
    expect(s).toMatchObject({ running: true, paused: false, current: { id: 'red', label: 'Red' }, next: { id: 'green' } });
    expect(s.zones).toHaveLength(4);
    expect(s.zones.every((z) => z.source === 'cue' && z.look?.kind === 'color')).toBe(true);
    expect(states.at(-1)?.current?.id).toBe('red');
    await until('red crowd', () => crowdTop(r) === RED.join());
    await until('reports', () => health > 0 && airtime > 0 && lateness > 0 && packets.length > 0);
    const p = packets[0];
    expect(typeof p.rf).toBe('string');
    expect(p.transmitterId).toBe('virtual');
    expect(p.endMs).toBeGreaterThanOrEqual(p.startMs);
  });

  it('refuses a GO on another cue list, and cues that do not exist, with a reason', async () => {
    const r = runtime();
    await r.load('live-test');
    expect(await r.command('go', { cueList: 'other' }, operator, ctx())).toMatchObject({ ok: false, error: expect.stringContaining("cue list 'other'") });
    expect(await r.command('goto', { cue: 'nope' }, operator, ctx())).toMatchObject({ ok: false, error: expect.stringContaining('nope') });
    expect(await r.command('load', { show: 'missing' }, operator, ctx())).toMatchObject({ ok: false, error: "no show 'missing'" });
  });

  it('refuses to load a show that breaks the flash limit, naming the cue, and keeps the live one', async () => {
    await shows.save(
      liveShowInput('strobe'),
      'test',
    );
    const bad = liveShowInput('too-fast');
    bad.cueLists![0].cues![0].looks = { all: { kind: 'effect', shape: 'SQUARE', colors: ['#ffffff', '#000000'], period: 100 } };
    await shows.save(bad, 'test');
    const r = runtime();
    await r.load('live-test');
    const ack = await r.command('load', { show: 'too-fast' }, operator, ctx());
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.errors?.[0].path).toMatch(/^cueLists\[0\]\.cues\[0\]/);
    if (!ack.ok) expect(ack.error).toContain("show 'too-fast' is a draft and cannot go live");
    expect(r.liveShowId).toBe('live-test');
  });

  it('busks, clamps a too-fast effect with a warning, and releases', async () => {
    const r = runtime();
    await r.load('live-test');
    const warnings: string[] = [];
    r.warnings$.subscribe((w) => warnings.push(w.message));
    await r.command('go', {}, operator, ctx());
    expect(await r.command('busk', { zones: [1, 2], look: { kind: 'effect', shape: 'SQUARE', colors: [[255, 255, 255], [0, 0, 0]], period: 40, axis: 'NONE', direction: 0, spread: 0 } }, operator, ctx())).toEqual({ ok: true });
    expect(warnings.some((w) => w.includes('busk'))).toBe(true);
    // The clamped busk shows as the safety clamp, and says why
    const clamped = r.snapshot().zones.filter((z) => z.source === 'safety');
    expect(clamped.map((z) => z.zone)).toEqual([1, 2]);
    expect(clamped[0].why).toMatch(/^safety clamp \(busk: .+\) over playback '.+' cue 1/);
    expect(await r.command('release', {}, operator, ctx())).toEqual({ ok: true });
    expect(r.snapshot().zones.some((z) => z.source === 'busk' || z.source === 'safety')).toBe(false);
  });

  it('blackout and master show in the state and darken the crowd', async () => {
    const r = runtime();
    await r.load('live-test');
    await r.command('goto', { cue: 'blue' }, operator, ctx());
    await until('blue crowd', () => crowdTop(r) === BLUE.join());
    await r.command('master', { level: 100 }, operator, ctx());
    expect(r.snapshot().master).toBe(100);
    await r.command('blackout', { on: true }, operator, ctx());
    expect(r.snapshot().blackout).toBe(true);
    await until('dark crowd', () => crowdTop(r) === '0,0,0');
  });

  it('saves where the show is and a new runtime picks it up where it has got to by now', async () => {
    const a = runtime();
    await a.load('live-test');
    await a.command('goto', { cue: 'green' }, operator, ctx());
    await a.command('master', { level: 200 }, operator, ctx());
    await a.close();
    const saved = JSON.parse(await readFile(runtimeFilePath(dir), 'utf8'));
    expect(saved).toMatchObject({ show: 'live-test', status: 'running', current: { cueId: 'green' }, master: 200 });

    await sleep(400); // green follows to blue after 300 ms, while nothing runs
    const b = runtime();
    const res = await b.init();
    expect(res.restored).toBe(true);
    const s = b.snapshot();
    expect(s).toMatchObject({ show: 'live-test', running: true, current: { id: 'blue' }, master: 200 });
    expect(s.positionMs).toBeGreaterThanOrEqual(400);
    // master 200 came back too: blue at 200/255
    await until('blue crowd after restart', () => crowdTop(b) === '0,0,200');
  });

  it('keeps a paused show paused across a restart, at the held position', async () => {
    const a = runtime();
    await a.load('live-test');
    await a.command('go', {}, operator, ctx());
    await sleep(50);
    await a.command('pause', {}, operator, ctx());
    const held = a.snapshot().positionMs;
    await a.close();
    await sleep(100);
    const b = runtime();
    await b.init();
    expect(b.snapshot()).toMatchObject({ paused: true, running: false, current: { id: 'red' } });
    expect(b.snapshot().positionMs).toBeCloseTo(held, 0);
  });

  it('reports a runtime file that does not read, and starts with nothing live', async () => {
    await writeFile(runtimeFilePath(dir), '{"version": 1, "show": 5}');
    const r = runtime();
    const res = await r.init();
    expect(res.restored).toBe(false);
    expect(res.message).toMatch(/runtime\.json: .*show/);
    expect(r.liveShowId).toBeNull();
  });

  it('edits a cue through the show store: new revision, or a conflict for a stale one', async () => {
    const r = runtime();
    const changes: number[] = [];
    r.showChanged$.subscribe((c) => changes.push(c.revision));
    const cue = { id: 'white', number: 5, label: 'White', looks: { all: { kind: 'color' as const, color: [255, 255, 255] as [number, number, number] } }, delay: 0, fade: 0, follow: null, hang: 0 };
    const ack = await r.command('editCue', { show: 'live-test', revision: 1, cueList: 'main', cue }, designer, ctx());
    expect(ack).toEqual({ ok: true, revision: 2 });
    expect(changes).toEqual([2]);
    const stored = await shows.get('live-test');
    expect(stored.show.cueLists[0].cues.map((c) => c.id)).toEqual(['red', 'green', 'blue', 'pulse', 'white']);
    const stale = await r.command('editCue', { show: 'live-test', revision: 1, cueList: 'main', cue: { ...cue, label: 'x' } }, designer, ctx());
    expect(stale).toMatchObject({ ok: false, conflict: true });
    const badList = await r.command('editCue', { show: 'live-test', revision: 2, cueList: 'nope', cue }, designer, ctx());
    expect(badList).toMatchObject({ ok: false, errors: [{ path: 'cueList' }] });
  });

  it('previews a parade to one console only, in parade ms, never on air', async () => {
    const r = runtime();
    await r.load('live-test');
    const onAir: OnAirPacketInfo[] = [];
    r.packets$.subscribe((p) => onAir.push(p));
    await sleep(50);
    onAir.length = 0;
    const batches: OnAirPacketInfo[][] = [];
    expect(await r.command('preview', { show: 'live-test', parade: 'pulse', fromMs: 0 }, designer, ctx(batches))).toEqual({ ok: true });
    await until('preview packets', () => batches.flat().length >= 2);
    const sent = batches.flat();
    expect(sent.every((p) => p.transmitterId === 'preview')).toBe(true);
    // parade ms: the first packets land around the parade's start, not at some controller clock
    expect(Math.min(...sent.map((p) => p.endMs))).toBeLessThan(1000);
    expect(onAir.some((p) => p.transmitterId === 'preview')).toBe(false);
    expect(await r.command('stopPreview', {}, designer, ctx())).toEqual({ ok: true });
    const n = sent.length;
    await sleep(300);
    expect(batches.flat().length).toBe(n);
    expect(await r.command('preview', { show: 'live-test', parade: 'nope', fromMs: 0 }, designer, ctx())).toMatchObject({ ok: false, error: expect.stringContaining("no parade 'nope'") });
  });

  it('sets the transmitters: saved in the show, reconnected, the show carries on', async () => {
    const r = runtime();
    await r.load('live-test');
    await r.command('goto', { cue: 'blue' }, operator, ctx());
    const out = await r.configureTransmitters([{ id: 'main', url: 'virtual', coverage: 'ALL' }], 'op');
    expect(out.transmitters.map((t) => t.id)).toEqual(['main']);
    expect(out.source).toBe('show');
    expect(r.snapshot()).toMatchObject({ running: true, current: { id: 'blue' } });
    expect((await shows.get('live-test')).show.transmitters.map((t) => t.id)).toEqual(['main']);
    await expect(r.configureTransmitters([{ id: 'x', url: 'bogus:thing', coverage: 'ALL' }], 'op')).rejects.toBeInstanceOf(RuntimeError);
  });

  it('takes --transmitter URLs over the show and refuses bad ones up front', () => {
    expect(() => runtime({ transmitterUrls: ['tcp://nohost'] })).toThrow(/transmitters\[0\]|port/);
    const r = runtime({ transmitterUrls: ['virtual?id=a'] });
    expect(r.transmitters().source).toBe('command line');
  });
});

describe('LiveShowRuntime: several playbacks', () => {
  beforeEach(async () => {
    const input = liveShowInput('two-lists');
    input.cueLists = [
      ...(input.cueLists ?? []),
      { id: 'house', name: 'House', priority: 10, cues: [{ id: 'h1', number: 1, label: 'House blue', looks: { zone3: { kind: 'color', color: BLUE } } }] },
    ];
    await shows.save(input, 'test');
  });

  it('plays two cue lists at once, each with its own GO, level and STOP; a double-click is one GO', async () => {
    const r = runtime();
    await r.load('two-lists');
    expect(r.snapshot().goLockoutMs).toBe(300);
    expect(await r.command('go', { cueList: 'main' }, operator, ctx())).toEqual({ ok: true });
    // a second GO straight after is ignored (lock-out): main stays on its first cue
    expect(await r.command('go', { cueList: 'main' }, operator, ctx())).toEqual({ ok: true });
    expect(r.snapshot().playbacks.find((p) => p.cueList === 'main')?.current?.id).toBe('red');
    expect(await r.command('go', { cueList: 'house' }, operator, ctx())).toEqual({ ok: true });
    let s = r.snapshot();
    expect(s.playbacks.map((p) => [p.cueList, p.running, p.current?.id, p.priority])).toEqual([
      ['main', true, 'red', 0],
      ['house', true, 'h1', 10],
    ]);
    expect(s.zones[3]).toMatchObject({ source: 'cue', look: { kind: 'color', color: BLUE }, why: `playback 'House' cue 1 "House blue" over playback 'Main' cue 1 "Red"` });
    expect(s.zones[0]).toMatchObject({ look: { kind: 'color', color: RED }, why: `playback 'Main' cue 1 "Red"` });

    expect(await r.command('level', { cueList: 'house', level: 0 }, operator, ctx())).toEqual({ ok: true });
    s = r.snapshot();
    expect(s.playbacks[1].level).toBe(0);
    expect(s.zones[3].look).toMatchObject({ kind: 'color', color: [0, 0, 0] });
    expect(await r.command('level', { cueList: 'nope', level: 10 }, operator, ctx())).toMatchObject({ ok: false, error: expect.stringContaining("no cue list 'nope'") });

    // STOP on one playback leaves the other running
    expect(await r.command('stop', { cueList: 'house' }, operator, ctx())).toEqual({ ok: true });
    s = r.snapshot();
    expect(s.playbacks.map((p) => p.running)).toEqual([true, false]);
    expect(s.zones[3].why).toBe(`playback 'Main' cue 1 "Red"`);
  });

  it('a restart picks up every playback where it was, with its fader', async () => {
    const a = runtime();
    await a.load('two-lists');
    await a.command('go', { cueList: 'house' }, operator, ctx());
    await a.command('level', { cueList: 'house', level: 100 }, operator, ctx());
    await a.command('go', { cueList: 'main' }, operator, ctx());
    await a.command('pause', { cueList: 'main' }, operator, ctx());
    await a.close();
    const b = runtime();
    expect((await b.init()).restored).toBe(true);
    const s = b.snapshot();
    expect(s.playbacks.map((p) => [p.cueList, p.running, p.paused, p.current?.id, p.level])).toEqual([
      ['main', false, true, 'red', 255],
      ['house', true, false, 'h1', 100],
    ]);
    expect(s.zones[3].look).toMatchObject({ kind: 'color', color: [0, 0, 100] });
  });

  it('a parade belongs to the cue that started it: BACK, GO TO and STOP end it, stopParade ends one', async () => {
    const r = runtime();
    await r.load('two-lists');
    await r.command('go', { cueList: 'house' }, operator, ctx());
    expect(await r.command('goto', { cueList: 'main', cue: 'pulse' }, operator, ctx())).toEqual({ ok: true });
    await until('parade running', () => r.snapshot().parades.length === 1);
    const [run] = r.snapshot().parades;
    expect(run).toMatchObject({ id: 'pulse', name: 'Pulse', cueList: 'main', cue: 'pulse', zones: [0, 1, 2, 3] });
    // the house list (priority 10) keeps zone 3 over main's parade
    expect(r.snapshot().zones[3].source).toBe('cue');
    expect(r.snapshot().zones[0]).toMatchObject({ source: 'parade', why: expect.stringMatching(/^parade 'Pulse' of playback 'Main' cue 4/) });
    expect(await r.command('stopParade', { run: run.run }, operator, ctx())).toEqual({ ok: true });
    expect(r.snapshot().parades).toEqual([]);
    expect(await r.command('stopParade', { run: run.run }, operator, ctx())).toMatchObject({ ok: false, error: expect.stringContaining(`no running parade '${run.run}'`) });

    // GO TO the parade cue again, then GO TO another cue: the parade ends (it does not pile up)
    await sleep(350);
    await r.command('goto', { cueList: 'main', cue: 'pulse' }, operator, ctx());
    await until('parade running again', () => r.snapshot().parades.length === 1);
    await r.command('goto', { cueList: 'main', cue: 'pulse' }, operator, ctx());
    await until('one parade after a second GO TO', () => r.snapshot().parades.length === 1);
    await r.command('back', { cueList: 'main' }, operator, ctx());
    expect(r.snapshot().parades).toEqual([]);
    await r.command('goto', { cueList: 'main', cue: 'pulse' }, operator, ctx());
    await until('parade running once more', () => r.snapshot().parades.length === 1);
    expect(await r.command('stop', {}, operator, ctx())).toEqual({ ok: true });
    expect(r.snapshot().parades).toEqual([]);
    expect(r.snapshot().playbacks.every((p) => !p.running)).toBe(true);
  });
});
