/**
 * One show playing on its transmitters: a playback (cue engine) per cue list,
 * the zone mixer, the planner, the compiled parades, the transmitter set and
 * (behind virtual transmitters) the simulator's crowd, wired together. `crowdcue play` runs one headless; the
 * server's live runtime runs one per loaded show. Everything that decides what
 * goes on air lives here, so both play a show the same way.
 *
 * Wiring:
 * - each playback's looks → the zone mixer (with busks, desk input, blackout,
 *   master); the mixer's winning looks → planner.setLooks, timed to land when
 *   the engine says (engines publish `engineLookaheadMs` early);
 * - mixer master/blackout → planner master/blackout (PRIORITY, FLUSH);
 * - a playback's parade starts (a cue's parade; the first list also runs the
 *   show timeline) → a mixer layer and planner.runParade, owned by that
 *   playback and cue: the planner puts a layer on air only where the mixer
 *   says it wins. PAUSE takes the playback's parades off air and RESUME puts
 *   them back where its show time holds them; BACK, GO TO and STOP end the
 *   parades of the playback's cues; `stopParade` ends one;
 * - transmitters' on-air record → `onAir$` (what the crowd view decodes).
 *
 * Times: `...Ms` named start/at/end are controller monotonic ms (the
 * scheduler's now()); show positions are `positionMs` (see ShowClock).
 */
import { filter, merge, Subject, Subscription, type Observable } from 'rxjs';
import { type Cue, type CueList, type Look, type Show, type ShowError, type TransmitterConfig } from '@crowdcue/protocol';
import { buildCrowd, venueFromShow, type Crowd } from '@crowdcue/simulator';
import { CueEngine } from '../engine/cue-engine';
import type { CommandResult, EngineEvent, EngineStatus, LooksFrame } from '../engine/engine-types';
import { ShowClock } from '../engine/show-clock';
import { feedPlanner, sendFrame } from '../mixer/feed-planner';
import { ZoneMixer } from '../mixer/zone-mixer';
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
import { stepLookAsLook } from './step-look-as-look';
import { trimParade } from './trim-parade';
import { lateWords, paradeWords, transmitterBackWords, transmitterDownWords, type WarningWords } from './warning-words';
import { cueLabel } from '../mixer/zone-looks';

/** The transmitter a show plays on when it names none: the simulator's, in-process. */
export const DEFAULT_TRANSMITTERS: readonly TransmitterConfig[] = [{ id: 'virtual', url: 'virtual', coverage: 'ALL' }];

/** Look-ahead of the in-process virtual transmitter: the link is a function call away. */
const VIRTUAL_LOOKAHEAD_MS = 3;

/** Default GO lock-out when the show sets none. */
export const DEFAULT_GO_LOCKOUT_MS = 300;

export interface SessionWarning {
  /** In the show's words (warning-words). */
  message: string;
  /** The technical path behind it. */
  detail?: string;
  /** What it is about: `busk`, `late`, `transmitter`, `parade`, `safety`... */
  code: string;
  /** Show position it happened at. */
  positionMs: number;
}

/** A parade on air, in its playback's show time. */
export interface ParadeRun {
  /** Unique per run (`stopParade`), and the mixer's key for its layer. */
  key: string;
  paradeId: string;
  /** The playback that started it; null for the show timeline. */
  playback: string | null;
  /** The cue that started it; null for the show timeline. */
  cueId: string | null;
  startPositionMs: number;
  endPositionMs: number;
  /** The planner's handle while on air; undefined while the show is paused. */
  run: number | undefined;
  parade: CompiledParade;
}

/** Where one playback is. */
export interface PlaybackSnapshot {
  cueList: string;
  status: EngineStatus;
  positionMs: number;
  /** The cue last fired and the show time it was fired at. */
  current: { cueId: string; goPositionMs: number } | null;
  /** Its fader. */
  level: number;
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
  /** Every playback (the fields above repeat the first's); absent in older records. */
  playbacks?: PlaybackSnapshot[];
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

/** One cue list running as a playback. */
export interface Playback {
  id: string;
  list: CueList;
  engine: CueEngine;
  clock: RestorableClock;
}

export class ShowSession {
  readonly show: Show;
  readonly scheduler: DeadlineScheduler;
  /** The first playback's clock (the show position, what a restart picks up). */
  readonly clock: RestorableClock;
  /** The first playback's engine. */
  readonly engine: CueEngine;
  /** Every cue list as a playback, in show order. */
  readonly playbacks: ReadonlyMap<string, Playback>;
  readonly mixer: ZoneMixer;
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
  private runs: ParadeRun[] = [];
  private nextRunId = 1;
  private health: TransmitterHealth[] = [];
  private restoring = false;
  private restoredParades: Array<{ paradeId: string; startPositionMs: number; playback: string | null; cueId: string | null }> = [];
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

    const limit = flashLimit(this.show.safety);
    if (limit.notice) this.log(limit.raised ? 'warn' : 'info', limit.notice);
    const open: OpenSessionTransmitter = options.open ?? ((config, opts) => openTransmitter(config.url, opts));
    const allVirtual = configs.every((c) => isVirtual(c.url));
    const txs = configs.map((config) =>
      open(config, {
        id: config.id,
        coverage: config.coverage,
        scheduler: this.scheduler,
        lookaheadMs: config.lookaheadMs ?? (isVirtual(config.url) ? VIRTUAL_LOOKAHEAD_MS : undefined),
        flashesPerSecond: limit.limit,
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
    const venueZones = this.show.venue.zones.map((z) => z.id);
    this.mixer = new ZoneMixer({ zones: venueZones, scheduler: this.scheduler, clampLook: (look) => clampLook(look, limit.limit) });
    const mixer = this.mixer;
    this.planner = new Planner({
      scheduler: this.scheduler,
      precedence: { shows: (zone, atMs) => mixer.shows(zone, atMs) },
      site: this.show.site,
      venueZones: this.show.venue.zones.map((z) => z.id),
      transmitters: txs,
      asapMarginMs: allVirtual ? maxLookahead + 2 : Math.max(60, maxLookahead + 10),
      ...options.planner,
    });

    this.clock = new RestorableClock({ monotonic: this.scheduler });
    const playbacks = new Map<string, Playback>();
    const lists = this.show.cueLists.length > 0 ? this.show.cueLists : [{ id: 'main', name: 'Main', cues: [] }];
    for (const [i, list] of lists.entries()) {
      const clock = i === 0 ? this.clock : new RestorableClock({ monotonic: this.scheduler });
      const engine = new CueEngine({
        show: this.show,
        scheduler: this.scheduler,
        clock,
        cueListId: list.id,
        lookaheadMs: options.engineLookaheadMs ?? 250,
        goLockoutMs: this.show.goLockoutMs ?? DEFAULT_GO_LOCKOUT_MS,
        timeline: i === 0,
      });
      playbacks.set(list.id, { id: list.id, list, engine, clock });
      this.mixer.addPlayback({ id: list.id, name: list.name, priority: list.priority, level: list.level });
    }
    this.playbacks = playbacks;
    this.engine = [...playbacks.values()][0].engine;
    const first = this.engine;
    // Cue firings of every playback; status and the rest of the first (the show's clock).
    this.engineEvents$ = merge(...[...playbacks.values()].map((p) => (p.engine === first ? p.engine.events$ : p.engine.events$.pipe(filter((e) => e.type === 'cue-fired')))));
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
    for (const p of this.playbacks.values()) {
      this.subs.add(p.engine.looks$.subscribe((frame) => frame.changed.length > 0 && this.mixer.playbackLooks(p.id, frame, (id) => this.cueName(id))));
      this.subs.add(p.engine.state$.subscribe(() => !this.restoring && changed()));
      this.subs.add(p.engine.events$.subscribe((e) => this.onEngineEvent(p, e)));
    }
    this.subs.add(
      feedPlanner(this.mixer, this.planner, { now: () => this.scheduler.now(), cueOf: (id) => this.cuesById.get(id), hold: () => this.restoring, changed }),
    );
    this.subs.add(
      this.planner.late$.subscribe((late: LateCue) => this.warn('late', lateWords(late))),
    );
    this.subs.add(this.transmitters.onAir$.subscribe(() => this.onAirCount++));
    this.subs.add(this.transmitters.health$.subscribe((h) => (this.health = h)));
    this.subs.add(
      this.transmitters.events$.subscribe((e) => {
        if (e.type === 'down') this.warn('transmitter', transmitterDownWords(e.transmitterId, e.reason));
        else if (e.type === 'up' && e.reconnect) this.warn('transmitter', transmitterBackWords(e.transmitterId));
        // Driver log lines reach this.log through the `log` option each transmitter is opened with.
      }),
    );
  }

  private sendLooks(frame: LooksFrame, all: boolean): void {
    sendFrame(this.planner, frame, this.scheduler.now(), (id) => this.cuesById.get(id), all);
  }

  private onEngineEvent(p: Playback, e: EngineEvent): void {
    switch (e.type) {
      case 'cue-fired':
        if (!this.restoring) this.cuesFired++;
        // BACK and GO TO leave the cues whose parades play: those parades end.
        if (e.trigger === 'back' || e.trigger === 'goto') this.endParades(p, true);
        this.mixer.noteGo(p.id);
        break;
      case 'parade-start': {
        const startPositionMs = p.clock.position() + (e.startMs - this.scheduler.now());
        const owner = e.source === 'timeline' ? null : p.id;
        if (this.restoring) this.restoredParades.push({ paradeId: e.paradeId, startPositionMs, playback: owner, cueId: e.cueId });
        else this.startParade(e.paradeId, startPositionMs, owner, e.cueId);
        break;
      }
      case 'status':
        if (this.restoring) break;
        if (e.status === 'paused') this.holdParades(p);
        else if (e.status === 'running') this.resumeParades(p);
        else this.endParades(p, false);
        this.changedSubject.next();
        break;
      default:
        break;
    }
  }

  // ---- parades -------------------------------------------------------------

  /** The playback whose clock a run keeps: its owner, or (show timeline) the first. */
  private clockOf(r: Pick<ParadeRun, 'playback'>): ShowClock {
    return (r.playback !== null ? this.playbacks.get(r.playback)?.clock : undefined) ?? this.clock;
  }

  /** Runs that belong to playback `p` (the first also keeps the show timeline's). */
  private owns(p: Playback, r: ParadeRun): boolean {
    return r.playback === p.id || (r.playback === null && p.engine === this.engine);
  }

  private startParade(paradeId: string, startPositionMs: number, playback: string | null, cueId: string | null, onAir = true): void {
    const parade = this.parades.get(paradeId);
    if (!parade) {
      this.warn('parade', `no parade '${paradeId}' in show '${this.show.id}'`);
      return;
    }
    const r: ParadeRun = { key: `p${this.nextRunId++}`, paradeId, playback, cueId, startPositionMs, endPositionMs: startPositionMs + parade.durationMs, run: undefined, parade };
    if (r.endPositionMs <= this.clockOf(r).position()) return;
    if (onAir) this.putOnAir(r);
    this.paradesStarted++;
    this.runs.push(r);
    this.changedSubject.next();
  }

  /** Puts (what is left of) a parade on air at the show time it started; false when it is already over. */
  private putOnAir(r: ParadeRun): boolean {
    const pos = this.clockOf(r).position();
    if (r.endPositionMs <= pos) return false;
    const startMs = this.scheduler.now() + (r.startPositionMs - pos);
    const parade = trimParade(r.parade, pos - r.startPositionMs);
    this.mixer.addLayer({
      key: r.key,
      source: 'parade',
      label: this.paradeLabel(r),
      playback: r.playback,
      steps: parade.steps.map((step) => ({ fromMs: startMs + step.atMs, untilMs: startMs + step.endMs, zones: step.zones, look: stepLookAsLook(step.look) })),
    });
    r.run = this.planner.runParade(parade, startMs, { label: this.paradeWords(r), owner: r.key });
    return true;
  }

  private offAir(r: ParadeRun): void {
    if (r.run !== undefined) this.planner.stopParade(r.run);
    r.run = undefined;
    this.mixer.removeLayer(r.key);
  }

  /** `parade 'Stadium wave' in cue 4`: how warnings name a running parade. */
  private paradeWords(r: Pick<ParadeRun, 'paradeId' | 'playback' | 'cueId'>): string {
    const name = this.show.parades.find((p) => p.id === r.paradeId)?.name ?? r.paradeId;
    const list = r.playback !== null && this.playbacks.size > 1 ? (this.playbacks.get(r.playback)?.list.name ?? r.playback) : null;
    return paradeWords(name, r.cueId !== null ? this.cueName(r.cueId) : null, list);
  }

  /** `parade 'Finale' of playback 'Songs' cue 12` */
  paradeLabel(r: Pick<ParadeRun, 'paradeId' | 'playback' | 'cueId'>): string {
    const name = this.show.parades.find((p) => p.id === r.paradeId)?.name ?? r.paradeId;
    if (r.playback === null) return `parade '${name}' (show timeline)`;
    const list = this.playbacks.get(r.playback)?.list.name ?? r.playback;
    return `parade '${name}' of playback '${list}'${r.cueId !== null ? ` ${this.cueName(r.cueId)}` : ''}`;
  }

  private holdParades(p: Playback): void {
    for (const r of this.runs) if (this.owns(p, r)) this.offAir(r);
  }

  private resumeParades(p: Playback): void {
    this.pruneRuns();
    for (const r of this.runs) if (this.owns(p, r) && r.run === undefined) this.putOnAir(r);
  }

  /** Ends playback `p`'s parades: all of them (STOP), or those its cues started (BACK, GO TO). */
  private endParades(p: Playback, cuesOnly: boolean): void {
    const ending = this.runs.filter((r) => (cuesOnly ? r.playback === p.id : this.owns(p, r)));
    for (const r of ending) this.offAir(r);
    if (ending.length > 0) {
      this.runs = this.runs.filter((r) => !ending.includes(r));
      this.changedSubject.next();
    }
  }

  private pruneRuns(): void {
    this.runs = this.runs.filter((r) => {
      const keep = r.endPositionMs > this.clockOf(r).position();
      if (!keep) this.mixer.removeLayer(r.key);
      return keep;
    });
  }

  /**
   * A brand slot's layers (a brand sequence's hold on its zones): a mixer
   * source over the playbacks, under busks and blackout. Returns the planner's run.
   */
  runBrandSlot(key: string, label: string, parade: CompiledParade, startMs: number, opts: { label?: string } = {}): number {
    this.mixer.addLayer({
      key,
      source: 'brand',
      label,
      playback: null,
      steps: parade.steps.map((step) => ({ fromMs: startMs + step.atMs, untilMs: startMs + step.endMs, zones: step.zones, look: null })),
    });
    this.changedSubject.next();
    return this.planner.runParade(parade, startMs, { ...opts, owner: key });
  }

  stopBrandSlot(key: string, run: number): void {
    this.planner.stopParade(run);
    this.mixer.removeLayer(key);
    this.changedSubject.next();
  }

  /** Parades playing now (or held by a PAUSE). */
  activeParades(): readonly ParadeRun[] {
    this.pruneRuns();
    return this.runs;
  }

  /** Stops one running parade by its key (`RunningParade.run`); its zones go back to what is under it. */
  stopParade(key: string): CommandResult {
    const r = this.runs.find((x) => x.key === key);
    if (!r) return { ok: false, error: `no running parade '${key}' (running: ${this.runs.map((x) => x.key).join(', ') || 'none'})` };
    this.offAir(r);
    this.runs = this.runs.filter((x) => x !== r);
    this.changedSubject.next();
    return { ok: true };
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

  /** A playback by cue list id (absent: the first), or why not. */
  playback(cueList?: string): { ok: true; playback: Playback } | { ok: false; error: string } {
    const p = cueList === undefined ? [...this.playbacks.values()][0] : this.playbacks.get(cueList);
    if (p) return { ok: true, playback: p };
    return { ok: false, error: `no cue list '${String(cueList)}' in show '${this.show.id}' (cue lists: ${[...this.playbacks.keys()].join(', ')})` };
  }

  private onPlayback(cueList: string | undefined, code: string, act: (p: Playback) => CommandResult): CommandResult {
    const found = this.playback(cueList);
    return found.ok ? this.noted(code, act(found.playback)) : found;
  }

  /** Every playback (`cueList` absent) or one: answers ok when at least one took it. */
  private onPlaybacks(cueList: string | undefined, act: (p: Playback) => CommandResult, when: (p: Playback) => boolean, none: string): CommandResult {
    if (cueList !== undefined) return this.onPlayback(cueList, 'playback', act);
    const targets = [...this.playbacks.values()].filter(when);
    if (targets.length === 0) return { ok: false, error: none };
    const results = targets.map(act);
    return results.find((r) => r.ok) ?? results[0];
  }

  go(cueList?: string): CommandResult {
    return this.onPlayback(cueList, 'go', (p) => p.engine.go());
  }
  back(cueList?: string): CommandResult {
    return this.onPlayback(cueList, 'back', (p) => p.engine.back());
  }
  goto(cue: string | number, cueList?: string): CommandResult {
    return this.onPlayback(cueList, 'goto', (p) => p.engine.goto(cue));
  }
  pause(cueList?: string): CommandResult {
    return this.onPlaybacks(cueList, (p) => p.engine.pause(), (p) => p.clock.state === 'running', 'no playback is running');
  }
  resume(cueList?: string): CommandResult {
    return this.onPlaybacks(cueList, (p) => p.engine.resume(), (p) => p.clock.state === 'paused', 'no playback is paused');
  }
  stopShow(cueList?: string): CommandResult {
    return this.onPlaybacks(cueList, (p) => p.engine.stop(), () => true, 'the show has no cue lists');
  }
  /** A playback's fader 0..255. */
  setLevel(cueList: string, level: number): CommandResult {
    const found = this.playback(cueList);
    if (!found.ok) return found;
    const r = this.mixer.setLevel(cueList, level);
    if (r.ok) this.changedSubject.next();
    return r;
  }
  setBlackout(on: boolean): CommandResult {
    return this.mixer.setBlackout(on);
  }
  setMaster(level: number): CommandResult {
    return this.noted('master', this.mixer.setMaster(level));
  }

  /** A live override; a look that would flash too fast is slowed, with a warning to the operator. */
  busk(zones: readonly number[] | 'all', look: Look): CommandResult {
    const r = this.mixer.busk(zones, look);
    if (r.ok && r.warning !== undefined) this.warn('safety', `busk: ${r.warning}`);
    return r;
  }

  release(zones: readonly number[] | 'all' = 'all'): CommandResult {
    return this.mixer.release(zones);
  }

  /** Whether any playback runs (or, `paused`, holds). */
  status(): EngineStatus {
    const states = [...this.playbacks.values()].map((p) => p.clock.state);
    return states.includes('running') ? 'running' : states.includes('paused') ? 'paused' : 'stopped';
  }

  private noted(code: string, r: CommandResult): CommandResult {
    if (r.ok && r.warning !== undefined) this.warn(code, `${code}: ${r.warning}`);
    return r;
  }

  private warn(code: string, words: string | WarningWords): void {
    const { message, detail } = typeof words === 'string' ? { message: words, detail: undefined } : words;
    this.log('warn', detail !== undefined ? `${message} (${detail})` : message);
    if (!this.stopped) this.warningSubject.next({ code, message, ...(detail !== undefined ? { detail } : {}), positionMs: this.clock.position() });
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
    const playbacks = [...this.playbacks.values()].map((p) => this.playbackSnapshot(p));
    const first = playbacks[0];
    return {
      status: first.status,
      positionMs: first.positionMs,
      current: first.current,
      master: this.mixer.master,
      blackout: this.mixer.blackout,
      busks: this.mixer.busks(),
      playbacks,
    };
  }

  private playbackSnapshot(p: Playback): PlaybackSnapshot {
    const s = p.engine.state;
    let current: PlaybackSnapshot['current'] = null;
    const cue = s.currentCue ? this.cuesById.get(s.currentCue.id) : undefined;
    if (cue && s.fade) {
      // The engine states the cue's fade start in controller ms at `atMs`; its looks
      // landed at that show time, the cue's delay after its GO.
      const looksPos = s.positionMs + (s.fade.startMs - s.atMs);
      current = { cueId: cue.id, goPositionMs: Math.max(0, looksPos - cue.delay) };
    }
    return { cueList: p.id, status: s.status, positionMs: p.clock.position(), current, level: this.mixer.playback(p.id)?.level ?? 255 };
  }

  /**
   * Picks a show up where a snapshot left it, playback by playback: the
   * current cue fired at the show time it was fired, the follows and parades
   * since then replayed in show time up to the saved position, then the crowd
   * given every zone's look at once.
   */
  restore(snap: SessionSnapshot): void {
    if (snap.master !== 255) this.setMaster(snap.master);
    if (snap.blackout) this.setBlackout(true);
    const first = [...this.playbacks.values()][0];
    const wanted: Array<[Playback, Omit<PlaybackSnapshot, 'cueList' | 'level'>]> = [[first, snap]];
    for (const ps of snap.playbacks ?? []) {
      const p = this.playbacks.get(ps.cueList);
      if (!p) continue;
      if (ps.level !== 255) this.mixer.setLevel(p.id, ps.level);
      if (p !== first) wanted.push([p, ps]);
    }
    this.restoring = true;
    this.restoredParades = [];
    const restored: Array<[Playback, boolean]> = [];
    try {
      for (const [p, ps] of wanted) if (this.catchUp(p, ps)) restored.push([p, ps.status === 'paused']);
    } finally {
      this.restoring = false;
    }
    for (const b of snap.busks) this.mixer.busk([b.zone], b.look);
    if (restored.length > 0) {
      // Paused: parades wait off air until RESUME puts them back at the held show time.
      for (const [p, paused] of restored) if (paused) p.engine.pause();
      const held = new Set(restored.filter(([, paused]) => paused).map(([p]) => p.id));
      this.sendLooks(this.mixer.looks, true);
      for (const r of this.restoredParades) this.startParade(r.paradeId, r.startPositionMs, r.playback, r.cueId, !held.has(r.playback ?? first.id));
      this.restoredParades = [];
    }
    this.changedSubject.next();
  }

  /** Replays one playback up to where it was; false when there is nothing to pick up. */
  private catchUp(p: Playback, ps: Omit<PlaybackSnapshot, 'cueList' | 'level'>): boolean {
    const cue = ps.current && this.cuesById.get(ps.current.cueId);
    if (ps.status === 'stopped' || !ps.current || !cue || !p.list.cues.some((c) => c.id === cue.id)) return false;
    const goPos = Math.min(ps.current.goPositionMs, ps.positionMs);
    p.clock.startNextAt(goPos);
    p.engine.goto(cue.id);
    // Catch up: show time jumps to where it is now and the engine does everything due since.
    p.clock.seek(Math.max(ps.positionMs, goPos));
    p.engine.pause();
    p.engine.resume();
    return true;
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
