/**
 * The transmitter's own clock and its way of waking up on time. The device
 * reads time from here only, so tests can hand it a manual clock.
 */
import { performance } from 'node:perf_hooks';

export interface DeviceClock {
  /** Device clock, unbounded microseconds (the wire shows it folded to u32). */
  nowUs(): number;
  /** Host monotonic milliseconds (performance.now() in this process). */
  hostMs(): number;
  /**
   * Calls `cb` once the device clock has reached `deviceUs`. `precise` wakes
   * must not fire early and should fire within a few microseconds; the others
   * (STATUS, end-of-transmission notices) may be a millisecond or so late.
   * Answers a function that cancels the wake.
   */
  wakeAt(deviceUs: number, cb: () => void, precise?: boolean): () => void;
}

export interface RealClockOptions {
  /** What the device clock reads when it is created (its "power-up" value). Default 0. */
  startUs?: number;
  /** Clock rate error in parts per million (positive = runs fast). Default 0. */
  driftPpm?: number;
  /**
   * Precise wakes sleep on a timer until this long before the deadline, then
   * busy-wait on performance.now(). Timers in Node keep whole milliseconds and
   * often fire up to 1 ms early, so this must exceed 1 ms. Default 2.
   */
  spinMs?: number;
  /**
   * How the last stretch is waited: `block` busy-waits (most precise, but the
   * thread does nothing else meanwhile); `yield` polls the clock from
   * setImmediate, letting other callbacks run in between (for a device sharing
   * its thread with a controller). Default `block`.
   */
  spinMode?: 'block' | 'yield';
}

/** A clock on performance.now(), with a chosen start value and drift. */
export function realDeviceClock(opts: RealClockOptions = {}): DeviceClock {
  const rate = 1 + (opts.driftPpm ?? 0) * 1e-6;
  const spinMs = opts.spinMs ?? 2;
  const yieldSpin = opts.spinMode === 'yield';
  const originMs = performance.now();
  const startUs = opts.startUs ?? 0;
  const nowUs = () => startUs + (performance.now() - originMs) * 1000 * rate;
  const hostMsAt = (deviceUs: number) => originMs + (deviceUs - startUs) / 1000 / rate;

  function wakeAt(deviceUs: number, cb: () => void, precise = false): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setImmediate> | undefined;
    const arm = () => {
      const wakeHostMs = hostMsAt(deviceUs) - (precise ? spinMs : 0);
      timer = setTimeout(fire, Math.max(0, wakeHostMs - performance.now()));
    };
    const fire = () => {
      timer = undefined;
      if (precise && yieldSpin) {
        const check = () => {
          poll = undefined;
          if (nowUs() >= deviceUs) cb();
          else poll = setImmediate(check);
        };
        check();
        return;
      }
      if (precise) {
        // Busy-wait the last stretch: the record must show the real start, and
        // a timer alone may be up to 1 ms early or late.
        while (nowUs() < deviceUs) {
          /* spin */
        }
      } else if (nowUs() < deviceUs) {
        // The timer fired early (libuv keeps whole milliseconds): sleep again.
        arm();
        return;
      }
      cb();
    };
    arm();
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      if (poll !== undefined) clearImmediate(poll);
      timer = undefined;
      poll = undefined;
    };
  }

  return { nowUs, hostMs: () => performance.now(), wakeAt };
}

/**
 * A clock that only moves when told: for unit tests of the device. Wakes run
 * in deadline order as `advanceTo` passes them, with the clock set to each
 * deadline exactly.
 */
export class ManualDeviceClock implements DeviceClock {
  private now: number;
  private readonly hostOffsetMs: number;
  private wakes: Array<{ at: number; cb: () => void; id: number }> = [];
  private nextId = 0;

  constructor(startUs = 0, hostOffsetMs = 0) {
    this.now = startUs;
    this.hostOffsetMs = hostOffsetMs - startUs / 1000;
  }

  nowUs(): number {
    return this.now;
  }

  hostMs(): number {
    return this.hostOffsetMs + this.now / 1000;
  }

  wakeAt(deviceUs: number, cb: () => void): () => void {
    const id = this.nextId++;
    this.wakes.push({ at: deviceUs, cb, id });
    return () => {
      this.wakes = this.wakes.filter((w) => w.id !== id);
    };
  }

  /** Pending wake-ups, earliest first (for tests that want to know). */
  pending(): number[] {
    return this.wakes.map((w) => w.at).sort((a, b) => a - b);
  }

  advanceTo(us: number): void {
    for (;;) {
      let first: (typeof this.wakes)[number] | undefined;
      for (const w of this.wakes) if (w.at <= us && (!first || w.at < first.at || (w.at === first.at && w.id < first.id))) first = w;
      if (!first) break;
      const due = first;
      this.wakes = this.wakes.filter((w) => w !== due);
      this.now = Math.max(this.now, due.at);
      due.cb();
    }
    this.now = Math.max(this.now, us);
  }

  advanceBy(us: number): void {
    this.advanceTo(this.now + us);
  }
}
