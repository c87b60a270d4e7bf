/**
 * One show playing on its transmitters: the cue engine, the planner, the
 * compiled parades, the transmitter set and (behind virtual transmitters) the
 * simulator's crowd, wired together. `crowdcue play` runs one headless; the
 * server's live runtime runs one per loaded show. Everything that decides what
 * goes on air lives here, so both play a show the same way.
 *
 * Wiring:
 * - engine looks (cue list, busks) → planner.setLooks, timed to land when the
 *   engine says (the engine publishes `engineLookaheadMs` early);
 * - engine master/blackout → planner master/blackout (PRIORITY, FLUSH);
 * - engine parade starts (a cue's parade, the show timeline) → planner.runParade;
 *   PAUSE stops the parades on air and RESUME picks them up where show time
 *   holds them; STOP ends them;
 * - transmitters' on-air record → `onAir$` (what the crowd view decodes).
 *
 * Times: `...Ms` named start/at/end are controller monotonic ms (the
 * scheduler's now()); show positions are `positionMs` (see ShowClock).
 */
import { Subject, Subscription, skip, type Observable } from 'rxjs';
import { type Cue, type Look, type Show, type ShowError, type TransmitterConfig } from '@crowdcue/protocol';
import { buildCrowd, venueFromShow, type Crowd } from '@crowdcue/simulator';
import { CueEngine } from '../engine/cue-engine';
import type { CommandResult, EngineEvent, EngineStatus } from '../engine/engine-types';
import { DeadlineScheduler } from '../engine/deadline-scheduler';
import type { LatenessSummary } from '../engine/lateness-stats';
import type { CompiledParade } from '@crowdcue/protocol';
import { Planner, type LateCue, type PlannerOptions, type PlannerStats } from '../planner/planner';
import { checkShow, compileShowParades } from '../safety/check-show';
import { clampLook } from '../safety/clamp-look';
import { flashLimit } from '../safety/flash-limit';
import { openTransmitter, type OpenTransmitterOptions } from '../transmitter/open-transmitter';
import { TransmitterSet } from '../transmitter/transmitter-set';
import type { OnAirPacket, Transmitter, TransmitterHealth } from '../transmitter/types';
import { RestorableClock } from './restorable-clock';
import { trimParade } from './trim-parade';
import { cueLabel, lookBatches } from './zone-looks';

/** The transmitter a show plays on when it names none: the simulator's, in-process. */
export const DEFAULT_TRANSMITTERS: readonly TransmitterConfig[] = [{ id: 'virtual', url: 'virtual', coverage: 'ALL' }];

/** Look-ahead of the in-process virtual transmitter: the link is a function call away. */
const VIRTUAL_LOOKAHEAD_MS = 3;

export interface SessionWarning {
  message: string;
  /** What it is about: `busk`, `late`, `transmitter`, `parade`, `safety`... */
  code: string;
  /** Show position it happened at. */
  positionMs: number;
}

/** A parade on air, in show time. */
export interface ParadeRun {
  paradeId: string;
  startPositionMs: number;
  endPositionMs: number;
  /** The planner's handle while on air; undefined while the show is paused. */
  run: number | undefined;
  parade: CompiledParade;
}

/** Where a playing show is, enough to pick it up again (after a restart or a transmitter change). */
export interface SessionSnapshot {
  status: EngineStatus;
  positionMs: number;
  /** The cue last fired and the show time it was fired at. */
  current: { cueId: string; goPositionMs: number } | null;
  master: number;
  blackout: boolean;
  busks: Array<{ zone: number; look: Look }>;
}

export interface SessionReport {
  cuesFired: number;
  paradesStarted: number;
  planner: PlannerStats;
  /** Transmissions reported on air by the transmitters. */
  onAir: number;
  lateness: LatenessSummary;
  transmitters: TransmitterHealth[];
}

export type OpenSessionTransmitter = (config: TransmitterConfig, opts: OpenTransmitterOptions) => Transmitter;

export interface ShowSessionOptions {
  show: Show;
  /** Default: the show's own list, else the built-in virtual transmitter. */
  transmitters?: readonly TransmitterConfig[];
  /** Shared by everything timed; default a new DeadlineScheduler. */
  scheduler?: DeadlineScheduler;
  /** Cue list to play; default the first. */
  cueListId?: string;
  /** Build the simulator's crowd behind virtual transmitters (default true). */
  crowd?: boolean;
  /** How early the engine publishes a cue's looks so they land on time (default 250 ms). */
  engineLookaheadMs?: number;
  /** Planner tuning (margins, repeats...); the session sets asapMarginMs from the transmitters unless given. */
  planner?: Partial<Omit<PlannerOptions, 'scheduler' | 'site' | 'venueZones' | 'transmitters'>>;
  /** Tests: open transmitters some other way. */
  open?: OpenSessionTransmitter;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class ShowSessionError extends Error {
  constructor(
    message: string,
    readonly errors: ShowError[] = [],
  ) {
    super(message);
    this.name = 'ShowSessionError';
  }
}

/** Load-time checks beyond the schema (parades compile, flash limit); empty = may play. */
export function showProblems(show: Show): ShowError[] {
  return checkShow(show);
}

function isVirtual(url: string): boolean {
  return url.split('?')[0] === 'virtual';
}

export class ShowSession {
  readonly show: Show;
  readonly scheduler: DeadlineScheduler;
  readonly clock: RestorableClock;
  readonly engine: CueEngine;
  readonly planner: Planner;
  readonly transmitters: TransmitterSet;
  readonly transmitterConfigs: readonly TransmitterConfig[];
  readonly parades: ReadonlyMap<string, CompiledParade>;
  /** The simulator's crowd behind the virtual transmitters (undefined without one). */
  readonly crowd: Crowd | undefined;
  /** Something a console shows changed (cue, zone looks, master, blackout, parades). */
  readonly changed$: Observable<void>;
  readonly warnings$: Observable<SessionWarning>;
  /** Every transmission as it goes on air (controller ms). */
  readonly onAir$: Observable<OnAirPacket>;
  readonly engineEvents$: Observable<EngineEvent>;

  private readonly changedSubject = new Subject<void>();
  private readonly warningSubject = new Subject<SessionWarning>();
  private readonly subs = new Subscription();
  private readonly cuesById = new Map<string, Cue>();
  private readonly busks = new Map<number, Look>();
  private runs: ParadeRun[] = [];
  private health: TransmitterHealth[] = [];
  private restoring = false;
  private restoredParades: Array<{ paradeId: string; startPositionMs: number }> = [];
  private cuesFired = 0;
  private paradesStarted = 0;
  private onAirCount = 0;
  private started = false;
  private stopped = false;
  private readonly log: NonNullable<ShowSessionOptions['log']>;

  constructor(options: ShowSessionOptions) {
    this.show = options.show;
    this.log = options.log ?? (() => undefined);
    this.scheduler = options.scheduler ?? new DeadlineScheduler();
    this.changed$ = this.changedSubject.asObservable();
    this.warnings$ = this.warningSubject.asObservable();

    const compiled = compileShowParades(this.show);
    if (compiled.errors.length > 0) throw new ShowSessionError(`show '${this.show.id}': parades do not compile`, compiled.errors);
    this.parades = compiled.parades;
    for (const list of this.show.cueLists) for (const cue of list.cues) this.cuesById.set(cue.id, cue);

    const configs = options.transmitters ?? (this.show.transmitters.length > 0 ? this.show.transmitters : DEFAULT_TRANSMITTERS);
    if (configs.length === 0) throw new ShowSessionError('a show needs at least one transmitter');
    const ids = new Set<string>();
    for (const c of configs) {
      if (ids.has(c.id)) throw new ShowSessionError(`two transmitters are called '${c.id}'`);
      ids.add(c.id);
    }
    this.transmitterConfigs = configs;

    const wantCrowd = (options.crowd ?? true) && configs.some((c) => isVirtual(c.url));
    this.crowd = wantCrowd ? this.buildCrowd() : undefined;

    const open: OpenSessionTransmitter = options.open ?? ((config, opts) => openTransmitter(config.url, opts));
    const allVirtual = configs.every((c) => isVirtual(c.url));
    const txs = configs.map((config) =>
      open(config, {
        id: config.id,
        coverage: config.coverage,
        scheduler: this.scheduler,
        lookaheadMs: config.lookaheadMs ?? (isVirtual(config.url) ? VIRTUAL_LOOKAHEAD_MS : undefined),
        ...(isVirtual(config.url) && this.crowd ? { virtual: { crowd: this.crowd } } : {}),
        log: (level, message, id) => this.log(level, `transmitter ${id}: ${message}`),
      }),
    );
    this.transmitters = new TransmitterSet(txs);
    this.onAir$ = this.transmitters.onAir$;

    // Packets due now must reach the device before their time: the margin covers the
    // driver's look-ahead (its timed SEND), so with only the in-process virtual
    // transmitter a GO is on air within a couple of frames.
    const maxLookahead = Math.max(
      ...configs.map((c) => c.lookaheadMs ?? (isVirtual(c.url) ? VIRTUAL_LOOKAHEAD_MS : 50)),
    );
    this.planner = new Planner({
      scheduler: this.scheduler,
      site: this.show.site,
      venueZones: this.show.venue.zones.map((z) => z.id),
      transmitters: txs,
      asapMarginMs: allVirtual ? maxLookahead + 2 : Math.max(60, maxLookahead + 10),
      ...options.planner,
    });

    const limit = flashLimit(this.show.safety);
    if (limit.notice) this.log(limit.raised ? 'warn' : 'info', limit.notice);
    this.clock = new RestorableClock({ monotonic: this.scheduler });
    this.engine = new CueEngine({
      show: this.show,
      scheduler: this.scheduler,
      clock: this.clock,
      cueListId: options.cueListId,
      lookaheadMs: options.engineLookaheadMs ?? 250,
      clampLook: (look) => clampLook(look, limit.limit),
    });
    this.engineEvents$ = this.engine.events$;
    this.wire();
  }

  private buildCrowd(): Crowd | undefined {
    try {
      return buildCrowd(venueFromShow(this.show.venue), { site: this.show.site });
    } catch (err) {
      this.log('warn', `no simulated crowd for this venue: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private wire(): void {
    const changed = () => this.changedSubject.next();
    this.subs.add(
      this.engine.looks$.subscribe((frame) => {
        if (this.restoring || frame.changed.length === 0) return;
        this.sendLooks(frame, false);
        changed();
      }),
    );
    this.subs.add(this.engine.state$.subscribe(() => !this.restoring && changed()));
    this.subs.add(
      this.engine.master$.pipe(skip(1)).subscribe((level) => {
        this.planner.setMaster(level);
        changed();
      }),
    );
    this.subs.add(
      this.engine.blackout$.pipe(skip(1)).subscribe((on) => {
        this.planner.setBlackout(on);
        changed();
      }),
    );
    this.subs.add(this.engine.events$.subscribe((e) => this.onEngineEvent(e)));
    this.subs.add(
      this.planner.late$.subscribe((late: LateCue) =>
        this.warn('late', `${late.cue} landed ${late.lateByMs.toFixed(1)} ms late (${late.purpose})`),
      ),
    );
    this.subs.add(this.transmitters.onAir$.subscribe(() => this.onAirCount++));
    this.subs.add(this.transmitters.health$.subscribe((h) => (this.health = h)));
    this.subs.add(
      this.transmitters.events$.subscribe((e) => {
        if (e.type === 'down') this.warn('transmitter', `transmitter ${e.transmitterId} is down: ${e.reason}`);
        else if (e.type === 'up' && e.reconnect) this.warn('transmitter', `transmitter ${e.transmitterId} is back`);
        // Driver log lines reach this.log through the `log` option each transmitter is opened with.
      }),
    );
  }

  private sendLooks(frame: Parameters<typeof lookBatches>[0], all: boolean): void {
    const now = this.scheduler.now();
    for (const b of lookBatches(frame, now, (id) => this.cuesById.get(id), all)) {
      this.planner.setLooks(b.changes, { atMs: b.atMs, cue: b.label, purpose: b.purpose });
    }
  }

  private onEngineEvent(e: EngineEvent): void {
    switch (e.type) {
      case 'cue-fired':
        if (!this.restoring) this.cuesFired++;
        break;
      case 'parade-start': {
        const startPositionMs = this.clock.position() + (e.startMs - this.scheduler.now());
        if (this.restoring) this.restoredParades.push({ paradeId: e.paradeId, startPositionMs });
        else this.startParade(e.paradeId, startPositionMs);
        break;
      }
      case 'status':
        if (this.restoring) break;
        if (e.status === 'paused') this.holdParades();
        else if (e.status === 'running') this.resumeParades();
        else this.endParades();
        this.changedSubject.next();
        break;
      default:
        break;
    }
  }

  // ---- parades -------------------------------------------------------------

  private startParade(paradeId: string, startPositionMs: number, onAir = true): void {
    const parade = this.parades.get(paradeId);
    if (!parade) {
      this.warn('parade', `no parade '${paradeId}' in show '${this.show.id}'`);
      return;
    }
    const r: ParadeRun = { paradeId, startPositionMs, endPositionMs: startPositionMs + parade.durationMs, run: undefined, parade };
    if (r.endPositionMs <= this.clock.position()) return;
    if (onAir) this.putOnAir(r);
    this.paradesStarted++;
    this.runs.push(r);
    this.changedSubject.next();
  }

  /** Puts (what is left of) a parade on air at the show time it started; false when it is already over. */
  private putOnAir(r: ParadeRun): boolean {
    const pos = this.clock.position();
    if (r.endPositionMs <= pos) return false;
    const startMs = this.scheduler.now() + (r.startPositionMs - pos);
    const parade = trimParade(r.parade, pos - r.startPositionMs);
    r.run = this.planner.runParade(parade, startMs, { label: `parade "${r.paradeId}"` });
    return true;
  }

  private holdParades(): void {
    for (const r of this.runs) {
      if (r.run !== undefined) this.planner.stopParade(r.run);
      r.run = undefined;
    }
  }

  private resumeParades(): void {
    this.pruneRuns();
    for (const r of this.runs) if (r.run === undefined) this.putOnAir(r);
  }

  private endParades(): void {
    for (const r of this.runs) if (r.run !== undefined) this.planner.stopParade(r.run);
    this.runs = [];
  }

  private pruneRuns(): void {
    const pos = this.clock.position();
    this.runs = this.runs.filter((r) => r.endPositionMs > pos);
  }

  /** Parades playing now (show time). */
  activeParades(): readonly ParadeRun[] {
    if (this.engine.state.status !== 'stopped') this.pruneRuns();
    return this.runs;
  }

  // ---- life -----------------------------------------------------------------

  /** Connects the transmitters and starts SYNC and refresh. Resolves once every transmitter made its first attempt. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.transmitters.start();
    this.planner.start();
  }

  /** Stops the planner and the transmitters; the session cannot be started again. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.subs.unsubscribe();
    this.planner.stop();
    this.engine.dispose();
    this.changedSubject.complete();
    this.warningSubject.complete();
    await this.transmitters.stop();
  }

  // ---- commands (results as the engine gives them; warnings also on warnings$) ----

  go(): CommandResult {
    return this.engine.go();
  }
  back(): CommandResult {
    return this.engine.back();
  }
  goto(cue: string | number): CommandResult {
    return this.engine.goto(cue);
  }
  pause(): CommandResult {
    return this.engine.pause();
  }
  resume(): CommandResult {
    return this.engine.resume();
  }
  stopShow(): CommandResult {
    return this.engine.stop();
  }
  setBlackout(on: boolean): CommandResult {
    return this.engine.setBlackout(on);
  }
  setMaster(level: number): CommandResult {
    return this.noted('master', this.engine.setMaster(level));
  }

  /** A live override; a look that would flash too fast is slowed, with a warning to the operator. */
  busk(zones: readonly number[] | 'all', look: Look): CommandResult {
    const r = this.engine.busk(zones, look);
    if (r.ok) {
      const target = zones === 'all' ? this.engine.zones : zones;
      const applied = this.engine.looks.zones;
      for (const z of target) {
        const zs = applied.find((s) => s.zone === z);
        this.busks.set(z, zs && zs.source === 'busk' ? zs.look : look);
      }
      if (r.warning !== undefined) this.warn('safety', `busk: ${r.warning}`);
    }
    return r;
  }

  release(zones: readonly number[] | 'all' = 'all'): CommandResult {
    const r = this.engine.release(zones);
    if (r.ok) for (const z of zones === 'all' ? [...this.busks.keys()] : zones) this.busks.delete(z);
    return r;
  }

  private noted(code: string, r: CommandResult): CommandResult {
    if (r.ok && r.warning !== undefined) this.warn(code, `${code}: ${r.warning}`);
    return r;
  }

  private warn(code: string, message: string): void {
    this.log('warn', message);
    if (!this.stopped) this.warningSubject.next({ code, message, positionMs: this.clock.position() });
  }

  // ---- where the show is ------------------------------------------------------

  /** Show position at controller time `monoMs` (a stopped show stands at 0, a paused one where it holds). */
  positionAt(monoMs: number): number {
    const pos = this.clock.position();
    return this.clock.state === 'running' ? pos + (monoMs - this.scheduler.now()) : pos;
  }

  cue(id: string): Cue | undefined {
    return this.cuesById.get(id);
  }

  /** Latest health of every transmitter. */
  transmitterHealth(): readonly TransmitterHealth[] {
    return this.health;
  }

  snapshot(): SessionSnapshot {
    const s = this.engine.state;
    let current: SessionSnapshot['current'] = null;
    const cue = s.currentCue ? this.cuesById.get(s.currentCue.id) : undefined;
    if (cue && s.fade) {
      // The engine states the cue's fade start in controller ms at `atMs`; its looks
      // landed at that show time, the cue's delay after its GO.
      const looksPos = s.positionMs + (s.fade.startMs - s.atMs);
      current = { cueId: cue.id, goPositionMs: Math.max(0, looksPos - cue.delay) };
    }
    return {
      status: s.status,
      positionMs: this.clock.position(),
      current,
      master: this.engine.master,
      blackout: this.engine.blackout,
      busks: [...this.busks].map(([zone, look]) => ({ zone, look })),
    };
  }

  /**
   * Picks a show up where a snapshot left it: the current cue fired at the show
   * time it was fired, the follows and parades since then replayed in show time
   * up to `snap.positionMs`, then the crowd given every zone's look at once.
   */
  restore(snap: SessionSnapshot): void {
    if (snap.master !== 255) this.setMaster(snap.master);
    if (snap.blackout) this.setBlackout(true);
    const cue = snap.current && this.cuesById.get(snap.current.cueId);
    if (snap.status !== 'stopped' && snap.current && cue && this.engine.cueList?.cues.some((c) => c.id === cue.id)) {
      this.restoring = true;
      this.restoredParades = [];
      try {
        const goPos = Math.min(snap.current.goPositionMs, snap.positionMs);
        this.clock.startNextAt(goPos);
        this.engine.goto(cue.id);
        // Catch up: show time jumps to where it is now and the engine does everything due since.
        this.clock.seek(Math.max(snap.positionMs, goPos));
        this.engine.pause();
        this.engine.resume();
      } finally {
        this.restoring = false;
      }
      for (const b of snap.busks) this.engine.busk([b.zone], b.look);
      for (const b of snap.busks) this.busks.set(b.zone, b.look);
      const paused = snap.status === 'paused';
      // Paused: parades wait off air until RESUME puts them back at the held show time.
      if (paused) this.engine.pause();
      this.sendLooks(this.engine.looks, true);
      for (const p of this.restoredParades) this.startParade(p.paradeId, p.startPositionMs, !paused);
      this.restoredParades = [];
    } else {
      for (const b of snap.busks) this.busk([b.zone], b.look);
    }
    this.changedSubject.next();
  }

  report(): SessionReport {
    return {
      cuesFired: this.cuesFired,
      paradesStarted: this.paradesStarted,
      planner: this.planner.stats(),
      onAir: this.onAirCount,
      lateness: this.scheduler.latency(),
      transmitters: [...this.health],
    };
  }

  /** Label for a cue id in messages. */
  cueName(id: string): string {
    return cueLabel(this.cuesById.get(id), id);
  }
}
