/**
 * How long the console waits before asking the controller again after it
 * closed the socket itself (a restart or a shutdown): socket.io retries a
 * dropped transport on its own, but not a server-side close. Doubling from
 * `firstMs` to `maxMs`, with jitter so a room of consoles does not knock on a
 * restarting controller in the same millisecond.
 */
export interface BackoffOptions {
  firstMs?: number;
  maxMs?: number;
  /** Share of the delay that is random, 0..1. */
  jitter?: number;
  random?: () => number;
}

export class ReconnectBackoff {
  private attempt = 0;
  private readonly firstMs: number;
  private readonly maxMs: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.firstMs = opts.firstMs ?? 250;
    this.maxMs = opts.maxMs ?? 5000;
    this.jitter = opts.jitter ?? 0.25;
    this.random = opts.random ?? Math.random;
  }

  /** The wait before the next try; each call counts one try. */
  next(): number {
    const base = Math.min(this.maxMs, this.firstMs * 2 ** this.attempt);
    this.attempt++;
    const spread = base * this.jitter;
    return Math.round(base - spread + 2 * spread * this.random());
  }

  /** Connected again: the next outage starts from the first delay. */
  reset(): void {
    this.attempt = 0;
  }

  get tries(): number {
    return this.attempt;
  }
}
