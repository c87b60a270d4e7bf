/**
 * The live runtime's warnings to the consoles: a storm of one warning (an
 * operator hammering a busk the flash limit clamps, a cue late every frame)
 * arrives as its first line, then one count a second, not as a flood.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicAccount } from '../accounts/account-store';
import { ShowStore } from '../storage/show-store';
import type { LiveWarning } from './live-runtime';
import { LiveShowRuntime } from './live-show-runtime';
import { liveShowInput, until } from './live-fixtures.test-util';

const operator: PublicAccount = { id: 'u1', username: 'op', role: 'operator', createdAt: '' };
const ctx = { socketId: 's1', toSocket: () => undefined };

let dir: string;
let r: LiveShowRuntime | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-warn-repeat-'));
});
afterEach(async () => {
  await r?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('LiveShowRuntime warnings', () => {
  it('50 clamped busks in a moment: one warning, then "49 more of (...)" a second later', async () => {
    const shows = new ShowStore(dir);
    await shows.init();
    await shows.save(liveShowInput(), 'test');
    r = new LiveShowRuntime({ shows, dataDir: dir, reportEveryMs: 100, heartbeatMs: 200 });
    await r.load('live-test');
    const warnings: LiveWarning[] = [];
    r.warnings$.subscribe((w) => warnings.push(w));
    await r.command('go', {}, operator, ctx);
    for (let i = 0; i < 50; i++) expect(await r.command('busk', { zones: [1, 2], look: { kind: 'effect', shape: 'SQUARE', colors: [[255, 255, 255], [0, 0, 0]], period: 40, axis: 'NONE', direction: 0, spread: 0 } }, operator, ctx)).toEqual({ ok: true });
    const busk = () => warnings.filter((w) => w.message.includes('busk: '));
    expect(busk()).toHaveLength(1);
    await until('the count', () => busk().length === 2, 3000);
    expect(busk()[1]).toMatchObject({ code: 'safety', message: expect.stringMatching(/^49 more of \(safety: busk: .*\) in the last second$/) });
  });
});
