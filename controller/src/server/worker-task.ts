/**
 * Heavy request work (venue generation, logo rasterising, show checks) off the
 * main loop: each task runs one named job in its own worker thread with a
 * memory ceiling, and is terminated at its deadline or as soon as the client
 * that asked has gone. The live show's loop never waits on it, and a task
 * nobody wants any more stops costing CPU at once.
 *
 * One worker per task, not a pool: terminating the thread is what cancels the
 * work (a job cannot be interrupted in the middle of a loop any other way),
 * and a task is a request, not a hot path.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { BACKGROUND_CORES } from '../background-work';
import { type AnswerPart, joinParts, type Joined } from './answer-in-parts';
import type { WorkerJobs } from './worker-jobs';

export type WorkerJobName = keyof WorkerJobs;
export type WorkerJobInput<N extends WorkerJobName> = Parameters<WorkerJobs[N]>[0];
/** A job's answer as its caller gets it: an answer sent in parts comes joined. */
export type WorkerJobOutput<N extends WorkerJobName> = Joined<Awaited<ReturnType<WorkerJobs[N]>>>;

export interface WorkerTaskOptions {
  /** Wall-clock budget from start, worker start-up included. */
  deadlineMs: number;
  /** V8 heap ceiling of the worker; over it, the task fails with `memory`. Default 512 MB. */
  maxMemoryMb?: number;
  /** Aborting it (the client has gone) terminates the worker. */
  signal?: AbortSignal;
  /** Tests: a module of other jobs (file URL), exporting WORKER_JOBS like worker-jobs.ts. */
  jobsModule?: string;
}

export type WorkerTaskFailure = 'deadline' | 'memory' | 'cancelled' | 'job';

/** Why a task produced nothing, with the HTTP status that says it. */
export class WorkerTaskError extends Error {
  constructor(
    readonly reason: WorkerTaskFailure,
    message: string,
    /** 503 deadline (try a smaller request), 422 too big to compute or a job's own refusal, 499 client gone. */
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/** `parts`: the answer is the head `value` and that many parts, waiting on the task's parts port. */
type FromWorker = { ok: true; value: unknown; parts?: number } | { ok: false; message: string };

/**
 * Takes `count` parts off `port`, one per turn of the loop (each is
 * deserialised as it is taken). Undefined when the task ended meanwhile
 * (deadline, client gone).
 */
async function receiveParts(port: MessagePort, count: number, ended: () => boolean): Promise<AnswerPart[] | undefined> {
  const got: AnswerPart[] = [];
  while (got.length < count) {
    await nextTurn();
    if (ended()) return undefined;
    const part = receiveMessageOnPort(port);
    // The worker posted every part before its answer, so each is already waiting.
    if (!part) throw new Error(`the worker's answer said ${count} parts, but only ${got.length} came`);
    got.push(part.message as AnswerPart);
  }
  return got;
}

const ENTRY = new URL('./worker-task-entry.mjs', import.meta.url);
/**
 * Tasks that run at once: one core is always left to the live show's loop (on a
 * 2-core controller, one task at a time). More wait their turn, within their deadline.
 */
export const MAX_RUNNING_TASKS = BACKGROUND_CORES;
/** Tasks that may wait; beyond this a request is turned away at once. */
export const MAX_WAITING_TASKS = 16;
const DEFAULT_MEMORY_MB = 512;
let running = 0;
const waiting: Array<() => void> = [];

/** Tasks whose worker is alive now (tests, health). */
export function runningWorkerTasks(): number {
  return running;
}

export async function runWorkerTask<N extends WorkerJobName>(job: N, input: WorkerJobInput<N>, opts: WorkerTaskOptions): Promise<WorkerJobOutput<N>> {
  const startedAt = performance.now();
  await turn(job, opts);
  try {
    return await runNow(job, input, { ...opts, deadlineMs: Math.max(0, opts.deadlineMs - (performance.now() - startedAt)) }, opts.deadlineMs);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}

let busy = 0;

/** Waits for a free slot (the slot is then this task's), or fails at the deadline, when the client goes, or when too many wait. */
function turn(job: string, opts: WorkerTaskOptions): Promise<void> {
  if (opts.signal?.aborted) return Promise.reject(new WorkerTaskError('cancelled', `${job}: the client has gone`, 499));
  if (busy < MAX_RUNNING_TASKS) {
    busy++;
    return Promise.resolve();
  }
  if (waiting.length >= MAX_WAITING_TASKS) {
    return Promise.reject(new WorkerTaskError('deadline', `${job}: the controller is busy with ${busy + waiting.length} heavy requests; try again shortly`, 503));
  }
  return new Promise((resolve, reject) => {
    const go = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const leave = (err: WorkerTaskError) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      waiting.splice(waiting.indexOf(go), 1);
      reject(err);
    };
    const onAbort = () => leave(new WorkerTaskError('cancelled', `${job}: the client has gone`, 499));
    const timer = setTimeout(
      () => leave(new WorkerTaskError('deadline', `${job}: waited ${formatSeconds(opts.deadlineMs)} behind other heavy requests; nothing done (try again shortly)`, 503)),
      opts.deadlineMs,
    );
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    waiting.push(go);
  });
}

/** `opts.deadlineMs` is what is left of the task's whole deadline (`totalMs`, the one the message names). */
function runNow<N extends WorkerJobName>(job: N, input: WorkerJobInput<N>, opts: WorkerTaskOptions, totalMs: number): Promise<WorkerJobOutput<N>> {
  const maxMemoryMb = opts.maxMemoryMb ?? DEFAULT_MEMORY_MB;
  const deadlineMs = totalMs;
  if (opts.signal?.aborted) return Promise.reject(new WorkerTaskError('cancelled', `${job}: the client has gone`, 499));
  return new Promise((resolve, reject) => {
    const worker = takeSpare(opts.jobsModule, maxMemoryMb) ?? spawn(opts.jobsModule, maxMemoryMb);
    running++;
    worker.once('exit', () => running--);
    // A large answer's parts come on their own port, pulled one per turn (answer-in-parts.ts).
    const { port1: parts, port2: partsPort } = new MessageChannel();
    worker.postMessage({ job, input, partsPort }, [partsPort]);
    // The next task finds a worker with its modules already loaded.
    if (opts.jobsModule === undefined) setImmediate(warmSpare);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
      parts.close();
      // Whatever it was doing, it is no longer wanted: stop it now, not when it finishes.
      void worker.terminate();
    };
    const fail = (reason: WorkerTaskFailure, message: string, status: number) => finish(() => reject(new WorkerTaskError(reason, `${job}: ${message}`, status)));
    const timer = setTimeout(() => fail('deadline', `took longer than ${formatSeconds(deadlineMs)}; stopped, nothing changed (ask for less)`, 503), opts.deadlineMs);
    const onAbort = () => fail('cancelled', 'the client has gone; stopped', 499);
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (m: FromWorker) => {
      if (!m.ok) fail('job', m.message, 422);
      else if (m.parts === undefined) finish(() => resolve(m.value as WorkerJobOutput<N>));
      else {
        void receiveParts(parts, m.parts, () => settled).then(
          (got) => got && finish(() => resolve(joinParts({ inParts: true, head: m.value, parts: got }) as WorkerJobOutput<N>)),
          (err: Error) => fail('job', err.message, 500),
        );
      }
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') fail('memory', `needs more than ${maxMemoryMb} MB; stopped, nothing changed (ask for less)`, 422);
      else fail('job', err.message, 422);
    });
    worker.on('exit', () => fail('job', 'the worker stopped without an answer', 500));
  });
}

/**
 * One worker kept started, its modules loaded (loading them is most of a small
 * task's time), for the next task with the default jobs and memory ceiling.
 * It idles without a reference, so it never keeps the process alive.
 */
let spare: Worker | null = null;

function spawn(jobsModule: string | undefined, maxMemoryMb: number): Worker {
  const worker = new Worker(ENTRY, {
    workerData: { jobsModule },
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, maxMemoryMb / 4) },
    stdout: false,
    stderr: false,
  });
  return worker;
}

function takeSpare(jobsModule: string | undefined, maxMemoryMb: number): Worker | null {
  if (!spare || jobsModule !== undefined || maxMemoryMb !== DEFAULT_MEMORY_MB) return null;
  const worker = spare;
  spare = null;
  worker.ref();
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  return worker;
}

/** Starts the spare worker if there is none (the server calls it at start; every task after using one). */
export function warmSpare(): void {
  if (spare) return;
  const worker = spawn(undefined, DEFAULT_MEMORY_MB);
  worker.unref();
  worker.on('exit', () => {
    if (spare === worker) spare = null;
  });
  worker.on('error', () => undefined);
  spare = worker;
}

/** Stops the spare worker (server shutdown). */
export async function closeWorkerTasks(): Promise<void> {
  const worker = spare;
  spare = null;
  if (worker) await worker.terminate();
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
