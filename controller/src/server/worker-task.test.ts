import { describe, expect, it } from 'vitest';
import { MAX_RUNNING_TASKS, runningWorkerTasks, runWorkerTask, WorkerTaskError } from './worker-task';

const jobsModule = new URL('./worker-task.fixtures.ts', import.meta.url).href;
// The fixtures' job names, through the server's typed entry point.
const run = (job: string, input: unknown, opts: { deadlineMs: number; maxMemoryMb?: number; signal?: AbortSignal }) =>
  runWorkerTask(job as 'venue-summary', input as never, { ...opts, jobsModule });

async function failure(p: Promise<unknown>): Promise<WorkerTaskError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkerTaskError);
  return err as WorkerTaskError;
}

async function settled(): Promise<void> {
  for (let i = 0; i < 100 && runningWorkerTasks() > 0; i++) await new Promise((r) => setTimeout(r, 20));
}

describe('runWorkerTask', () => {
  it('answers with the job result', async () => {
    expect(await run('double', 21, { deadlineMs: 20_000 })).toBe(42);
  });

  it('brings an answer in parts back whole: the head, then every part in order, however long the taking lasts', async () => {
    // 2,000 parts are 2,000 turns of this loop: longer than the worker would take to leave by itself.
    // The fixture's answer is cut into 2,000 parts of 10 cues; the task hands back the joined whole.
    expect(await run('parts', 2_000, { deadlineMs: 20_000 })).toEqual({ of: 2_000, cues: Array.from({ length: 20_000 }, (_, j) => ({ id: `c${j}` })) });
  });

  it('stops a job at its deadline with a 503 that says so', async () => {
    const err = await failure(run('spin', null, { deadlineMs: 1_500 }));
    expect(err.reason).toBe('deadline');
    expect(err.statusCode).toBe(503);
    expect(err.message).toBe('spin: took longer than 1.5 s; stopped, nothing changed (ask for less)');
    await settled();
    expect(runningWorkerTasks()).toBe(0);
  });

  it('stops a job when its client goes away', async () => {
    const gone = new AbortController();
    const p = run('spin', null, { deadlineMs: 60_000, signal: gone.signal });
    setTimeout(() => gone.abort(), 500);
    const err = await failure(p);
    expect(err.reason).toBe('cancelled');
    await settled();
    expect(runningWorkerTasks()).toBe(0);
  });

  it('stops a job over its memory ceiling with a 422, the process unharmed', async () => {
    const err = await failure(run('hog', null, { deadlineMs: 60_000, maxMemoryMb: 64 }));
    expect(err.reason).toBe('memory');
    expect(err.statusCode).toBe(422);
    expect(err.message).toMatch(/needs more than 64 MB/);
  });

  it("passes a job's own refusal on", async () => {
    const err = await failure(run('refuse', null, { deadlineMs: 20_000 }));
    expect(err).toMatchObject({ reason: 'job', statusCode: 422, message: 'refuse: no such seat' });
  });

  it('runs no more tasks at once than leaves a core to the show; the others wait within their deadline', async () => {
    const hogs = Array.from({ length: MAX_RUNNING_TASKS }, () => failure(run('spin', null, { deadlineMs: 4_000 })));
    const waiter = await failure(run('double', 1, { deadlineMs: 1_000 }));
    expect(waiter).toMatchObject({ reason: 'deadline', statusCode: 503 });
    expect(waiter.message).toMatch(/^double: waited 1 s behind other heavy requests/);
    await Promise.all(hogs);
    // The slots are free again.
    expect(await run('double', 2, { deadlineMs: 20_000 })).toBe(4);
  });
});

