/**
 * Inside a task's worker: loads the jobs, then runs the one job it is sent and
 * posts its answer once. A worker may be started ahead of its task (warm), so
 * the job comes as a message, not as workerData.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { isInParts } from './answer-in-parts';
import { lowerThisThreadPriority } from '../background-work';

// The show's loop runs first; this job gets the CPU it leaves.
lowerThisThreadPriority();

const { jobsModule } = workerData as { jobsModule?: string };
// Tests hand in a module of their own jobs; the server's are worker-jobs.ts.
const loaded = import(jobsModule ?? new URL('./worker-jobs.ts', import.meta.url).href) as Promise<{
  WORKER_JOBS: Record<string, (input: unknown) => unknown>;
}>;

parentPort?.once('message', async ({ job, input, partsPort }: { job: string; input: unknown; partsPort?: MessagePort }) => {
  try {
    const run = (await loaded).WORKER_JOBS[job];
    if (!run) throw new Error(`no job called '${job}'`);
    const value = await run(input);
    if (isInParts(value) && partsPort) {
      // The parts first: they are waiting on their port when the answer arrives.
      for (const part of value.parts) partsPort.postMessage(part);
      parentPort?.postMessage({ ok: true, value: value.head, parts: value.parts.length });
      // This thread stays until the task ends it (worker-task.ts always terminates its
      // worker): leaving now would close the parts port while the parts are being taken.
      setInterval(() => undefined, 60_000);
    } else parentPort?.postMessage({ ok: true, value });
  } catch (err) {
    parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
