/**
 * Inside a task's worker: loads the jobs, then runs the one job it is sent and
 * posts its answer once. A worker may be started ahead of its task (warm), so
 * the job comes as a message, not as workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../background-work';

// The show's loop runs first; this job gets the CPU it leaves.
lowerThisThreadPriority();

const { jobsModule } = workerData as { jobsModule?: string };
// Tests hand in a module of their own jobs; the server's are worker-jobs.ts.
const loaded = import(jobsModule ?? new URL('./worker-jobs.ts', import.meta.url).href) as Promise<{
  WORKER_JOBS: Record<string, (input: unknown) => unknown>;
}>;

parentPort?.once('message', async ({ job, input }: { job: string; input: unknown }) => {
  try {
    const run = (await loaded).WORKER_JOBS[job];
    if (!run) throw new Error(`no job called '${job}'`);
    parentPort?.postMessage({ ok: true, value: await run(input) });
  } catch (err) {
    parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
