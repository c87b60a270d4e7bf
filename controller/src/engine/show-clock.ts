/**
 * The show's two clocks.
 *
 * - **Show time** (`position()`): where the show is, in ms since its start. It
 *   runs only while the show runs: pause holds it, resume carries on from the
 *   held value, seek jumps, stop returns it to 0. Cue timing (delays, fades,
 *   follows) and the show timeline are measured in show time, so a pause
 *   freezes them all at once. It is read from a `TimeSource`: the controller's
 *   monotonic clock by default, an external timecode later.
 * - **Band time** (`bandTime()`): the clock every band keeps (spec 2.1), set by
 *   SYNC and used by EFFECT/SHOW_IMAGE `start_ms`. It is the monotonic clock
 *   minus a fixed epoch and never pauses or jumps: bands cannot be paused, and
 *   an effect already running on the air keeps its phase through a pause.
 *
 * Monotonic time is the scheduler's `now()` (performance.now() in production,
 * virtual time under TestScheduler), the time base of PlannedPacket.atMs.
 */
import { BehaviorSubject, type Observable, type TimestampProvider } from 'rxjs';

/** Where show time comes from: any clock in ms that moves forward while the show runs. */
export interface TimeSource {
  now(): number;
}

export type ClockStatus = 'stopped' | 'running' | 'paused';

export interface ClockSnapshot {
  status: ClockStatus;
  /** Show time at the moment of the change. */
  positionMs: number;
  /** Monotonic ms of the change. */
  atMs: number;
}

export interface ShowClockOptions {
  /** The monotonic clock (a scheduler): default performance.now(). */
  monotonic?: TimestampProvider;
  /** Show time source; default the monotonic clock. */
  source?: TimeSource;
  /** Monotonic ms that band time 0 stands for; default: the moment the clock is made. */
  bandEpochMs?: number;
}

const U32 = 0x1_0000_0000;
const performanceClock: TimestampProvider = { now: () => performance.now() };

export class ShowClock {
  readonly monotonic: TimestampProvider;
  readonly source: TimeSource;
  readonly bandEpochMs: number;
  private status: ClockStatus = 'stopped';
  /** Show time at the anchor, and the source reading then. */
  private anchorPos = 0;
  private anchorSrc = 0;
  private readonly changes = new BehaviorSubject<ClockSnapshot>({ status: 'stopped', positionMs: 0, atMs: 0 });

  constructor(options: ShowClockOptions = {}) {
    this.monotonic = options.monotonic ?? performanceClock;
    this.source = options.source ?? this.monotonic;
    this.bandEpochMs = options.bandEpochMs ?? this.monotonic.now();
    this.changes.next(this.snapshot());
  }

  /** Status and position after every start, pause, resume, seek and stop. */
  get changes$(): Observable<ClockSnapshot> {
    return this.changes.asObservable();
  }

  get state(): ClockStatus {
    return this.status;
  }

  /** Show time now, ms. */
  position(): number {
    return this.status === 'running' ? this.anchorPos + (this.source.now() - this.anchorSrc) : this.anchorPos;
  }

  /** Starts (or restarts) the show at `fromMs` of show time. */
  start(fromMs = 0): void {
    this.anchor(fromMs, 'running');
  }

  pause(): void {
    if (this.status === 'running') this.anchor(this.position(), 'paused');
  }

  resume(): void {
    if (this.status === 'paused') this.anchor(this.anchorPos, 'running');
  }

  /** Jumps show time; keeps running or paused. A stopped clock becomes paused there. */
  seek(toMs: number): void {
    this.anchor(toMs, this.status === 'running' ? 'running' : 'paused');
  }

  stop(): void {
    this.anchor(0, 'stopped');
  }

  /**
   * Monotonic ms at which show time will read `positionMs`, if the show keeps
   * running; undefined while paused or stopped (it will not get there by itself).
   */
  monoAt(positionMs: number): number | undefined {
    if (this.status !== 'running') return undefined;
    return this.monotonic.now() + (positionMs - this.position());
  }

  /** Band time at monotonic `monoMs` (default now), ms since the band epoch, unwrapped. */
  bandTime(monoMs = this.monotonic.now()): number {
    return monoMs - this.bandEpochMs;
  }

  /** Band time as bands hold it: whole ms, u32, wrapping (SYNC clock_ms, EFFECT start_ms). */
  bandTimeU32(monoMs = this.monotonic.now()): number {
    const t = Math.round(this.bandTime(monoMs)) % U32;
    return t < 0 ? t + U32 : t;
  }

  snapshot(): ClockSnapshot {
    return { status: this.status, positionMs: this.position(), atMs: this.monotonic.now() };
  }

  private anchor(positionMs: number, status: ClockStatus): void {
    this.anchorPos = Number.isFinite(positionMs) ? positionMs : 0;
    this.anchorSrc = this.source.now();
    this.status = status;
    this.changes.next(this.snapshot());
  }
}
