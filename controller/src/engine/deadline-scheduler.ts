/**
 * An RxJS scheduler that runs every action at its absolute deadline: it sleeps
 * on one coarse timer until shortly before the earliest deadline (the guard) and
 * then waits on the clock, so nothing fires early and lateness stays well under
 * a millisecond on an idle loop. Deadlines are absolute: an action that
 * reschedules itself while running (timer(0, period), interval) is due at its
 * previous deadline plus the period, not at "whenever it ran" plus the period, so
 * periodic work never drifts.
 *
 * Only the earliest deadline holds a timer; the rest wait in a heap, so thousands
 * of pending cues, fades and beacons cost one timer.
 *
 * What it cannot do: run anything while the event loop is blocked by other work.
 * Output that must not share that fate goes ahead of time to a transmitter with
 * timed SEND or to a worker thread (see worker-output.ts).
 */
import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';
import { DeadlineHeap, type HeapEntry } from './deadline-heap';
import { realDeadlineHost, type DeadlineHost } from './deadline-host';
import { LatenessStats, type LatenessSummary } from './lateness-stats';

export interface DeadlineSchedulerOptions {
  /** How long before a deadline the coarse timer should wake us; the rest is a busy wait. Default 2 ms. */
  guardMs?: number;
  /**
   * Longest stretch one flush may run (including busy waits) before it yields to
   * the event loop, so a dense run of deadlines cannot starve I/O. Default 8 ms.
   */
  maxFlushMs?: number;
  /** Where an error thrown by scheduled work goes. Default: rethrown on a fresh stack, as RxJS does. */
  onError?: (error: unknown) => void;
  /** Clock and timers; tests inject a fake. */
  host?: DeadlineHost;
}

type Work<T> = (this: SchedulerAction<T>, state?: T) => void;

/** What the heap and the flush see of an action, whatever its state type. */
interface PendingAction extends HeapEntry {
  running: boolean;
  execute(): void;
  unsubscribe(): void;
}

class DeadlineAction<T> extends Subscription implements SchedulerAction<T>, PendingAction {
  deadline = 0;
  order = 0;
  heapIndex = -1;
  /** True while `work` runs: a reschedule from inside is anchored on `deadline`. */
  running = false;
  state: T | undefined;

  constructor(
    private readonly scheduler: DeadlineScheduler,
    readonly work: Work<T>,
  ) {
    super();
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.state = state;
    const base = this.running ? this.deadline : this.scheduler.now();
    this.scheduler.enqueue(this, base + safeDelay(delay));
    return this;
  }

  scheduleAt(state: T | undefined, atMs: number): Subscription {
    if (this.closed) return this;
    this.state = state;
    this.scheduler.enqueue(this, Number.isFinite(atMs) ? atMs : this.scheduler.now());
    return this;
  }

  execute(): void {
    this.work.call(this, this.state);
  }

  override unsubscribe(): void {
    if (this.closed) return;
    this.scheduler.dequeue(this);
    this.state = undefined;
    super.unsubscribe();
  }
}

function safeDelay(delay: number): number {
  return Number.isFinite(delay) && delay > 0 ? delay : 0;
}

export class DeadlineScheduler implements SchedulerLike {
  readonly guardMs: number;
  readonly maxFlushMs: number;
  private readonly host: DeadlineHost;
  private readonly onError: (error: unknown) => void;
  private readonly heap = new DeadlineHeap<PendingAction>();
  private readonly lateness = new LatenessStats();
  private nextOrder = 0;
  private cancelTimer: (() => void) | undefined;
  /** The wake-up time the armed timer aims at. */
  private armedFor = Infinity;
  private flushing = false;

  constructor(options: DeadlineSchedulerOptions = {}) {
    this.guardMs = options.guardMs ?? 2;
    this.maxFlushMs = options.maxFlushMs ?? 8;
    this.host = options.host ?? realDeadlineHost;
    this.onError =
      options.onError ??
      ((error) =>
        setTimeout(() => {
          throw error;
        }));
  }

  /** Monotonic ms: `performance.now()` unless a host says otherwise. */
  now(): number {
    return this.host.now();
  }

  schedule<T>(work: (this: SchedulerAction<T>, state: T) => void, delay: number, state: T): Subscription;
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay: number, state?: T): Subscription;
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay?: number, state?: T): Subscription;
  schedule<T>(work: Work<T>, delay = 0, state?: T): Subscription {
    return new DeadlineAction<T>(this, work).schedule(state, delay);
  }

  /** Runs `work` at the absolute time `atMs` (this scheduler's clock); a past time runs as soon as possible. */
  scheduleAt<T>(atMs: number, work: (this: SchedulerAction<T>, state?: T) => void, state?: T): Subscription {
    return new DeadlineAction<T>(this, work).scheduleAt(state, atMs);
  }

  /** Actions waiting for their deadline. */
  get pending(): number {
    return this.heap.size;
  }

  /** Lateness of recent fires (fire time minus deadline). */
  latency(): LatenessSummary {
    return this.lateness.summary();
  }

  resetLatency(): void {
    this.lateness.reset();
  }

  /** @internal */
  enqueue(action: PendingAction, deadline: number): void {
    this.heap.remove(action);
    action.deadline = deadline;
    action.order = this.nextOrder++;
    this.heap.push(action);
    if (!this.flushing && deadline - this.guardMs < this.armedFor) this.arm();
  }

  /** @internal */
  dequeue(action: PendingAction): void {
    this.heap.remove(action);
    // A timer aimed at a deadline that no longer exists is harmless (the flush
    // finds nothing due and re-arms), but an empty heap must not keep the process alive.
    if (this.heap.size === 0 && !this.flushing) this.disarm();
  }

  private disarm(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.armedFor = Infinity;
  }

  private arm(): void {
    const next = this.heap.peek();
    if (next === undefined) {
      this.disarm();
      return;
    }
    const wakeAt = next.deadline - this.guardMs;
    if (this.cancelTimer !== undefined && this.armedFor <= wakeAt) return;
    this.disarm();
    this.armedFor = wakeAt;
    this.cancelTimer = this.host.setTimer(this.flush, wakeAt - this.host.now());
  }

  /** Rearm for "as soon as the loop has breathed", whatever the heap says. */
  private armSoon(): void {
    this.disarm();
    this.armedFor = -Infinity;
    this.cancelTimer = this.host.setTimer(this.flush, 0);
  }

  private readonly flush = (): void => {
    this.cancelTimer = undefined;
    this.armedFor = Infinity;
    this.flushing = true;
    const firstNewOrder = this.nextOrder;
    const start = this.host.now();
    let yielded = false;
    try {
      for (;;) {
        const next = this.heap.peek();
        if (next === undefined) break;
        const now = this.host.now();
        if (next.deadline - now > this.guardMs) break;
        // Work queued during this flush that is already due waits for the next
        // turn of the loop: a zero-delay action rescheduling itself must not spin forever.
        if ((next.order >= firstNewOrder && next.deadline <= start) || now - start > this.maxFlushMs) {
          yielded = true;
          break;
        }
        if (now < next.deadline) this.host.waitUntil(next.deadline);
        this.heap.remove(next);
        this.run(next);
      }
    } finally {
      this.flushing = false;
      if (yielded) this.armSoon();
      else this.arm();
    }
  };

  private run(action: PendingAction): void {
    this.lateness.record(this.host.now() - action.deadline);
    action.running = true;
    try {
      action.execute();
    } catch (error) {
      action.running = false;
      action.unsubscribe();
      this.onError(error);
    } finally {
      action.running = false;
    }
  }
}
