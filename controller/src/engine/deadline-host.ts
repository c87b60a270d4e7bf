/**
 * What the deadline scheduler needs from the outside world: a clock, a coarse
 * timer and a precise wait. Production uses the real host below; tests pass a
 * fake one so the scheduler's bookkeeping runs in virtual time.
 */
export interface DeadlineHost {
  /** Monotonic ms. */
  now(): number;
  /**
   * Calls `fn` after about `ms` (<= 0: as soon as the event loop has looked at
   * pending I/O). May fire early or late; the scheduler checks the clock itself.
   * Returns a function that cancels it.
   */
  setTimer(fn: () => void, ms: number): () => void;
  /** Returns once `now() >= deadline`; only ever asked to wait less than the guard. */
  waitUntil(deadline: number): void;
}

export const realDeadlineHost: DeadlineHost = {
  now: () => performance.now(),
  setTimer(fn, ms) {
    if (ms <= 0) {
      const h = setImmediate(fn);
      return () => clearImmediate(h);
    }
    const h = setTimeout(fn, ms);
    return () => clearTimeout(h);
  },
  waitUntil(deadline) {
    // A timer cannot land closer than about a millisecond (libuv keeps whole
    // ms and caches the loop time), so the last stretch is a busy wait on the clock.
    while (performance.now() < deadline) {
      /* spin */
    }
  },
};
