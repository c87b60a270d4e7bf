import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshot } from '@crowdcue/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicAccount } from '../accounts/account-store';
import { BrandService } from '../brand/brand-service';
import { stripesPng } from '../brand/fixtures.test-util';
import { ShowStore } from '../storage/show-store';
import { liveShowInput, sleep, until } from './live-fixtures.test-util';
import { LiveShowRuntime } from './live-show-runtime';

const operator: PublicAccount = { id: 'u1', username: 'op', role: 'operator', createdAt: '' };
const ctx = { socketId: 's', toSocket: () => undefined };

let dir: string;
let shows: ShowStore;
let brands: BrandService;
let runtime: LiveShowRuntime;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-brand-runner-'));
  shows = new ShowStore(dir);
  await shows.init();
  const input = liveShowInput();
  input.brandSequences = [
    { id: 'acme-wash', brand: 'acme', name: 'Acme wash', steps: [{ kind: 'wash', duration: 700, color: '#ffff00' }], schedule: { showTime: 300 }, approved: true },
    { id: 'other-wash', brand: 'other', name: 'Not approved', steps: [{ kind: 'wash', duration: 700, color: '#ff00ff' }], schedule: { showTime: 300 }, approved: false },
  ];
  await shows.save(input, 'test');
  brands = await BrandService.open({ dataDir: dir, shows });
  runtime = new LiveShowRuntime({ shows, dataDir: dir, brands, log: (l, m) => (l !== 'info' || m.includes('brand')) && console.log(l, m) });
});
afterEach(async () => {
  await runtime.close();
  brands.close();
  await rm(dir, { recursive: true, force: true });
});

describe('brand sequences in the live show', () => {
  it('plays an approved show-time sequence on the crowd and records its proof of play', async () => {
    const warnings: string[] = [];
    runtime.warnings$.subscribe((w) => warnings.push(w.message));
    await runtime.load('live-test');
    expect(await runtime.command('goto', { cue: 'blue' }, operator, ctx)).toEqual({ ok: true });
    await until('the sequence planned', () => runtime.brandSequencesRunning.includes('acme-wash'));
    expect(runtime.brandSequencesRunning).not.toContain('other-wash');
    const crowd = runtime.current!.crowd!;
    await until('yellow wash on the crowd', () => snapshot(crowd, performance.now()).histogram()[0].rgb.join() === '255,255,0', 5000);
    await until('proof of play', () => brands.log.list({ brand: 'acme' }).length === 1, 5000);
    const [record] = brands.log.list({ brand: 'acme' });
    expect(record).toMatchObject({ brand: 'acme', sequenceId: 'acme-wash', showId: 'live-test' });
    expect(warnings.some((w) => w.includes('"Acme wash"') && w.includes('played'))).toBe(true);
    expect(brands.log.list({ brand: 'other' })).toHaveLength(0);
    // the cue look comes back when the wash ends
    await until('blue again', () => snapshot(crowd, performance.now()).histogram()[0].rgb.join() === '0,0,255', 5000);
  });

  it('a busk over the slot pre-empts it, and the proof of play says so', async () => {
    await runtime.load('live-test');
    expect(await runtime.command('goto', { cue: 'blue' }, operator, ctx)).toEqual({ ok: true });
    expect(await runtime.command('busk', { zones: [0, 1], look: { kind: 'color', color: [255, 0, 0] } }, operator, ctx)).toEqual({ ok: true });
    await until('proof of play', () => brands.log.list({ brand: 'acme' }).length === 1, 5000);
    const [record] = brands.log.list({ brand: 'acme' });
    expect(record.status).toBe('partial');
    expect(record.reasons.map((r) => r.message)).toContain('pre-empted by busk on zones 0, 1');
  });

  it('a busk over the slot after it began is seen in the replay: partial, naming the busk and the moment', async () => {
    const stored = await shows.get('live-test');
    const longer = stored.show.brandSequences.map((s) => (s.id === 'acme-wash' ? { ...s, steps: [{ kind: 'wash' as const, duration: 2500, color: [255, 255, 0] as [number, number, number], fade: 0 }] } : s));
    await shows.save({ ...stored.show, brandSequences: longer }, 'test', { expectedRevision: stored.revision });
    await runtime.load('live-test');
    expect(await runtime.command('goto', { cue: 'blue' }, operator, ctx)).toEqual({ ok: true });
    const crowd = runtime.current!.crowd!;
    await until('yellow wash on the crowd', () => snapshot(crowd, performance.now()).histogram()[0].rgb.join() === '255,255,0', 5000);
    await sleep(500);
    expect(await runtime.command('busk', { zones: [0, 1, 2], look: { kind: 'color', color: [255, 0, 0] } }, operator, ctx)).toEqual({ ok: true });
    await until('proof of play', () => brands.log.list({ brand: 'acme' }).length === 1, 5000);
    const [record] = brands.log.list({ brand: 'acme' });
    expect(record.status).toBe('partial');
    expect(record.reasons.map((r) => r.message).join('\n')).toMatch(/overwritten at \d\d:\d\d:\d\d\.\d UTC, [\d.]+ s into the slot by a busk on zones 0, 1, 2: \d+% of its seats showed it before, 2\d% after/);
    expect(record.figures!.start.share).toBeGreaterThan(0.9);
    expect(record.figures!.end.share).toBeLessThan(0.5);
  });

  it('a stop before the sequence starts drops it without a record', async () => {
    await runtime.load('live-test');
    await runtime.command('go', {}, operator, ctx);
    await until('planned', () => runtime.brandSequencesRunning.includes('acme-wash'));
    await runtime.command('stop', {}, operator, ctx);
    await until('dropped', () => runtime.brandSequencesRunning.length === 0);
    await new Promise((r) => setTimeout(r, 1200));
    expect(brands.log.list({})).toHaveLength(0);
  });

  it('a logo slot that sent nothing (its preload could not be on air in time) is reported as not played, with the reason', async () => {
    const stored = await shows.get('live-test');
    const logo = await brands.uploadLogo(await stripesPng([[255, 255, 0], [255, 0, 255]], 40, 20), { username: 'a', role: 'brand', brand: 'acme' });
    const show = { ...stored.show, brandSequences: [{ id: 'acme-logo', brand: 'acme', name: 'Acme logo', logo: { asset: logo.asset }, steps: [{ kind: 'reveal', duration: 1500, fade: 0 }], schedule: { showTime: 1000 }, approved: true }] };
    await shows.save(show as typeof stored.show, 'test', { expectedRevision: stored.revision });
    // A controller too busy to plan the slot before it began: the plan is ready 1.4 s after it was asked for, 0.4 s into the slot.
    await runtime.close();
    const slow = { approvedSequences: brands.approvedSequences.bind(brands), recordPlay: brands.recordPlay.bind(brands), planFor: async (show: string, id: string, at: number) => (await sleep(1400), brands.planFor(show, id, at)) };
    runtime = new LiveShowRuntime({ shows, dataDir: dir, brands: slow });
    await runtime.load('live-test');
    expect(await runtime.command('goto', { cue: 'blue' }, operator, ctx)).toEqual({ ok: true });
    await until('proof of play', () => brands.log.list({ brand: 'acme' }).length === 1, 8000);
    const [record] = brands.log.list({ brand: 'acme' });
    expect(record.transmissions).toBe(0);
    expect(record.status).toBe('not-played');
    // Only bands that missed the cue (dark, like the logo's background) can match it.
    expect(record.bandsEstimated).toBeLessThan(0.05 * record.bandsCovered);
    expect(record.figures!.middle.share).toBeLessThan(0.05);
    expect(record.reasons[0].message).toMatch(/^nothing went on air for this slot: its preload was late \(0 of \d+ packets on air by the reveal at/);
    // The snapshot is the crowd as it was: the cue's blue, not the logo.
    const png = brands.log.snapshot(record.id)!;
    const { data } = await (await import('sharp')).default(png).raw().toBuffer({ resolveWithObject: true });
    const colours = new Set<string>();
    for (let i = 0; i < data.length; i += 3) if (data[i] + data[i + 1] + data[i + 2] > 100) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    expect([...colours].some((c) => c === '0,0,255')).toBe(true);
    expect([...colours].some((c) => c === '255,255,0' || c === '255,0,255')).toBe(false);
    await sleep(0);
  });

  it('a slot that cannot start is reported as not played, with why', async () => {
    await runtime.close();
    const failing = {
      approvedSequences: brands.approvedSequences.bind(brands),
      recordPlay: brands.recordPlay.bind(brands),
      recordNotPlayed: brands.recordNotPlayed.bind(brands),
      planFor: () => Promise.reject(new Error("the logo 'acme.png' is no longer stored")),
    };
    runtime = new LiveShowRuntime({ shows, dataDir: dir, brands: failing });
    await runtime.load('live-test');
    expect(await runtime.command('goto', { cue: 'blue' }, operator, ctx)).toEqual({ ok: true });
    await until('proof of play', () => brands.log.list({ brand: 'acme' }).length === 1, 5000);
    const [record] = brands.log.list({ brand: 'acme' });
    expect(record).toMatchObject({ sequenceId: 'acme-wash', status: 'not-played', transmissions: 0, figures: null, hasSnapshot: false });
    expect(record.reasons[0].message).toBe("nothing went on air for this slot: it could not start (the logo 'acme.png' is no longer stored)");
  });
});
