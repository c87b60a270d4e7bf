/**
 * How many password checks run at once, and how many may wait. A check is a
 * scrypt of tens of milliseconds of CPU and 32 MiB of memory on a libuv
 * thread; a login flood from many addresses would otherwise put hundreds of
 * them on a machine with two cores, beside the live show. Beyond the waiting
 * room a login is answered at once ("busy, try again"), never queued without
 * bound.
 */
import { BACKGROUND_CORES } from '../background-work';

export interface PasswordChecksOptions {
  /** Checks running at once (default: every core but the show's, so 1 on a two-core show laptop). */
  running?: number;
  /** Checks waiting for a turn (default 32). */
  waiting?: number;
}

export class PasswordChecks {
  readonly running: number;
  readonly waiting: number;
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(opts: PasswordChecksOptions = {}) {
    this.running = opts.running ?? BACKGROUND_CORES;
    this.waiting = opts.waiting ?? 32;
  }

  /**
   * Runs `check` when a turn comes, or answers undefined at once when the
   * waiting room is full.
   */
  run<T>(check: () => Promise<T>): Promise<T> | undefined {
    if (this.active >= this.running && this.queue.length >= this.waiting) return undefined;
    return this.turn().then(async () => {
      try {
        return await check();
      } finally {
        this.active--;
        this.queue.shift()?.();
      }
    });
  }

  private turn(): Promise<void> {
    if (this.active < this.running) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.queue.push(() => {
        this.active++;
        resolve();
      }),
    );
  }
}
