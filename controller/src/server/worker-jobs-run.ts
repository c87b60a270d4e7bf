/** Inside a task's worker: runs the job named in workerData and posts its answer once. */
import { parentPort, workerData } from 'node:worker_threads';

const { job, input, jobsModule } = workerData as { job: string; input: unknown; jobsModule?: string };
try {
  // Tests hand in a module of their own jobs; the server's are worker-jobs.ts.
  const { WORKER_JOBS } = (await import(jobsModule ?? new URL('./worker-jobs.ts', import.meta.url).href)) as {
    WORKER_JOBS: Record<string, (input: unknown) => unknown>;
  };
  const run = WORKER_JOBS[job];
  if (!run) throw new Error(`no job called '${job}'`);
  parentPort?.postMessage({ ok: true, value: await run(input) });
} catch (err) {
  parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
