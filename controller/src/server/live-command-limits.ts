/**
 * How fast one account may send live commands over its sockets (all its consoles
 * together). Far above any hand on a button or fader, far below a script flooding
 * the engine: a runaway console or a stolen session cannot bury the show in GOs.
 * Blackout is never limited: it must work however hard it is pressed.
 * Counting is rate-limiter-flexible's in-memory limiter, one window per second.
 */
import type { CommandName } from '@crowdcue/protocol';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LiveCommandLimits {
  /** Button presses (GO, back, pause, load, …) per second per account. */
  pressesPerSecond?: number;
  /** Fader moves (master, level, preview) per second per account: a fader sends at its frame rate. */
  fadesPerSecond?: number;
}

/** Commands that follow a fader, sent as often as it moves. */
const FADER_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>(['master', 'level', 'preview']);
/** Never refused. */
const UNLIMITED: ReadonlySet<CommandName> = new Set<CommandName>(['blackout']);

export class LiveCommandLimiter {
  private readonly presses: RateLimiterMemory;
  private readonly fades: RateLimiterMemory;

  constructor(readonly limits: Required<LiveCommandLimits> = { pressesPerSecond: 30, fadesPerSecond: 120 }) {
    this.presses = new RateLimiterMemory({ points: limits.pressesPerSecond, duration: 1 });
    this.fades = new RateLimiterMemory({ points: limits.fadesPerSecond, duration: 1 });
  }

  /** Undefined when `name` may go ahead for this account now, else the reason it may not. */
  async refusal(accountId: string, name: CommandName): Promise<string | undefined> {
    if (UNLIMITED.has(name)) return undefined;
    const fader = FADER_COMMANDS.has(name);
    try {
      await (fader ? this.fades : this.presses).consume(accountId);
      return undefined;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const max = fader ? this.limits.fadesPerSecond : this.limits.pressesPerSecond;
      return `too many live commands: at most ${max} ${fader ? 'fader moves' : 'presses'} a second per account (blackout is never limited); ${name} refused`;
    }
  }
}
