/**
 * The backup's watchdog: armed by every heartbeat from the active controller,
 * it fires once when none has come for `timeoutMs` (default 500 ms). Read from
 * the monotonic clock, so a wall-clock step never fakes a silence.
 */
export const HEARTBEAT_EVERY_MS = 100;
export const DEFAULT_TAKEOVER_MS = 500;

export class Watchdog {
  private timer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | undefined;
  private lastBeatMono: number | undefined;
  private fired = false;

  constructor(
    readonly timeoutMs: number,
    private readonly onSilent: (silentMs: number) => void,
  ) {}

  /** A heartbeat arrived. */
  beat(): void {
    if (this.fired) return;
    this.lastBeatMono = performance.now();
    this.arm(this.timeoutMs);
  }

  /** Monotonic ms since the last heartbeat; undefined before the first. */
  sinceLastBeat(): number | undefined {
    return this.lastBeatMono === undefined ? undefined : performance.now() - this.lastBeatMono;
  }

  stop(): void {
    this.clear();
  }

  private clear(): void {
    clearTimeout(this.timer as ReturnType<typeof setTimeout> | undefined);
    clearImmediate(this.timer as ReturnType<typeof setImmediate> | undefined);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.clear();
    this.timer = setTimeout(() => {
      // Timers run before the loop reads its sockets: after a stall of this process the heartbeats
      // (and the records before them) may be waiting unread. Decide only after they are read.
      this.timer = setImmediate(() => {
        // A timer can fire early by a millisecond: check the clock, wait the rest.
        const silent = this.sinceLastBeat() ?? 0;
        if (silent < this.timeoutMs) return this.arm(this.timeoutMs - silent);
        this.fired = true;
        this.timer = undefined;
        this.onSilent(silent);
      });
    }, ms);
  }
}
