/**
 * Wrong passwords lock out one account from one address for a while: an attacker
 * guessing from their own machine locks only themselves out, and the operator
 * still logs in from the desk. Counting is rate-limiter-flexible's in-memory
 * limiter (a restart forgets the count, which costs an attacker nothing they
 * could not get by waiting).
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface LoginLockoutOptions {
  /** Wrong passwords allowed per account and address within the window. */
  failures?: number;
  windowSeconds?: number;
}

export class LoginLockout {
  private readonly limiter: RateLimiterMemory;
  private readonly failures: number;

  constructor(opts: LoginLockoutOptions = {}) {
    this.failures = opts.failures ?? 10;
    this.limiter = new RateLimiterMemory({ points: this.failures, duration: opts.windowSeconds ?? 60 });
  }

  private key(username: string, address: string): string {
    return `${username.toLowerCase()}\n${address}`;
  }

  /** How long this account must wait before trying again from this address, ms (0: it may try now). */
  async waitMs(username: string, address: string): Promise<number> {
    const res = await this.limiter.get(this.key(username, address));
    return res && res.consumedPoints >= this.failures ? Math.max(1, res.msBeforeNext) : 0;
  }

  async failed(username: string, address: string): Promise<void> {
    await this.limiter.penalty(this.key(username, address), 1);
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.limiter.delete(this.key(username, address));
  }
}
