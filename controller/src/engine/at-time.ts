/**
 * Absolute-time helpers that work with any RxJS scheduler: exact on a
 * DeadlineScheduler, exact in virtual time under TestScheduler.
 */
import { Observable, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import { DeadlineScheduler } from './deadline-scheduler';

/** Runs `work` at `atMs` on the scheduler's clock (a past time: as soon as possible). */
export function scheduleAt<T>(
  scheduler: SchedulerLike,
  atMs: number,
  work: (this: SchedulerAction<T>, state?: T) => void,
  state?: T,
): Subscription {
  if (scheduler instanceof DeadlineScheduler) return scheduler.scheduleAt(atMs, work, state);
  return scheduler.schedule(work, Math.max(0, atMs - scheduler.now()), state);
}

/** Emits `atMs` once, at `atMs`, then completes. */
export function atTime(scheduler: SchedulerLike, atMs: number): Observable<number> {
  return new Observable<number>((subscriber) =>
    scheduleAt(scheduler, atMs, () => {
      subscriber.next(atMs);
      subscriber.complete();
    }),
  );
}

/**
 * Emits each deadline `firstAtMs + k * periodMs` (k = 0, 1, ...) at that deadline.
 * The deadlines are computed, never accumulated from fire times, so the train
 * does not drift however late a single fire runs.
 */
export function everyPeriod(scheduler: SchedulerLike, firstAtMs: number, periodMs: number): Observable<number> {
  if (!(periodMs > 0)) throw new RangeError(`everyPeriod: periodMs must be > 0, got ${periodMs}`);
  return new Observable<number>((subscriber) => {
    let k = 0;
    const tick = (): Subscription =>
      scheduleAt(scheduler, firstAtMs + k * periodMs, () => {
        const deadline = firstAtMs + k * periodMs;
        k++;
        subscriber.next(deadline);
        if (!subscriber.closed) current = tick();
      });
    let current = tick();
    return () => current.unsubscribe();
  });
}
