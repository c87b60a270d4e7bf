/**
 * An output path off the main event loop, for transmitters without timed SEND
 * (a XyloSender): packets are handed to a worker thread ahead of time with their
 * deadline, and the worker writes each at its deadline (timer, then a short
 * busy wait). A main loop blocked by other work then no longer makes output
 * late, as long as packets are handed over earlier than the block lasts.
 *
 * Deadlines are given in this thread's monotonic ms (performance.now(), the
 * DeadlineScheduler's clock) and converted to the worker's clock (hrtime,
 * shared by all threads) with an offset measured at start.
 */
import { Worker } from 'node:worker_threads';
import { Subject, type Observable } from 'rxjs';
import { LatenessStats, type LatenessSummary } from './lateness-stats';
import { OUTPUT_WORKER_SOURCE } from './worker-output-thread';

export interface WorkerOutputOptions {
  /** Busy-wait window before each deadline. Default 2 ms. */
  guardMs?: number;
  /**
   * Module (file URL) the worker imports to write bytes: it exports
   * `createSink(options) => { write(bytes), close?() }`. Without one the worker only times and reports.
   */
  sinkModule?: string;
  sinkOptions?: unknown;
}

/** One packet written by the worker. */
export interface OutputFire {
  id: number;
  /** The deadline and the moment of writing, in this thread's monotonic ms. */
  deadlineMs: number;
  firedMs: number;
  latenessMs: number;
}

type FromWorker =
  | { type: 'ready' }
  | { type: 'fired'; id: number; deadline: number; fired: number }
  | { type: 'error'; message: string };

const hrMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** hrtime ms minus performance.now(), from the tightest of a few back-to-back readings. */
function measureHrOffset(): number {
  let best = Infinity;
  let offset = 0;
  for (let i = 0; i < 9; i++) {
    const a = performance.now();
    const h = hrMs();
    const b = performance.now();
    if (b - a < best) {
      best = b - a;
      offset = h - (a + b) / 2;
    }
  }
  return offset;
}

export class WorkerOutput {
  private nextId = 1;
  private readonly fired = new Subject<OutputFire>();
  private readonly errors = new Subject<string>();
  private readonly lateness = new LatenessStats();
  private closed = false;
  /** Deadlines as the caller gave them (the worker's copy went through a clock conversion). */
  private readonly pending = new Map<number, number>();

  private constructor(
    private readonly worker: Worker,
    private readonly hrOffset: number,
  ) {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'fired') {
        // lateness in the worker's own clock: exact, whatever the offset
        const latenessMs = m.fired - m.deadline;
        const deadlineMs = this.pending.get(m.id) ?? m.deadline - this.hrOffset;
        this.pending.delete(m.id);
        this.lateness.record(latenessMs);
        this.fired.next({ id: m.id, deadlineMs, firedMs: deadlineMs + latenessMs, latenessMs });
      } else if (m.type === 'error') this.errors.next(m.message);
    });
    worker.on('error', (e) => this.errors.next(String(e)));
  }

  /** Starts the worker; resolves once it (and its sink) is ready. */
  static start(options: WorkerOutputOptions = {}): Promise<WorkerOutput> {
    const worker = new Worker(OUTPUT_WORKER_SOURCE, {
      eval: true,
      workerData: { guardMs: options.guardMs ?? 2, sinkModule: options.sinkModule, sinkOptions: options.sinkOptions },
    });
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.type === 'ready') {
          worker.off('message', onMessage);
          worker.off('error', reject);
          resolve(new WorkerOutput(worker, measureHrOffset()));
        } else if (m.type === 'error') {
          void worker.terminate();
          reject(new Error(`output worker: ${m.message}`));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  }

  /** Every packet the worker wrote, with its lateness (reported after the fact). */
  get fired$(): Observable<OutputFire> {
    return this.fired.asObservable();
  }

  /** Sink and worker errors. */
  get errors$(): Observable<string> {
    return this.errors.asObservable();
  }

  /** Hands `bytes` to the worker to write at `atMs` (this thread's monotonic ms); returns its id. */
  send(atMs: number, bytes: Uint8Array): number {
    const id = this.nextId++;
    if (this.closed) return id;
    this.pending.set(id, atMs);
    this.worker.postMessage({ type: 'send', id, deadline: atMs + this.hrOffset, bytes });
    return id;
  }

  cancel(id: number): void {
    this.pending.delete(id);
    if (!this.closed) this.worker.postMessage({ type: 'cancel', id });
  }

  /** Drops everything not yet written (blackout makes queued work obsolete). */
  cancelAll(): void {
    this.pending.clear();
    if (!this.closed) this.worker.postMessage({ type: 'cancel-all' });
  }

  latency(): LatenessSummary {
    return this.lateness.summary();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage({ type: 'close' });
    await this.worker.terminate();
    this.fired.complete();
    this.errors.complete();
  }
}
