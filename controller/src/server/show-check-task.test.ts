import { parseShow, type Show } from '@crowdcue/protocol';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { checkShow } from '../safety/check-show';
import { bigShowInput } from '../show/big-show.test-util';
import { checkShowOffLoop, INLINE_CHECK_CUE_LIMIT } from './show-check-task';
import { closeWorkerTasks, runWorkerTask } from './worker-task';

vi.mock('./worker-task', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-task')>();
  return { ...real, runWorkerTask: vi.fn(real.runWorkerTask) };
});

afterAll(() => closeWorkerTasks());

function show(cues: number, strobeAt?: number): Show {
  const input = bigShowInput(cues, { allZones: true });
  // A fast strobe: 8 flashes a second, over the 3/s limit.
  if (strobeAt !== undefined) input.cueLists![0]!.cues![strobeAt]!.looks = { all: { kind: 'effect', shape: 'SQUARE', colors: [[255, 255, 255], [0, 0, 0]], period: 125 } };
  const parsed = parseShow(input);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return parsed.value;
}

describe('safety check off the loop', () => {
  it('checks a small show inline, a large one in a worker task', async () => {
    vi.mocked(runWorkerTask).mockClear();
    expect(await checkShowOffLoop(show(INLINE_CHECK_CUE_LIMIT - 1))).toEqual([]);
    expect(runWorkerTask).not.toHaveBeenCalled();
    expect(await checkShowOffLoop(show(2_000))).toEqual([]);
    expect(vi.mocked(runWorkerTask).mock.calls.map((c) => c[0])).toEqual(['check-show']);
  }, 20_000);

  it('answers exactly what the inline check answers, problems by path', async () => {
    const fast = show(INLINE_CHECK_CUE_LIMIT + 20, 57);
    const inline = checkShow(fast);
    expect(inline.map((e) => e.path)).toContain('cueLists[0].cues[57].looks.all');
    expect(await checkShowOffLoop(fast)).toEqual(inline);
  }, 20_000);
});
