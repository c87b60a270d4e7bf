/**
 * The transmitter's queue and channel, with no clock and no I/O: every method
 * takes the device time it happens at (unbounded microseconds, see device-time).
 * The runtime asks `next(now)` what to put on air and when, waits, then calls
 * `begin(entry, actualStart)` with the time the transmission really started.
 *
 * Rules (spec 1.3, 1.5):
 * - one transmission at a time, at least `minGapUs` between the end of one and
 *   the start of the next;
 * - untimed SENDs go in queue order as soon as the channel is free; PRIORITY
 *   SENDs sit ahead of every non-priority SEND (in their own arrival order);
 * - a timed SEND starts at its `at_us`; an untimed SEND that would still be on
 *   air then waits, unless it is PRIORITY and the timed one is not (blackout
 *   beats everything);
 * - each repeat starts `gap` after the end of the previous transmission; other
 *   SENDs may go on air in between;
 * - FLUSH drops every SEND that has not been on air yet; a SEND that has
 *   started keeps its repeats (the spec drops only what is "not yet on air").
 */
import type { NackReasonName } from '@crowdcue/protocol';
import { unwrapAtUs, wrapDeltaUs } from './device-time';

export interface SendRequest {
  rf: Uint8Array;
  timed: boolean;
  priority: boolean;
  repeat: number;
  gapMs: number;
  /** Wire `at_us` (u32, device clock), present iff timed. */
  atUs?: number;
  /** The CCL frame seq that carried it; kept for the record only. */
  frameSeq?: number;
}

export type SubmitResult = { ok: true; queued: number } | { ok: false; reason: NackReasonName };

export interface QueueEntry {
  readonly id: number;
  readonly request: SendRequest;
  readonly airUs: number;
  /** Index of the next transmission (0 = not yet on air). */
  repeatIndex: number;
  /** Transmissions still to go. */
  remaining: number;
  /** Earliest start of the next transmission (unbounded device us). */
  notBeforeUs: number;
  /** Whether `notBeforeUs` is an exact start time (timed SEND and its repeats). */
  exact: boolean;
  lateCounted: boolean;
}

export interface PlannedStart {
  entry: QueueEntry;
  /** When it should start (unbounded device us); at or before `now` means at once. */
  startUs: number;
}

export interface StartedTransmission {
  entry: QueueEntry;
  rf: Uint8Array;
  repeatIndex: number;
  startUs: number;
  endUs: number;
  /** Exact start asked for (timed SENDs and their repeats), else undefined. */
  intendedUs?: number;
  /** Running count of transmissions, this one included. */
  sent: number;
}

export interface AirPlannerOptions {
  rfMax: number;
  queueCap: number;
  /** On-air duration of an RF payload of this many bytes, microseconds. */
  airtimeUs: (rfLength: number) => number;
  /** Quiet time between transmissions. Default 1000 us (spec 1.5). */
  minGapUs?: number;
  /** A timed transmission later than this counts as late. Default 1000 us. */
  lateAfterUs?: number;
}

export class AirPlanner {
  private readonly opts: Required<AirPlannerOptions>;
  /** Priority entries first, each group in arrival order. */
  private queue: QueueEntry[] = [];
  private nextId = 1;
  private lastEndUs = -Infinity;
  sent = 0;
  late = 0;

  constructor(opts: AirPlannerOptions) {
    this.opts = { minGapUs: 1000, lateAfterUs: 1000, ...opts };
  }

  /** SENDs accepted and not finished with (repeats still to go count). */
  get queued(): number {
    return this.queue.length;
  }

  /** End of the last transmission (unbounded device us); -Infinity before the first. */
  get channelBusyUntilUs(): number {
    return this.lastEndUs;
  }

  entries(): readonly QueueEntry[] {
    return this.queue;
  }

  submit(request: SendRequest, nowUs: number): SubmitResult {
    if (request.rf.length > this.opts.rfMax) return { ok: false, reason: 'TOO_LONG' };
    let startUs = -Infinity;
    if (request.timed) {
      const atUs = request.atUs ?? 0;
      if (wrapDeltaUs(atUs, nowUs) < 0) return { ok: false, reason: 'TOO_LATE' };
      startUs = unwrapAtUs(atUs, nowUs);
    }
    if (this.queue.length >= this.opts.queueCap) return { ok: false, reason: 'QUEUE_FULL' };
    const entry: QueueEntry = {
      id: this.nextId++,
      request,
      airUs: this.opts.airtimeUs(request.rf.length),
      repeatIndex: 0,
      remaining: 1 + request.repeat,
      notBeforeUs: startUs,
      exact: request.timed,
      lateCounted: false,
    };
    if (request.priority) {
      const firstPlain = this.queue.findIndex((e) => !e.request.priority);
      this.queue.splice(firstPlain < 0 ? this.queue.length : firstPlain, 0, entry);
    } else {
      this.queue.push(entry);
    }
    return { ok: true, queued: this.queue.length };
  }

  /** Drops SENDs not yet on air; answers how many were dropped. */
  flush(): number {
    const before = this.queue.length;
    this.queue = this.queue.filter((e) => e.repeatIndex > 0);
    return before - this.queue.length;
  }

  /** What goes on air next and when; null when the queue is empty. */
  next(nowUs: number): PlannedStart | null {
    const channelFreeUs = Math.max(nowUs, this.lastEndUs + this.opts.minGapUs);
    let exact: QueueEntry | undefined;
    let flexible: QueueEntry | undefined;
    let flexibleStart = Infinity;
    for (const e of this.queue) {
      if (e.exact) {
        if (!exact || e.notBeforeUs < exact.notBeforeUs) exact = e;
      } else {
        // Earliest start wins; the queue order (priority first) breaks ties.
        const s = Math.max(channelFreeUs, e.notBeforeUs);
        if (s < flexibleStart) {
          flexible = e;
          flexibleStart = s;
        }
      }
    }
    if (!exact && !flexible) return null;
    if (exact && flexible) {
      const fitsBefore = flexibleStart + flexible.airUs + this.opts.minGapUs <= exact.notBeforeUs;
      const overrides = flexible.request.priority && !exact.request.priority;
      if (!fitsBefore && !overrides) flexible = undefined;
    }
    if (flexible) return { entry: flexible, startUs: flexibleStart };
    const e = exact as QueueEntry;
    return { entry: e, startUs: Math.max(channelFreeUs, e.notBeforeUs) };
  }

  /** Puts the entry's next transmission on air, starting at `actualStartUs`. */
  begin(entry: QueueEntry, actualStartUs: number): StartedTransmission {
    const endUs = actualStartUs + entry.airUs;
    const intendedUs = entry.exact ? entry.notBeforeUs : undefined;
    if (intendedUs !== undefined && actualStartUs - intendedUs > this.opts.lateAfterUs && !entry.lateCounted) {
      entry.lateCounted = true;
      this.late++;
    }
    this.lastEndUs = endUs;
    this.sent++;
    const started: StartedTransmission = {
      entry,
      rf: entry.request.rf,
      repeatIndex: entry.repeatIndex,
      startUs: actualStartUs,
      endUs,
      intendedUs,
      sent: this.sent,
    };
    entry.repeatIndex++;
    entry.remaining--;
    if (entry.remaining > 0) {
      entry.notBeforeUs = endUs + Math.max(entry.request.gapMs * 1000, this.opts.minGapUs);
    } else {
      this.queue = this.queue.filter((e) => e !== entry);
    }
    return started;
  }
}
