/**
 * A virtual clock for testing code that runs on a DeadlineScheduler: timers
 * fire only when the test advances time, optionally early (as libuv's do), and
 * the precise wait just moves the clock.
 */
import type { DeadlineHost } from './deadline-host';

interface FakeTimer {
  at: number;
  order: number;
  fn: () => void;
}

export class FakeDeadlineHost implements DeadlineHost {
  time = 0;
  /** How many timers are armed right now, and the most ever armed at once. */
  armed = 0;
  maxArmed = 0;
  timersSet = 0;
  waits = 0;
  private timers: FakeTimer[] = [];
  private order = 0;

  /** @param earlyMs timers fire this much before the time asked for (libuv can be ~1 ms early); keep it below 1. */
  constructor(private readonly earlyMs = 0) {}

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): () => void {
    // Like Node: a positive delay is at least 1 ms; like libuv, it may come back early.
    const delay = ms > 0 ? Math.max(1, ms) - this.earlyMs : 0;
    const timer: FakeTimer = { at: this.time + Math.max(0, delay), order: this.order++, fn };
    this.timers.push(timer);
    this.timersSet++;
    this.armed++;
    this.maxArmed = Math.max(this.maxArmed, this.armed);
    return () => {
      const i = this.timers.indexOf(timer);
      if (i >= 0) {
        this.timers.splice(i, 1);
        this.armed--;
      }
    };
  }

  waitUntil(deadline: number): void {
    this.waits++;
    if (deadline > this.time) this.time = deadline;
  }

  /** Moves the clock to `toMs`, firing every timer due on the way, in order. */
  advanceTo(toMs: number): void {
    for (;;) {
      const due = this.timers
        .filter((t) => t.at <= toMs)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (due === undefined) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.armed--;
      if (due.at > this.time) this.time = due.at;
      due.fn();
    }
    if (toMs > this.time) this.time = toMs;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms);
  }
}
