import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import example from '@crowdcue/protocol/example-show.json' with { type: 'json' };
import { bigShowInput } from '../show/big-show.test-util';
import { ShowStore } from '../storage/show-store';
import { INLINE_READ_BYTES, readStoredOffLoop } from './show-read-task';
import { closeWorkerTasks, runWorkerTask } from './worker-task';

vi.mock('./worker-task', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-task')>();
  return { ...real, runWorkerTask: vi.fn(real.runWorkerTask) };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-read-'));
  vi.mocked(runWorkerTask).mockClear();
});
afterEach(() => rm(dir, { recursive: true, force: true }));
afterAll(() => closeWorkerTasks());

const offLoopStore = async () => {
  const store = new ShowStore(dir, { readStored: readStoredOffLoop });
  await store.init();
  return store;
};

describe('show files read off the loop', () => {
  it('reads a large show file in a worker task, the same show as inline; a small one inline', async () => {
    const writer = await offLoopStore();
    await writer.save(bigShowInput(3_000, { allZones: true }), 'ana');
    await writer.save(structuredClone(example), 'ana');
    expect((await stat(join(dir, 'shows', 'big-3000.json'))).size).toBeGreaterThan(INLINE_READ_BYTES);

    const reader = await offLoopStore();
    const big = await reader.get('big-3000');
    expect(vi.mocked(runWorkerTask).mock.calls.map((c) => c[0])).toEqual(['read-stored-show']);
    const inline = new ShowStore(dir);
    expect(big).toEqual(await inline.get('big-3000'));
    await reader.get(example.id);
    expect(runWorkerTask).toHaveBeenCalledTimes(1);
  }, 30_000);

  it('recovers a damaged large file from its backup in the worker', async () => {
    const writer = await offLoopStore();
    await writer.save(bigShowInput(3_000, { allZones: true }), 'ana');
    await writer.save({ ...bigShowInput(3_000, { allZones: true }), name: 'Second' }, 'ana', { expectedRevision: 1 });
    await writeFile(join(dir, 'shows', 'big-3000.json'), '{"id": "big-3000", "revis');
    const recovered: string[] = [];
    const reader = new ShowStore(dir, { readStored: readStoredOffLoop, onRecovered: (id) => recovered.push(id) });
    const stored = await reader.get('big-3000');
    expect(stored).toMatchObject({ revision: 1, show: { name: '3000 cues' } });
    expect(recovered).toEqual(['big-3000']);
    expect(runWorkerTask).toHaveBeenCalledWith('read-stored-show', expect.anything(), expect.anything());
  }, 30_000);
});
