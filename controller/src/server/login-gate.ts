/**
 * Password checks at a bounded pace. A login costs a scrypt of 32 MB in libuv's
 * thread pool, the same four threads that write the live show's durable
 * acknowledgements and read its files: a flood of logins must not queue those
 * behind thousands of hashes. So at most `running` checks run at once (the rest
 * of the pool stays free for the show's file work), at most `waiting` more wait
 * their turn, and any login beyond that is refused at once, before any hashing,
 * with the limit it hit and when to try again. p-limit keeps the queue; the gate
 * only adds the refusal when it is full.
 */
import pLimit, { type LimitFunction } from 'p-limit';

export interface LoginGateOptions {
  /** Password checks hashing at once. Default 2 (half of libuv's default pool of 4). */
  running?: number;
  /** Logins that may wait for a check; beyond this one is refused. Default 16. */
  waiting?: number;
}

/** A login turned away because too many are being checked: answer 429 with Retry-After. */
export class LoginsBusyError extends Error {
  readonly retryAfterSeconds = 1;
  constructor(readonly limit: number) {
    super(`too many logins in progress (at most ${limit} at once); try again in 1 s`);
  }
}

export class LoginGate {
  private readonly limit: LimitFunction;
  private readonly most: number;

  constructor(opts: LoginGateOptions = {}) {
    this.limit = pLimit(opts.running ?? 2);
    this.most = (opts.running ?? 2) + (opts.waiting ?? 16);
  }

  /** Logins being checked or waiting to be. */
  get pending(): number {
    return this.limit.activeCount + this.limit.pendingCount;
  }

  /** Runs `check` in its turn, or throws LoginsBusyError at once when the gate is full. */
  run<T>(check: () => Promise<T>): Promise<T> {
    if (this.pending >= this.most) return Promise.reject(new LoginsBusyError(this.most));
    return this.limit(check);
  }
}
