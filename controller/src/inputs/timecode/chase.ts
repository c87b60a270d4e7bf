/**
 * Timecode chase: playbacks follow a timecode source.
 *
 * - Lock: each frame re-anchors timecode to the controller clock (the frame's
 *   start time); between frames timecode is extrapolated at speed 1.
 * - Cues: the next timecoded cue of each playback is armed on the scheduler
 *   at the controller time its frame starts, and fired then (a deadline
 *   scheduler never fires early): a cue is never on air before its frame.
 * - Dropout: after two and a half frames without a new one the chase says
 *   `freewheeling`: cues keep firing on the extrapolation up to
 *   `freewheelFrames` frames after the last frame received, exactly, none
 *   after; once the frame after those is overdue too it holds (the playbacks
 *   pause) and says `lost`.
 * - Jumps: a frame more than a frame and a half off the extrapolation (a
 *   locate, a backwards jump, the song restarted) re-locates every playback:
 *   the cue in force at the new timecode is set as of its frame, its parade
 *   joined part-way band-side; before a playback's first cue it lets go.
 */
import { Subject, Subscription, type Observable, type SchedulerLike } from 'rxjs';
import { formatTimecode, frameDurationMs, parseTimecode, timecodeAtMs, timecodeMs, type FrameRate } from '@crowdcue/protocol';
import { scheduleAt } from '../../engine/at-time';
import type { ChasePlayback, ChaseTarget } from './chase-target';
import type { TimecodeFrame, TimecodeSource } from './timecode-source';

export type LockState = 'locked' | 'freewheeling' | 'lost';

export interface ChaseStatus {
  source: string;
  /** Latest timecode (extrapolated while freewheeling), or null before any. */
  timecode: string | null;
  rate: FrameRate | null;
  lock: LockState;
  /** Show position of the first chasing playback minus timecode, ms; null when it is not running. */
  offsetMs: number | null;
  /** Frames received, and jumps re-located. */
  frames: number;
  relocations: number;
}

export interface ChaseOptions {
  source: TimecodeSource;
  target: ChaseTarget;
  playbacks: readonly ChasePlayback[];
  scheduler: SchedulerLike;
  /** The rate the show names; absent: each frame's own. */
  rate?: FrameRate;
  freewheelFrames: number;
}

interface Armed {
  cueId: string;
  tcMs: number;
  atMs: number;
  sub: Subscription;
}

interface PlaybackChase {
  playback: ChasePlayback;
  /** Cues in timecode order, at the current rate. */
  cues: Array<{ id: string; tcMs: number }>;
  /** Timecode of the cue last fired or located; -Infinity before the first. */
  firedTcMs: number;
  armed: Armed | undefined;
  held: boolean;
}

/** A frame this far off where timecode should be is a jump, not jitter. */
const JUMP_FRAMES = 1.5;
/** No frame for this many frame periods: freewheeling. */
const FREEWHEEL_AFTER_FRAMES = 2.5;

export class TimecodeChase {
  private readonly statusSubject = new Subject<ChaseStatus>();
  readonly status$: Observable<ChaseStatus> = this.statusSubject.asObservable();
  private readonly subs = new Subscription();
  private readonly chases: PlaybackChase[];
  private rate: FrameRate | undefined;
  /** Timecode ms at controller ms: the latest frame. */
  private anchor: { tcMs: number; atMs: number } | undefined;
  private lock: LockState = 'lost';
  private watchdog: Subscription | undefined;
  private frames = 0;
  private relocations = 0;

  constructor(private readonly options: ChaseOptions) {
    this.rate = options.rate;
    this.chases = options.playbacks.map((playback) => ({ playback, cues: [], firedTcMs: -Infinity, armed: undefined, held: false }));
    if (this.rate) this.setRate(this.rate);
  }

  start(): void {
    this.subs.add(this.options.source.frames$.subscribe((f) => this.onFrame(f)));
  }

  stop(): void {
    this.subs.unsubscribe();
    this.watchdog?.unsubscribe();
    for (const c of this.chases) this.disarm(c);
    this.statusSubject.complete();
  }

  private now(): number {
    return this.options.scheduler.now();
  }

  private frameMs(): number {
    return frameDurationMs(this.rate ?? 30);
  }

  /** Timecode ms now (extrapolated from the latest frame). */
  timecodeNowMs(at = this.now()): number | undefined {
    return this.anchor ? this.anchor.tcMs + (at - this.anchor.atMs) : undefined;
  }

  /** Latest timecode ms that may still play: the last frame received plus the freewheel. */
  private limitTcMs(): number {
    return this.anchor ? this.anchor.tcMs + this.options.freewheelFrames * this.frameMs() : -Infinity;
  }

  status(): ChaseStatus {
    const tc = this.timecodeNowMs();
    const first = this.chases[0];
    const pos = first ? this.options.target.position(first.playback.id) : undefined;
    const shown = tc === undefined ? undefined : this.lock === 'lost' ? Math.min(tc, this.limitTcMs() + this.frameMs()) : tc;
    return {
      source: this.options.source.name,
      timecode: shown === undefined || !this.rate ? null : formatTimecode(timecodeAtMs(shown, this.rate)),
      rate: this.rate ?? null,
      lock: this.lock,
      offsetMs: pos === undefined || shown === undefined || this.lock === 'lost' ? null : pos - shown,
      frames: this.frames,
      relocations: this.relocations,
    };
  }

  private setRate(rate: FrameRate): void {
    this.rate = rate;
    for (const c of this.chases) {
      c.cues = [];
      for (const cue of c.playback.cues) {
        const r = parseTimecode(cue.timecode, rate);
        if (r.ok) c.cues.push({ id: cue.id, tcMs: timecodeMs(r.value, rate) });
        else this.options.target.warn(`timecode chase: cue ${cue.id} of ${c.playback.id} is not chased: ${r.error}`);
      }
      c.cues.sort((a, b) => a.tcMs - b.tcMs);
    }
  }

  private onFrame(f: TimecodeFrame): void {
    const rate = this.options.rate ?? f.rate;
    if (rate === undefined) return;
    if (rate !== this.rate) {
      if (this.options.rate === undefined) this.setRate(rate);
      this.anchor = undefined;
    }
    this.frames++;
    const tcMs = timecodeMs(f.timecode, rate);
    const expected = this.timecodeNowMs(f.atMs);
    const wasLost = this.lock === 'lost';
    const jump = expected === undefined || wasLost || Math.abs(tcMs - expected) > JUMP_FRAMES * this.frameMs();
    this.anchor = { tcMs, atMs: f.atMs };
    this.lock = 'locked';
    this.armWatchdog();
    if (jump) this.relocate(expected !== undefined && !wasLost);
    for (const c of this.chases) this.arm(c);
    this.statusSubject.next(this.status());
  }

  /** Sets every playback as of the timecode now. */
  private relocate(counted: boolean): void {
    const now = this.timecodeNowMs() as number;
    // The cue in force: at most as far as timecode has come or may freewheel (a frame arrives after it ends).
    const reach = Math.min(now, this.limitTcMs());
    if (counted) this.relocations++;
    for (const c of this.chases) {
      this.disarm(c);
      let inForce: { id: string; tcMs: number } | undefined;
      for (const cue of c.cues) if (cue.tcMs <= reach + 1e-6) inForce = cue;
      if (inForce === undefined) {
        if (c.firedTcMs !== -Infinity) this.options.target.release(c.playback.id);
        c.firedTcMs = -Infinity;
      } else if (inForce.tcMs !== c.firedTcMs || c.held) {
        this.options.target.locate(c.playback.id, inForce.id, inForce.tcMs, now);
        c.firedTcMs = inForce.tcMs;
      }
      c.held = false;
    }
  }

  /** Arms the next cue of a playback at the controller time its frame starts. */
  private arm(c: PlaybackChase): void {
    const anchor = this.anchor;
    const next = c.cues.find((cue) => cue.tcMs > c.firedTcMs);
    if (!anchor || !next || next.tcMs > this.limitTcMs() + 1e-6) {
      this.disarm(c);
      return;
    }
    const atMs = anchor.atMs + (next.tcMs - anchor.tcMs);
    if (c.armed && c.armed.cueId === next.id && Math.abs(c.armed.atMs - atMs) < 0.05) return;
    this.disarm(c);
    const armed: Armed = { cueId: next.id, tcMs: next.tcMs, atMs, sub: new Subscription() };
    c.armed = armed;
    armed.sub = scheduleAt(this.options.scheduler, Math.max(atMs, this.now()), () => {
      if (c.armed !== armed) return;
      c.armed = undefined;
      // Re-checked at fire time: still inside what timecode (or its freewheel) allows.
      if (armed.tcMs > this.limitTcMs() + 1e-6) return;
      c.firedTcMs = armed.tcMs;
      this.options.target.fire(c.playback.id, armed.cueId, armed.tcMs);
      this.arm(c);
    });
  }

  private disarm(c: PlaybackChase): void {
    c.armed?.sub.unsubscribe();
    c.armed = undefined;
  }

  /** Watches for frames stopping: freewheel after a couple of frame periods, hold after the freewheel. */
  private armWatchdog(): void {
    this.watchdog?.unsubscribe();
    const anchor = this.anchor;
    if (!anchor) return;
    const frame = this.frameMs();
    const freewheelAt = anchor.atMs + FREEWHEEL_AFTER_FRAMES * frame;
    // A frame is known only once it has ended, so the frame after the freewheel is given as long to arrive
    // as any frame: no cue past the freewheel fires meanwhile (limitTcMs), the hold merely waits to be sure.
    const holdAt = anchor.atMs + (this.options.freewheelFrames + FREEWHEEL_AFTER_FRAMES) * frame;
    this.watchdog = scheduleAt(this.options.scheduler, Math.max(this.now(), Math.min(freewheelAt, holdAt)), () => {
      if (this.anchor !== anchor) return;
      if (this.now() < holdAt - 1e-6) {
        this.lock = 'freewheeling';
        this.statusSubject.next(this.status());
        this.watchdog = scheduleAt(this.options.scheduler, holdAt, () => this.anchor === anchor && this.hold());
      } else this.hold();
    });
  }

  private hold(): void {
    this.lock = 'lost';
    for (const c of this.chases) {
      this.disarm(c);
      if (!c.held && c.firedTcMs !== -Infinity) {
        this.options.target.hold(c.playback.id);
        c.held = true;
      }
    }
    this.statusSubject.next(this.status());
  }
}
