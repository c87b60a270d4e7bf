import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshot } from '@crowdcue/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicAccount } from '../accounts/account-store';
import { BrandService } from '../brand/brand-service';
import { ShowStore } from '../storage/show-store';
import { liveShowInput, until } from './live-fixtures.test-util';
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
  runtime = new LiveShowRuntime({ shows, dataDir: dir, brands, log: (l, m) => l !== 'info' && console.log(l, m) });
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
    expect(brands.log.list({ brand: 'acme' })[0].notes).toContain('pre-empted by busk on zones 0, 1');
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
});
