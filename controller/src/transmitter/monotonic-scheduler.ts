/**
 * The drivers' default clock and timers: performance.now() (monotonic, sub-ms)
 * with plain timers. Drivers time nothing precisely on the host (timed SENDs
 * carry the exact time to the device), so a coarse timer is enough here; the
 * engine passes its DeadlineScheduler where deadlines matter.
 */
import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';

class TimerAction<T> extends Subscription implements SchedulerAction<T> {
  private handle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly work: (this: SchedulerAction<T>, state?: T) => void) {
    super(() => clearTimeout(this.handle));
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    clearTimeout(this.handle);
    this.handle = setTimeout(() => {
      this.handle = undefined;
      this.work.call(this, state);
    }, Math.max(0, delay));
    return this;
  }
}

export const monotonicScheduler: SchedulerLike = {
  now: () => performance.now(),
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    return new TimerAction<T>(work).schedule(state, delay);
  },
};
