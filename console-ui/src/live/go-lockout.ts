/**
 * The console's half of GO safety: a second GO for the same playback within
 * the show's lock-out is dropped here, before it is sent, so a double-click or
 * a bounced key is one GO. The server enforces the same lock-out; this guard
 * keeps the second press off the wire and lets the console show the lock.
 */

/** Used when the server reports no lock-out of its own (no show, or an older server). */
export const DEFAULT_GO_LOCKOUT_MS = 300;

/** The lock-out to apply: the show's own when the server reports one, else the default. */
export function goLockoutOf(reported: number | undefined): number {
  return reported !== undefined && Number.isFinite(reported) && reported > 0 ? reported : DEFAULT_GO_LOCKOUT_MS;
}

export class GoLockout {
  /** Last accepted GO per playback (its cue list id; '' = the show's first list), local ms. */
  private readonly last = new Map<string, number>();

  /** Whether a GO for `playback` at `nowMs` may go out; an accepted GO starts the lock-out. */
  tryGo(playback: string, nowMs: number, lockoutMs: number): boolean {
    if (this.lockedFor(playback, nowMs, lockoutMs) > 0) return false;
    this.last.set(playback, nowMs);
    return true;
  }

  /** ms left before `playback` takes another GO (0 = ready). */
  lockedFor(playback: string, nowMs: number, lockoutMs: number): number {
    const at = this.last.get(playback);
    if (at === undefined) return 0;
    return Math.max(0, at + lockoutMs - nowMs);
  }

  /** Forgets every lock (a new connection or show). */
  reset(): void {
    this.last.clear();
  }
}
