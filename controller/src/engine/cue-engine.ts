/**
 * The cue engine: one playback. It plays one cue list of a show against its
 * own show clock and publishes the looks the list gives each zone; the zone
 * mixer decides what the audience sees (busks, blackout, other playbacks).
 *
 * Timing of a cue (all in show time, so PAUSE freezes every part of it):
 * GO, then `delay`, then each zone fades to its look over its fade, then the
 * cue holds for `hang` and is complete; `follow` (when set) GOes the next cue
 * that many ms after completion. A follow GOes at its exact show time, not at
 * whenever the timer ran, so a chain of follows never drifts.
 *
 * GO lock-out: a GO within `goLockoutMs` of the last GO is ignored (with a
 * warning), so a double-click on GO is one GO.
 *
 * Every timed step runs on the injected scheduler, so the whole engine runs in
 * virtual time under TestScheduler. Bad commands never throw: they return
 * `{ ok: false, error }` and publish a warning event.
 */
import { BehaviorSubject, Subject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { Cue, CueList, Show } from '@crowdcue/protocol';
import { scheduleAt } from './at-time';
import { cueFadeMs, cueLooks, trackedLooks, type ZoneCueLook } from './cue-looks';
import type {
  CommandResult,
  CuePhase,
  CueInList,
  CueTrigger,
  EngineEvent,
  EngineState,
  EngineStatus,
  LooksFrame,
  ZoneLookState,
} from './engine-types';
import { fadeProgress, OFF_LOOK, sameLook } from './look-colour';
import { rebase, sameCourse } from './zone-course';
import { ShowClock } from './show-clock';
import { ZoneTimeline } from './zone-timeline';

export interface CueEngineOptions {
  show: Show;
  scheduler: SchedulerLike;
  /** Which cue list to play; default the first. */
  cueListId?: string;
  /** Default: a ShowClock on the scheduler's clock. */
  clock?: ShowClock;
  /**
   * Publish a cue's looks this many ms before they start (startMs stays exact),
   * so a planner can hand them to a timed-SEND transmitter ahead. Default 0.
   */
  lookaheadMs?: number;
  /** A GO this soon (ms) after the last GO is ignored; default 0 (none). */
  goLockoutMs?: number;
  /** Whether this playback runs the show timeline's parades (the show's first list does). Default true. */
  timeline?: boolean;
}

/** A cue that has been fired, in show time. */
interface RunningCue {
  cue: Cue;
  ref: CueInList;
  goPos: number;
  looksPos: number;
  fadeEndPos: number;
  completePos: number;
  followPos: number | null;
  completed: boolean;
  followed: boolean;
}

interface PendingParade {
  pos: number;
  paradeId: string;
  source: 'cue' | 'timeline';
  cueId: string | null;
}

/** How a zone is published: a new fade as is, or an ongoing one re-based to now. */
type Publish = 'fresh' | 'republish';

/** Show-time slack when deciding what is due (positions come from float arithmetic). */
const EPS = 1e-6;

export class CueEngine {
  /** Read it (position, band time); drive the show through the engine's commands, not the clock. */
  readonly clock: ShowClock;
  readonly cueList: CueList | null;
  /** Venue zone ids, ascending. */
  readonly zones: readonly number[];

  private readonly scheduler: SchedulerLike;
  private readonly lookaheadMs: number;
  private readonly goLockoutMs: number;
  private readonly runsTimeline: boolean;
  private lastGoMs = -Infinity;
  private readonly show: Show;
  private readonly cues: readonly Cue[];
  private readonly timelines = new Map<number, ZoneTimeline>();
  private current: RunningCue | null = null;
  private nextIndex = 0;
  private parades: PendingParade[] = [];
  private wake: Subscription | undefined;
  private dirty = new Map<number, Publish>();
  private lastStateKey = '';
  private processing = false;

  private readonly stateSubject: BehaviorSubject<EngineState>;
  private readonly looksSubject: BehaviorSubject<LooksFrame>;
  private readonly eventsSubject = new Subject<EngineEvent>();

  constructor(options: CueEngineOptions) {
    this.show = options.show;
    this.scheduler = options.scheduler;
    this.clock = options.clock ?? new ShowClock({ monotonic: options.scheduler });
    this.lookaheadMs = Math.max(0, options.lookaheadMs ?? 0);
    this.goLockoutMs = Math.max(0, options.goLockoutMs ?? 0);
    this.runsTimeline = options.timeline ?? true;
    this.cueList =
      (options.cueListId === undefined
        ? this.show.cueLists[0]
        : this.show.cueLists.find((l) => l.id === options.cueListId)) ?? null;
    this.cues = this.cueList?.cues ?? [];
    this.zones = [...new Set(this.show.venue.zones.map((z) => z.id))].sort((a, b) => a - b);
    for (const zone of this.zones) this.timelines.set(zone, new ZoneTimeline());
    const now = this.now();
    this.looksSubject = new BehaviorSubject<LooksFrame>({
      atMs: now,
      zones: this.zones.map((zone) => this.darkState(zone, now)),
      changed: [],
    });
    this.stateSubject = new BehaviorSubject<EngineState>(this.buildState());
    this.lastStateKey = stateKey(this.stateSubject.value);
  }

  // ---- streams -----------------------------------------------------------------

  /** Status, position, current and next cue, phase, fade progress; on every change. */
  get state$(): Observable<EngineState> {
    return this.stateSubject.asObservable();
  }
  /** Every zone's look and fade; a frame whenever some zone changes. */
  get looks$(): Observable<LooksFrame> {
    return this.looksSubject.asObservable();
  }
  /** Cues fired, follows, completions, parade starts, status changes, warnings. */
  get events$(): Observable<EngineEvent> {
    return this.eventsSubject.asObservable();
  }

  get state(): EngineState {
    return this.stateSubject.value;
  }
  get looks(): LooksFrame {
    return this.looksSubject.value;
  }

  // ---- commands ----------------------------------------------------------------

  /** GO: fires the next cue (starts the show from its first cue when stopped; resumes when paused). */
  go(): CommandResult {
    if (this.cues.length === 0) return this.refuse('go', 'the show has no cues');
    const now = this.now();
    if (now - this.lastGoMs < this.goLockoutMs) {
      const warning = `GO ignored: ${Math.round(now - this.lastGoMs)} ms after the last GO on "${this.cueList?.name}" (lock-out ${this.goLockoutMs} ms)`;
      this.warn('go', warning);
      return { ok: true, warning };
    }
    if (this.nextIndex >= this.cues.length) return this.refuse('go', `end of cue list "${this.cueList?.name}"`);
    this.lastGoMs = now;
    this.ensureRunning();
    this.fire(this.nextIndex, 'go', this.clock.position());
    return { ok: true };
  }

  /** BACK: returns to the cue before the current one, as the list left things there; no delay, no follow. */
  back(): CommandResult {
    if (this.current === null) return this.refuse('back', 'no cue has been fired');
    if (this.current.ref.index === 0) return this.refuse('back', 'already at the first cue');
    this.ensureRunning();
    this.fire(this.current.ref.index - 1, 'back', this.clock.position());
    return { ok: true };
  }

  /** GOTO: fires a cue by id (or cue number) with every zone as the list would leave it there. */
  goto(cue: string | number): CommandResult {
    const index = this.cues.findIndex((c) => (typeof cue === 'number' ? c.number === cue : c.id === cue));
    if (index < 0) {
      const what = typeof cue === 'number' ? `cue number ${cue}` : `cue "${cue}"`;
      return this.refuse('goto', `unknown ${what} in cue list "${this.cueList?.name ?? '(none)'}"`);
    }
    this.ensureRunning();
    this.fire(index, 'goto', this.clock.position());
    return { ok: true };
  }

  /** PAUSE: holds show time; pending delays, fades and follows wait where they are. */
  pause(): CommandResult {
    if (this.clock.state !== 'running') return this.refuse('pause', `the show is ${this.clock.state}`);
    this.clock.pause();
    this.cancelWake();
    this.markAll('republish');
    this.statusEvent('paused');
    this.flush(true);
    return { ok: true };
  }

  /** RESUME: show time carries on from where PAUSE held it. */
  resume(): CommandResult {
    if (this.clock.state !== 'paused') return this.refuse('resume', `the show is ${this.clock.state}`);
    this.clock.resume();
    this.markAll('republish');
    this.statusEvent('running');
    this.advance(true);
    return { ok: true };
  }

  /** STOP: cancels everything pending, the cue list lets go of its zones and goes back to its first cue. */
  stop(): CommandResult {
    this.cancelWake();
    this.clock.stop();
    for (const tl of this.timelines.values()) {
      tl.clear();
      tl.add(0, OFF_LOOK, 0, null).published = true;
    }
    this.current = null;
    this.nextIndex = 0;
    this.parades = [];
    this.markAll('fresh');
    this.statusEvent('stopped');
    this.flush(true);
    return { ok: true };
  }

  /** Cancels pending timers and completes the streams. */
  dispose(): void {
    this.cancelWake();
    this.stateSubject.complete();
    this.looksSubject.complete();
    this.eventsSubject.complete();
  }

  // ---- cue timing --------------------------------------------------------------

  private ensureRunning(): void {
    if (this.clock.state === 'stopped') {
      this.clock.start(0);
      this.parades = this.runsTimeline ? this.show.timeline.map((e) => ({ pos: e.at, paradeId: e.parade, source: 'timeline' as const, cueId: null })) : [];
      this.statusEvent('running');
    } else if (this.clock.state === 'paused') {
      this.clock.resume();
      this.markAll('republish');
      this.statusEvent('running');
    }
  }

  /** Fires cue `index` as if GOed at show time `goPos`. */
  private fire(index: number, trigger: CueTrigger, goPos: number): void {
    const cue = this.cues[index];
    const ref = cueRef(cue, index);
    const tracked = trigger === 'goto' || trigger === 'back';
    const looksPos = goPos + (trigger === 'back' ? 0 : cue.delay);
    const looks = tracked ? trackedLooks(this.cues, index, this.zones) : cueLooks(cue, this.zones);
    for (const [zone, zl] of looks) this.setCueLook(zone, looksPos, zl, zl.unlit ? null : cue.id);
    const fadeEndPos = looksPos + cueFadeMs(cue);
    const completePos = fadeEndPos + cue.hang;
    const followPos = trigger === 'back' || cue.follow === null ? null : completePos + cue.follow;
    const from = this.current;
    this.current = { cue, ref, goPos, looksPos, fadeEndPos, completePos, followPos, completed: false, followed: false };
    this.nextIndex = index + 1;
    if (cue.parade !== undefined) this.parades.push({ pos: looksPos, paradeId: cue.parade, source: 'cue', cueId: cue.id });
    const atMs = this.now();
    this.eventsSubject.next({ type: 'cue-fired', atMs, cue: ref, trigger });
    if (trigger === 'follow' && from !== null) this.eventsSubject.next({ type: 'follow-fired', atMs, from: from.ref, cue: ref });
    this.advance(true);
  }

  private setCueLook(zone: number, startPos: number, zl: ZoneCueLook, cueId: string | null): void {
    const tl = this.timelines.get(zone);
    if (tl === undefined) return;
    // The same look again leaves a running fade alone rather than restarting it.
    if (tl.upcoming(startPos).length === 0 && sameLook(tl.targetAt(startPos), zl.look) && (cueId === null) === (tl.activeAt(startPos)?.cueId == null)) return;
    tl.add(startPos, zl.look, zl.fadeMs, cueId);
  }

  /**
   * Does everything due by now, in show-time order (a follow can fire a cue
   * whose zero delay makes its looks due at once), then publishes and sets the
   * next wake-up.
   */
  private advance(forceState: boolean): void {
    if (this.processing) return;
    this.processing = true;
    try {
      if (this.clock.state === 'running') {
        // a listener may pause or stop the show from inside a step
        for (let guard = 0; guard < 10_000 && this.clock.state === 'running'; guard++) {
          if (!this.step(this.clock.position())) break;
        }
      }
    } finally {
      this.processing = false;
    }
    this.flush(forceState);
    this.armWake();
  }

  /** One round of due work at show time `pos`; whether anything happened. */
  private step(pos: number): boolean {
    let did = false;
    const horizon = pos + this.lookaheadMs + EPS;
    for (const [zone, tl] of this.timelines) {
      for (const f of tl.all()) {
        if (!f.published && f.startPos <= horizon) {
          f.published = true;
          this.mark(zone, 'fresh');
          did = true;
        }
      }
    }
    const due = this.parades.filter((p) => p.pos - this.lookaheadMs <= pos + EPS);
    if (due.length > 0) {
      this.parades = this.parades.filter((p) => !due.includes(p));
      for (const p of due.sort((a, b) => a.pos - b.pos)) {
        this.eventsSubject.next({ type: 'parade-start', atMs: this.now(), paradeId: p.paradeId, startMs: this.monoAt(p.pos), source: p.source, cueId: p.cueId });
      }
      did = true;
    }
    const cur = this.current;
    if (cur !== null && !cur.completed && cur.completePos <= pos + EPS) {
      cur.completed = true;
      this.eventsSubject.next({ type: 'cue-complete', atMs: this.now(), cue: cur.ref });
      did = true;
    }
    if (cur !== null && cur.followPos !== null && !cur.followed && cur.followPos <= pos + EPS) {
      cur.followed = true;
      // fire() sees `processing` set and leaves publishing to the loop in progress
      if (this.nextIndex < this.cues.length) this.fire(this.nextIndex, 'follow', cur.followPos);
      did = true;
    }
    return did;
  }

  private armWake(): void {
    this.cancelWake();
    if (this.clock.state !== 'running') return;
    const pos = this.clock.position();
    let next = Infinity;
    for (const tl of this.timelines.values()) for (const f of tl.all()) if (!f.published) next = Math.min(next, f.startPos - this.lookaheadMs);
    for (const p of this.parades) next = Math.min(next, p.pos - this.lookaheadMs);
    const cur = this.current;
    if (cur !== null) {
      // phase changes (looks landed, fade done) are published on state$
      for (const t of [cur.looksPos, cur.fadeEndPos]) if (t > pos + EPS) next = Math.min(next, t);
      if (!cur.completed) next = Math.min(next, cur.completePos);
      if (cur.followPos !== null && !cur.followed) next = Math.min(next, cur.followPos);
    }
    if (next === Infinity) return;
    this.wake = scheduleAt(this.scheduler, this.monoAt(Math.max(next, pos)), () => {
      this.wake = undefined;
      this.advance(false);
    });
  }

  private cancelWake(): void {
    this.wake?.unsubscribe();
    this.wake = undefined;
  }

  // ---- publishing --------------------------------------------------------------

  private mark(zone: number, how: Publish): void {
    if (this.dirty.get(zone) !== 'fresh') this.dirty.set(zone, how);
  }

  private markAll(how: Publish): void {
    for (const zone of this.zones) this.mark(zone, how);
  }

  /** Publishes a looks frame for the zones marked, and the state when it changed. */
  private flush(forceState: boolean): void {
    const now = this.now();
    if (this.dirty.size > 0) {
      const pos = this.clock.position();
      const prev = this.looksSubject.value;
      const zones: ZoneLookState[] = [];
      const changed: number[] = [];
      for (const old of prev.zones) {
        const how = this.dirty.get(old.zone);
        if (how === undefined) {
          zones.push(old);
          continue;
        }
        const next = this.zoneState(old.zone, now, pos, how);
        if (sameCourse(old, next, now)) zones.push(old);
        else {
          zones.push(next);
          changed.push(old.zone);
        }
      }
      this.dirty.clear();
      for (const tl of this.timelines.values()) tl.prune(pos);
      if (changed.length > 0) this.looksSubject.next({ atMs: now, zones, changed });
    }
    const state = this.buildState();
    const key = stateKey(state);
    if (forceState || key !== this.lastStateKey) {
      this.lastStateKey = key;
      this.stateSubject.next(state);
    }
  }

  private zoneState(zone: number, now: number, pos: number, how: Publish): ZoneLookState {
    const tl = this.timelines.get(zone);
    const f = tl?.activeAt(pos + this.lookaheadMs + EPS);
    if (tl === undefined || f === undefined) return this.darkState(zone, now);
    if (this.clock.state !== 'running') {
      // Held: a zone part-way through a fade (or waiting for one) shows its colour now, still.
      const p = fadeProgress(f.startPos, f.fadeMs, pos);
      if (p < 1 || f.startPos > pos) {
        const held = tl.lookAt(pos);
        return { zone, look: held, fromLook: held, startMs: now, fadeMs: 0, source: 'cue', cueId: f.cueId };
      }
    }
    const s: ZoneLookState = { zone, look: f.to, fromLook: f.from, startMs: now + (f.startPos - pos), fadeMs: f.fadeMs, source: 'cue', cueId: f.cueId };
    return how === 'republish' ? rebase(s, now) : s;
  }

  private darkState(zone: number, now: number): ZoneLookState {
    return { zone, look: OFF_LOOK, fromLook: OFF_LOOK, startMs: now, fadeMs: 0, source: 'cue', cueId: null };
  }

  private buildState(): EngineState {
    const status = this.clock.state as EngineStatus;
    const pos = this.clock.position();
    const now = this.now();
    const cur = this.current;
    const next = this.nextIndex < this.cues.length ? cueRef(this.cues[this.nextIndex], this.nextIndex) : null;
    let phase: CuePhase | null = null;
    let fade: EngineState['fade'] = null;
    let followAtMs: number | null = null;
    if (cur !== null) {
      phase = pos < cur.looksPos - EPS ? 'delay' : pos < cur.fadeEndPos - EPS ? 'fade' : pos < cur.completePos - EPS ? 'hang' : 'complete';
      fade = {
        startMs: now + (cur.looksPos - pos),
        endMs: now + (cur.fadeEndPos - pos),
        progress: fadeProgress(cur.looksPos, cur.fadeEndPos - cur.looksPos, pos),
      };
      if (cur.followPos !== null && !cur.followed && next !== null) followAtMs = now + (cur.followPos - pos);
    }
    return {
      status,
      atMs: now,
      positionMs: pos,
      cueListId: this.cueList?.id ?? null,
      currentCue: cur?.ref ?? null,
      nextCue: next,
      phase,
      fade,
      followAtMs,
    };
  }

  // ---- helpers -----------------------------------------------------------------

  private now(): number {
    return this.scheduler.now();
  }

  /** Monotonic ms of a show-time position (as if running from now). */
  private monoAt(pos: number): number {
    return this.now() + (pos - this.clock.position());
  }

  private refuse(command: string, message: string): { ok: false; error: string } {
    this.warn(command, message);
    return { ok: false, error: message };
  }

  private warn(command: string, message: string): void {
    this.eventsSubject.next({ type: 'warning', atMs: this.now(), command, message });
  }

  private statusEvent(status: EngineStatus): void {
    this.eventsSubject.next({ type: 'status', atMs: this.now(), status, positionMs: this.clock.position() });
  }
}

function cueRef(cue: Cue, index: number): CueInList {
  return { id: cue.id, number: cue.number, label: cue.label, index };
}

function stateKey(s: EngineState): string {
  return `${s.status}|${s.currentCue?.id ?? ''}|${s.currentCue?.index ?? ''}|${s.nextCue?.index ?? ''}|${s.phase ?? ''}|${s.followAtMs === null ? '' : 'f'}`;
}
