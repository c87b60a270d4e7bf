import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../live/command-journal';
import { readRuntimeFile, runtimeRecord } from '../live/runtime-file';
import { loadIdentity } from './standby-files';
import { takeOver } from './takeover';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('takeOver', () => {
  it('makes the newest followed record the live state, with the highest seq mark heard and one more epoch', async () => {
    dir = await mkdtemp(join(tmpdir(), 'takeover-'));
    await writeFile(join(dir, JOURNAL_FILE), '{"kind":"band","band":{"seqReserved":5,"epochWallMs":1}}\n');
    const state = runtimeRecord('demo', { status: 'running', positionMs: 2500, current: { cueId: 'house', goPositionMs: 0 }, master: 200, blackout: false, busks: [] }, { rev: 9, band: { seqReserved: 96, epochWallMs: 1234 } });
    const own = await loadIdentity(dir);
    const identity = await takeOver(dir, { active: { controllerId: 1, epoch: 3, url: null }, state, band: { seqReserved: 192, epochWallMs: 1234 } }, own);
    expect(identity).toEqual({ controllerId: own.controllerId, epoch: 4 });
    expect(await loadIdentity(dir)).toEqual(identity);
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(false);
    const read = await readRuntimeFile(dir);
    expect(read).toMatchObject({ ok: true, record: { show: 'demo', status: 'running', positionMs: 2500, master: 200, rev: 9, band: { seqReserved: 192, epochWallMs: 1234 } } });
  });
});
