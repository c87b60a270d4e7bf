/**
 * Upcoming brand slots on the live state, from a real runtime: approved slots
 * appear with their zones; before their time they say they will not play while
 * the show is stopped, and that a busk on their zones pre-empts them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrandSequence } from '@crowdcue/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicAccount } from '../accounts/account-store';
import { ShowStore } from '../storage/show-store';
import type { BrandPlayback } from './brand-runner';
import { liveShowInput } from './live-fixtures.test-util';
import { LiveShowRuntime } from './live-show-runtime';

const operator: PublicAccount = { id: 'u1', username: 'op', role: 'operator', createdAt: '' };
const ctx = { socketId: 's1', toSocket: () => undefined };

let dir: string;
let runtime: LiveShowRuntime | undefined;

const slot = { id: 'acme-1', brand: 'acme', name: 'Acme reveal', steps: [{ kind: 'color', color: [255, 0, 0], duration: 5000 }], schedule: { showTime: 600_000 }, approved: true } as unknown as BrandSequence;

function brands(list: BrandSequence[]): BrandPlayback {
  return {
    approvedSequences: async () => list,
    planFor: () => new Promise(() => undefined),
    recordPlay: async () => ({ status: 'played' as const }),
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-slots-'));
});
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('upcoming brand slots on the live state', () => {
  it('says a show-time slot will not play while the show is stopped, will play once it runs, and is pre-empted by a busk on its zones', async () => {
    const shows = new ShowStore(dir);
    await shows.init();
    await shows.save(liveShowInput(), 'test');
    runtime = new LiveShowRuntime({ shows, dataDir: dir, crowd: false, brands: brands([slot]) });
    await runtime.load('live-test');
    await expect.poll(() => runtime!.snapshot().brandSlots?.length).toBe(1);
    const stopped = runtime.snapshot().brandSlots![0];
    expect(stopped).toMatchObject({ sequence: 'acme-1', name: 'Acme reveal', outlook: 'will-not-play', reason: 'the show is stopped', when: { kind: 'showTime', atShowMs: 600_000 } });
    expect(stopped.zones.length).toBeGreaterThan(0);

    expect((await runtime.command('go', {}, operator, ctx)).ok).toBe(true);
    expect(runtime.snapshot().brandSlots![0].outlook).toBe('will-play');

    const zone = stopped.zones[0];
    expect((await runtime.command('busk', { zones: [zone], look: { kind: 'color', color: [0, 0, 255] } }, operator, ctx)).ok).toBe(true);
    const busked = runtime.snapshot().brandSlots![0];
    expect(busked.outlook).toBe('pre-empted');
    expect(busked.reason).toBe(`a busk holds zone ${zone}, above brand slots`);
  });
});
