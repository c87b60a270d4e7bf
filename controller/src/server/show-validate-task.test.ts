import { checkShowFile } from '@crowdcue/protocol';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ShowValidationError } from '../storage/show-store';
import { cueCount, INLINE_CUE_LIMIT, parseShowOffLoop, validateShowOffLoop } from './show-validate-task';
import { closeWorkerTasks, runWorkerTask } from './worker-task';

vi.mock('./worker-task', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-task')>();
  return { ...real, runWorkerTask: vi.fn(real.runWorkerTask) };
});

const zones = Array.from({ length: 64 }, (_, id) => ({ id, name: `Z${id}` }));
const bigShow = (n: number) => ({
  version: 1,
  id: 'big',
  name: 'Big',
  site: 1,
  venue: { name: 'V', zones, seats: { kind: 'stadium' } },
  cueLists: [{ id: 'a', name: 'A', cues: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, number: i + 1 })) }],
});

afterAll(() => closeWorkerTasks());

describe('show validation off the loop', () => {
  it('counts cues without trusting the shape', () => {
    expect(cueCount(null)).toBe(0);
    expect(cueCount({ cueLists: 'x' })).toBe(0);
    expect(cueCount(bigShow(7))).toBe(7);
  });

  it('answers exactly what the inline parser answers, valid or not, errors by field path', async () => {
    const good = bigShow(INLINE_CUE_LIMIT + 10);
    expect(await parseShowOffLoop(good)).toEqual(checkShowFile(good));
    const bad = bigShow(INLINE_CUE_LIMIT + 10);
    (bad.cueLists[0]!.cues[5] as { number: unknown }).number = 'five';
    const inline = checkShowFile(bad);
    expect(inline.ok).toBe(false);
    await expect(validateShowOffLoop(bad)).rejects.toBeInstanceOf(ShowValidationError);
    await expect(validateShowOffLoop(bad)).rejects.toThrow('cueLists[0].cues[5].number: must be a number');
    expect(await parseShowOffLoop(bad)).toEqual(inline);
  });

  it('parses a large show in a worker task, a small one inline', async () => {
    vi.mocked(runWorkerTask).mockClear();
    expect((await parseShowOffLoop(bigShow(INLINE_CUE_LIMIT - 1))).ok).toBe(true);
    expect(runWorkerTask).not.toHaveBeenCalled();
    expect((await parseShowOffLoop(bigShow(3_000))).ok).toBe(true);
    expect(vi.mocked(runWorkerTask).mock.calls.map((c) => c[0])).toEqual(['check-show-file']);
  }, 20_000);

  it('flash-checks a large show in the worker task: a too-fast cue comes back as a problem, the show still parses', async () => {
    vi.mocked(runWorkerTask).mockClear();
    const json = bigShow(INLINE_CUE_LIMIT + 10);
    (json.cueLists[0]!.cues[7] as Record<string, unknown>).looks = { all: { kind: 'effect', shape: 'SQUARE', colors: ['#ffffff', '#000000'], period: 100 } };
    const checked = await validateShowOffLoop(json);
    expect(vi.mocked(runWorkerTask).mock.calls.map((c) => c[0])).toEqual(['check-show-file']);
    expect(checked.show.cueLists[0]?.cues.length).toBe(INLINE_CUE_LIMIT + 10);
    expect(checked.problems.map((p) => p.path)).toEqual(['cueLists[0].cues[7].looks.all']);
  }, 20_000);
});
