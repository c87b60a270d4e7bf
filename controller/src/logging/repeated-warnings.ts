/**
 * One owner for repeated log lines. A device spewing garbage, a cue landing
 * late frame after frame: each occurrence is one log call, and printing every
 * one buries the operator's terminal (thousands of lines in seconds) and costs
 * the show's loop time. The first line of a cause goes out at once; further
 * lines of the same cause within the second are counted and summed up as
 * "N more of <cause> in the last second". A quiet second closes the cause, so
 * its next occurrence prints at once again.
 *
 * Used by every transmitter driver (LinkedTransmitter.log) and by the CLI's
 * sink for the live runtime's log and warnings.
 */
import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';

export type RepeatLevel = 'info' | 'warn' | 'error';
/** Where lines go; `cause` says which cause a line (or a count) is of. */
export type RepeatSink = (level: RepeatLevel, message: string, cause: string) => void;

export interface RepeatedWarningsOptions {
  /** The window a cause is counted over, ms (default 1000). */
  windowMs?: number;
  /** Timers for the summaries (default rxjs asyncScheduler; TestScheduler in tests). */
  scheduler?: SchedulerLike;
}

/** Numbers (seq, ms, counts, hex) vary between occurrences of one cause. */
const NUMBERS = /\b(0x[0-9a-f]+|\d+(\.\d+)?)\b/gi;
/** A summary from another aggregator upstream: already counted, pass it on. */
const SUMMARY = / more of \(.*\) in the last second$/;

/** The cause of a message when the caller names none: the message with its numbers blanked. */
export function causeOf(message: string): string {
  return message.replace(NUMBERS, '#');
}

interface Open {
  level: RepeatLevel;
  more: number;
  timer?: Subscription;
}

export class RepeatedWarnings {
  private readonly windowMs: number;
  private readonly scheduler: SchedulerLike;
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly sink: RepeatSink,
    opts: RepeatedWarningsOptions = {},
  ) {
    this.windowMs = opts.windowMs ?? 1000;
    this.scheduler = opts.scheduler ?? asyncScheduler;
  }

  /** Log a line: printed at once when its cause is new this second, else counted. */
  note(level: RepeatLevel, message: string, cause: string = causeOf(message)): void {
    if (SUMMARY.test(message)) return this.sink(level, message, cause);
    const seen = this.open.get(cause);
    if (seen) {
      seen.more++;
      if (rank(level) > rank(seen.level)) seen.level = level;
      return;
    }
    this.sink(level, message, cause);
    this.openWindow(cause);
  }

  /** Print what is still counted (at shutdown) and stop the timers. */
  close(): void {
    for (const [cause, o] of this.open) {
      o.timer?.unsubscribe();
      if (o.more > 0) this.sink(o.level, summary(o.more, cause), cause);
    }
    this.open.clear();
  }

  private openWindow(cause: string): void {
    // The summary carries the worst level among the lines it counts.
    const entry: Open = { level: 'info', more: 0 };
    this.open.set(cause, entry);
    entry.timer = this.scheduler.schedule(() => this.endWindow(cause, entry), this.windowMs);
  }

  private endWindow(cause: string, entry: Open): void {
    if (this.open.get(cause) !== entry) return;
    this.open.delete(cause);
    if (entry.more === 0) return;
    this.sink(entry.level, summary(entry.more, cause), cause);
    // Still going: keep counting, one summary a second.
    this.openWindow(cause);
  }
}

function summary(more: number, cause: string): string {
  return `${more} more of (${cause}) in the last second`;
}

const rank = (l: RepeatLevel): number => (l === 'error' ? 2 : l === 'warn' ? 1 : 0);
