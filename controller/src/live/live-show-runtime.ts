/**
 * The server's live show: one stored show at a time playing through a
 * ShowSession on its transmitters, operator commands carried out on it, and
 * the streams every console watches (state, transmitter health, airtime,
 * scheduler lateness, on-air packets, warnings).
 *
 * It survives restarts: after every change `<data>/runtime.json` says which
 * show is live and where it is (anchored to the wall clock); `init()` loads it
 * again and a show that was running carries on where it would be by now.
 */
import type {
  AirtimeReport,
  CommandAck,
  CommandPayload,
  LiveInputsStatus,
  LatenessReport,
  LiveState,
  OnAirPacketInfo,
  Show,
  ShowError,
  StandbyStatus,
  TransmitterConfig,
  TransmitterHealthInfo,
} from '@crowdcue/protocol';
import { draftRefusal, toHex } from '@crowdcue/protocol';
import { auditTime, interval, Subject, Subscription, type Observable } from 'rxjs';
import type { PublicAccount } from '../accounts/account-store';
import { DeadlineScheduler } from '../engine/deadline-scheduler';
import { causeOf, RepeatedWarnings } from '../logging/repeated-warnings';
import type { CommandResult } from '../engine/engine-types';
import { ShowConflictError, ShowNotFoundError, ShowValidationError, type ShowStore } from '../storage/show-store';
import type { StoredShow } from '@crowdcue/protocol';
import type { TransmitterHealth } from '../transmitter/types';
import type { LiveCommandName, LiveRuntime, LiveWarning } from './live-runtime';
import { BrandRunner, type BrandPlayback } from './brand-runner';
import { BrandSlotsFeed } from './brand-slots-feed';
import { OnAirRecord } from './on-air-record';
import { idleState, liveStateOf } from './live-state';
import { ParadePreview } from './parade-preview';
import { runtimeRecord, snapshotAt, writeRuntimeFile, type RuntimeFile } from './runtime-file';
import { DurableRuntime, type DurableWrite } from './durable-runtime';
import { DEFAULT_TRANSMITTERS, ShowSession, ShowSessionError, showProblems, type OpenSessionTransmitter, type SessionSnapshot, type SessionWarning } from './show-session';
import { checkConfigs, configsFromUrls, type ConfigProblem } from './transmitter-configs';
import { StandingWarnings } from './standing-warnings';
import { LiveTimecode } from '../inputs/timecode/live-timecode';
import { LiveDesk } from '../inputs/desk/live-desk';
import type { DeskInput as DeskInputConfig } from '@crowdcue/protocol';
import { sessionHandlers } from './session-commands';

/**
 * Commands whose ack does not wait for the journal: load saves its own record,
 * editCue writes the stored show, previews belong to one console and are not show state.
 */
const NOT_WRITTEN_AHEAD: ReadonlySet<string> = new Set(['load', 'editCue', 'preview', 'stopPreview']);

export type LogFn = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface LiveShowRuntimeOptions {
  shows: ShowStore;
  /** Where runtime.json lives; undefined = nothing is remembered across restarts. */
  dataDir?: string;
  /** `--transmitter URL ...`: wins over every show's own list while this process runs. */
  transmitterUrls?: readonly string[];
  scheduler?: DeadlineScheduler;
  /** Build the simulator's crowd behind virtual transmitters (default true). */
  crowd?: boolean;
  /** Tests: open transmitters some other way. */
  open?: OpenSessionTransmitter;
  log?: LogFn;
  /** Approved brand sequences play in the live show and get their proof of play (the BrandService). */
  brands?: BrandPlayback;
  /** `--timecode SOURCE`: the timecode source every live show chases, over its own. */
  timecode?: string;
  /**
   * The load-time check (parades, flash limit) of a show about to go live; the
   * server hands in one that checks large shows in a worker task
   * (server/show-check-task.ts). Default: inline.
   */
  check?: (show: Show) => Promise<ShowError[]>;
  /** How often airtime and lateness reports go out, ms (default 1000). */
  reportEveryMs?: number;
  /** A running show's state is re-sent this often so consoles keep their clock (default 1000). */
  heartbeatMs?: number;
  /** `--desk`: the lighting-desk input of every show while this process runs (wins over the show's own). */
  desk?: DeskInputConfig;
  /** The show's inputs (OSC, ...) as the live state carries them (inputs/). */
  inputsStatus?: () => LiveInputsStatus | undefined;
  /**
   * A warm hot-standby backup (standby/): nothing is restored or driven and
   * every command is refused until `takeOver()`; `prepare()` keeps the
   * followed show read and checked meanwhile.
   */
  warmBackup?: boolean;
}

/** Where the last load's time went, ms (a takeover's figures). */
export interface LoadSteps {
  read: number;
  check: number;
  build: number;
  open: number;
  restore: number;
  total: number;
}

/** Which transmitters the live show plays on, and why those. */
export interface LiveTransmitters {
  show: string | null;
  source: 'command line' | 'show' | 'default';
  transmitters: Array<TransmitterConfig & { health: TransmitterHealthInfo | null }>;
}

export class RuntimeError extends Error {
  constructor(
    message: string,
    readonly statusCode = 400,
    readonly fields?: ConfigProblem[] | ShowError[],
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** Who sent a command, for the commands that answer one console (preview). */
export interface CommandContext {
  socketId: string;
  toSocket: (packets: OnAirPacketInfo[]) => void;
}

type CommandHandler<K extends LiveCommandName> = (payload: CommandPayload<K>, by: PublicAccount, ctx: CommandContext) => CommandAck | Promise<CommandAck>;
type CommandHandlers = { [K in LiveCommandName]: CommandHandler<K> };

/** Scheduler lateness is reported over the deadlines of about this long. */
const LATENESS_WINDOW_MS = 10_000;

/** What a warm backup answers to any command: the show is driven by the active controller. */
export const BACKUP_REFUSAL = 'this controller is the backup of a hot-standby pair: send commands to the active controller';

const ok = (): CommandAck => ({ ok: true });
const fail = (error: string, errors?: ShowError[]): CommandAck => ({ ok: false, error, ...(errors && errors.length > 0 ? { errors } : {}) });
const fromResult = (r: CommandResult): CommandAck => (r.ok ? ok() : fail(r.error));

export class LiveShowRuntime implements LiveRuntime {
  readonly scheduler: DeadlineScheduler;
  private readonly opts: LiveShowRuntimeOptions;
  private readonly log: LogFn;
  private overrideConfigs: TransmitterConfig[] | null;

  private readonly stateSubject = new Subject<LiveState>();
  private readonly healthSubject = new Subject<TransmitterHealthInfo[]>();
  private readonly airtimeSubject = new Subject<AirtimeReport>();
  private readonly latenessSubject = new Subject<LatenessReport>();
  private readonly packetSubject = new Subject<OnAirPacketInfo>();
  private readonly warningSubject = new Subject<LiveWarning>();
  private brandSlots: BrandSlotsFeed | null = null;
  private readonly showChangedSubject = new Subject<{ show: string; revision: number; by?: string }>();

  readonly state$: Observable<LiveState> = this.stateSubject.asObservable();
  readonly health$: Observable<TransmitterHealthInfo[]> = this.healthSubject.asObservable();
  readonly airtime$: Observable<AirtimeReport> = this.airtimeSubject.asObservable();
  readonly lateness$: Observable<LatenessReport> = this.latenessSubject.asObservable();
  readonly packets$: Observable<OnAirPacketInfo> = this.packetSubject.asObservable();
  readonly warnings$: Observable<LiveWarning> = this.warningSubject.asObservable();
  /** A stored show was saved through a live command (editCue); the server tells every console. */
  readonly showChanged$ = this.showChangedSubject.asObservable();

  private session: ShowSession | null = null;
  private brandRunner: BrandRunner | null = null;
  private stored: StoredShow | null = null;
  private sessionSubs = new Subscription();
  /** What a console subscribing mid-show is sent first. */
  private onAirRecord: OnAirRecord | null = null;
  private readonly subs = new Subscription();
  private readonly previews = new Map<string, ParadePreview>();
  private lates: Array<{ cue: string; byMs: number; atWall: number }> = [];
  private lastState: LiveState = idleState();
  private statePending = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** Loads, transmitter changes and shutdown happen one at a time. */
  private lifecycle: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly standing = new StandingWarnings();
  private timecode: LiveTimecode | undefined;
  /** runtime.json, the command journal and the band state; set by init() when there is a data directory. */
  private durable: DurableRuntime | null = null;
  /** The live show's lighting-desk input (sACN / Art-Net). */
  private readonly desk: LiveDesk;
  /** A warm backup, until takeOver(). */
  private holding: boolean;
  /** The show a warm backup made ready (read, checked, parades compiled): a takeover skips the check. */
  private ready: { id: string; revision: number } | null = null;
  /** Where the last load's time went. */
  lastLoad: LoadSteps | null = null;

  constructor(opts: LiveShowRuntimeOptions) {
    this.opts = opts;
    this.log = opts.log ?? (() => undefined);
    this.holding = opts.warmBackup ?? false;
    this.scheduler = opts.scheduler ?? new DeadlineScheduler();
    this.desk = new LiveDesk({ override: opts.desk, warn: (message) => this.warningSubject.next({ message, code: 'desk' }), log: this.log });
    if (opts.transmitterUrls && opts.transmitterUrls.length > 0) {
      const r = configsFromUrls(opts.transmitterUrls);
      if (!r.ok) throw new RuntimeError(`--transmitter: ${r.problems.map((p) => p.message).join('; ')}`, 400, r.problems);
      this.overrideConfigs = r.configs;
    } else this.overrideConfigs = null;

    const every = opts.reportEveryMs ?? 1000;
    this.subs.add(interval(every).subscribe(() => this.report(every)));
    this.subs.add(interval(opts.heartbeatMs ?? 1000).subscribe(() => (this.session || this.holding) && this.emitState()));
  }

  // ---- life -------------------------------------------------------------------

  /**
   * Picks up what runtime.json says: the live show, at the position it has
   * reached by now. Answers what happened, for the start-up log.
   */
  async init(): Promise<{ restored: boolean; message: string }> {
    if (this.holding) return { restored: false, message: 'backup: the live show follows the active controller' };
    if (!this.opts.dataDir) return { restored: false, message: 'no data directory: nothing to restore' };
    const opened = await DurableRuntime.open(this.opts.dataDir);
    this.durable = opened.durable;
    for (const note of opened.notes) {
      this.log('warn', note);
      this.notify(note, 'storage');
    }
    const record = opened.record;
    if (!record || !record.show) return { restored: false, message: opened.notes.find((n) => n.startsWith('runtime state not restored')) ?? 'no live show to restore' };
    const snap = snapshotAt(record);
    try {
      await this.load(record.show, { restore: () => snapshotAt(record), save: false });
    } catch (err) {
      const message = `live show '${record.show}' not restored: ${err instanceof Error ? err.message : String(err)}`;
      this.log('warn', message);
      return { restored: false, message };
    }
    const where = snap.status === 'stopped' ? 'stopped' : `${snap.status} at ${(snap.positionMs / 1000).toFixed(1)} s${snap.current ? `, ${this.session?.cueName(snap.current.cueId)}` : ''}`;
    return { restored: true, message: `live show '${record.show}' restored (${where})` };
  }

  /** A warm backup: following, driving nothing. */
  get isBackup(): boolean {
    return this.holding;
  }

  /**
   * A warm backup keeps the followed show ready: read from the store, checked
   * (schema, parades, flash limit) and its parades compiled, so a takeover
   * only opens the transmitters. Answers whether it was new work; a show that
   * cannot play is a RuntimeError (the active controller plays it, so this is
   * rare: a revision that failed to arrive whole).
   */
  async prepare(showId: string | null): Promise<boolean> {
    if (!this.holding || showId === null) return false;
    const stored = await this.opts.shows.get(showId);
    if (this.ready?.id === showId && this.ready.revision === stored.revision) return false;
    if (stored.draft) throw new RuntimeError(draftRefusal(showId, stored.draft.problems), 400, stored.draft.problems);
    const problems = this.opts.check ? await this.opts.check(stored.show) : showProblems(stored.show);
    if (problems.length > 0) throw new RuntimeError(`show '${showId}' cannot play: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, 400, problems);
    this.ready = { id: showId, revision: stored.revision };
    this.log('info', `backup: show '${showId}' (revision ${stored.revision}) loaded and checked, ready to go on air`);
    this.stateSoon();
    return true;
  }

  /** The show a warm backup holds ready, if any. */
  get readyShow(): string | null {
    return this.ready?.id ?? null;
  }

  /**
   * A warm backup takes over: from here on it is the active controller. It
   * picks up the live state takeover.ts wrote (the followed record, the seq
   * mark, the band-clock epoch) by the ordinary restart path, which opens the
   * transmitters and restores the show where it is by now.
   */
  async takeOver(): Promise<{ restored: boolean; message: string }> {
    if (!this.holding) throw new RuntimeError('this controller is already active', 409);
    this.holding = false;
    return this.init();
  }

  /** Hot standby (standby/): the live state as a record now, and every record written after it. */
  standbyFeed(): { now: RuntimeFile; written$: Observable<DurableWrite> } | null {
    const d = this.durable;
    return d ? { now: d.recordNow(this.session?.show.id ?? null, this.session?.snapshot() ?? null), written$: d.written$ } : null;
  }

  /** Whether a show is live. */
  get liveShowId(): string | null {
    return this.session?.show.id ?? null;
  }

  /** Brand sequences under way or waiting for their time in the live show. */
  get brandSequencesRunning(): readonly string[] {
    return this.brandRunner?.running ?? [];
  }

  /** The live session (tests, the CLI). */
  get current(): ShowSession | null {
    return this.session;
  }

  /**
   * Makes a stored show the live one: checks it (schema, parades, flash limit),
   * opens its transmitters, and only then stops what was playing. `restore`
   * picks it up at a saved position instead of stopped.
   */
  load(showId: string, opts: { restore?: SessionSnapshot | (() => SessionSnapshot); save?: boolean; transmitters?: readonly TransmitterConfig[] } = {}): Promise<void> {
    return this.serial(async () => {
      if (this.closed) throw new RuntimeError('the controller is shutting down', 503);
      if (this.holding) throw new RuntimeError(BACKUP_REFUSAL, 409);
      const t0 = performance.now();
      const stored = await this.opts.shows.get(showId);
      const show: Show = stored.show;
      const tRead = performance.now();
      if (stored.draft) throw new RuntimeError(draftRefusal(showId, stored.draft.problems), 400, stored.draft.problems);
      // A warm backup checked this very revision while following.
      const checked = this.ready?.id === showId && this.ready.revision === stored.revision;
      const problems = checked ? [] : this.opts.check ? await this.opts.check(show) : showProblems(show);
      const tCheck = performance.now();
      if (problems.length > 0) throw new RuntimeError(`show '${showId}' cannot play: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, 400, problems);
      const session = new ShowSession({
        show,
        transmitters: opts.transmitters ?? this.overrideConfigs ?? undefined,
        scheduler: this.scheduler,
        crowd: this.opts.crowd,
        open: this.opts.open,
        log: (level, message) => this.log(level, `[${show.id}] ${message}`),
        // Seq and band clock carry on across shows and restarts (durable-runtime).
        ...(this.durable ? { planner: this.durable.plannerOptions(this.scheduler.now()) } : {}),
      });
      const previous = this.session;
      this.sessionSubs.unsubscribe();
      this.onAirRecord = null;
      this.session = null;
      await this.brandRunner?.close();
      this.brandRunner = null;
      await this.timecode?.detach();
      if (previous) await previous.stop();
      const tBuild = performance.now();
      await session.start();
      const tOpen = performance.now();
      // Read where the show is only now: opening the transmitters took time, and a running show moved on meanwhile.
      if (opts.restore) session.restore(typeof opts.restore === 'function' ? opts.restore() : opts.restore);
      const tRestore = performance.now();
      this.lastLoad = { read: tRead - t0, check: tCheck - tRead, build: tBuild - tCheck, open: tOpen - tBuild, restore: tRestore - tOpen, total: tRestore - t0 };
      this.session = session;
      this.stored = stored;
      this.attach(session);
      this.timecode ??= new LiveTimecode(this.opts.timecode, (level, message) => this.log(level, message));
      await this.timecode.attach(session, () => this.stateSoon());
      await this.desk.attach(session);
      if (this.opts.brands) {
        this.brandRunner = new BrandRunner({
          session,
          brands: this.opts.brands,
          log: (level, message) => this.log(level, `[${show.id}] ${message}`),
          notify: (message) => this.warningSubject.next({ message, code: 'brand' }),
        });
        this.brandRunner.start();
        this.refreshBrandSlots(session);
      }
      this.log('info', `live show: '${show.id}' (revision ${stored.revision}) on ${session.transmitterConfigs.map((c) => c.url).join(', ')}`);
      this.emitState();
      if (opts.save !== false) this.saveSoon(0);
    });
  }

  private attach(session: ShowSession): void {
    const subs = new Subscription();
    subs.add(session.changed$.subscribe(() => this.stateSoon()));
    subs.add(session.changed$.pipe(auditTime(250)).subscribe(() => this.saveSoon()));
    // A storm of one warning (a late cue every frame) reaches the consoles as its first line, then a count a second.
    let first: SessionWarning | undefined;
    const repeats = new RepeatedWarnings(
      (_level, message, cause) =>
        this.warningSubject.next(first?.message === message ? { message, code: first.code, atMs: first.positionMs, ...(first.detail !== undefined ? { detail: first.detail } : {}) } : { message, code: cause.slice(0, cause.indexOf(':')), atMs: session.clock.position() }),
      { scheduler: session.scheduler },
    );
    subs.add(
      session.warnings$.subscribe((w) => {
        first = w;
        repeats.note('warn', w.message, `${w.code}: ${causeOf(w.message)}`);
        first = undefined;
      }),
    );
    subs.add(() => repeats.close());
    subs.add(session.planner.late$.subscribe((l) => this.lates.push({ cue: l.cue, byMs: l.lateByMs, atWall: Date.now() })));
    subs.add(session.transmitters.health$.pipe(auditTime(500)).subscribe((h) => this.healthSubject.next(h.map(healthInfo))));
    const record = new OnAirRecord(session.show.venue.zones.map((z) => z.id));
    subs.add(
      session.onAir$.subscribe((p) => {
        const info: OnAirPacketInfo = {
          rf: toHex(p.rf),
          startMs: session.positionAt(p.startMs),
          endMs: session.positionAt(p.endMs),
          transmitterId: p.transmitterId,
          ...(p.format ? { format: p.format } : {}),
        };
        record.add(info);
        this.packetSubject.next(info);
      }),
    );
    this.sessionSubs = subs;
    this.onAirRecord = record;
  }

  /** Saves where the show is and stops everything (SIGINT/SIGTERM). */
  close(): Promise<void> {
    return this.serial(async () => {
      if (this.closed) return;
      clearTimeout(this.saveTimer);
      await this.saveNow();
      this.closed = true;
      this.subs.unsubscribe();
      for (const p of this.previews.values()) p.stop();
      this.previews.clear();
      this.sessionSubs.unsubscribe();
      await this.brandRunner?.close();
      this.brandRunner = null;
      await this.timecode?.detach();
      await this.desk.close();
      const s = this.session;
      this.session = null;
      if (s) await s.stop();
      await this.saving;
      await this.durable?.close();
      for (const subject of [this.stateSubject, this.healthSubject, this.airtimeSubject, this.latenessSubject, this.packetSubject, this.warningSubject, this.showChangedSubject]) {
        (subject as Subject<unknown>).complete();
      }
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lifecycle.then(work, work);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  // ---- persistence ------------------------------------------------------------

  private saveSoon(delayMs = 50): void {
    if (!this.opts.dataDir || this.closed) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveNow(), delayMs);
  }

  private saveNow(): Promise<void> {
    const dir = this.opts.dataDir;
    if (!dir || this.closed) return this.saving;
    const durable = this.durable;
    const record = durable ? null : runtimeRecord(this.session?.show.id ?? null, this.session?.snapshot() ?? null);
    this.saving = this.saving
      .then(() => (durable ? durable.checkpoint(this.session?.show.id ?? null, this.session?.snapshot() ?? null) : writeRuntimeFile(dir, record!)))
      .catch((err: unknown) => this.log('error', `could not save the runtime state: ${err instanceof Error ? err.message : String(err)}`));
    return this.saving;
  }

  // ---- streams ------------------------------------------------------------------

  /**
   * A warning about the controller itself (a damaged file recovered from its
   * backup): told to every console now and to each console that joins later.
   */
  notify(message: string, code: string): void {
    this.standing.add({ message, code });
    this.warningSubject.next({ message, code });
  }

  /** Standing warnings, for a console that just joined. */
  standingWarnings(): LiveWarning[] {
    return this.standing.list();
  }

  snapshot(): LiveState {
    if (this.session) this.lastState = this.stateNow();
    return this.lastState;
  }

  /** The live state as it is now: the session's (with brand slots and inputs) or idle, and the pair's status. */
  private stateNow(): LiveState {
    return this.withStandby(this.session ? this.withInputs(this.withBrandSlots(this.session)) : idleState());
  }

  /** Hot standby: the pair's status goes out in every live state (standby/standby-server.ts). */
  private standbyStatus: (() => StandbyStatus) | undefined;
  setStandbyStatus(status: () => StandbyStatus): void {
    this.standbyStatus = status;
  }
  /** The show-control inputs' status (timecode, desk, OSC) added to a live state. */
  private withInputs(state: LiveState): LiveState {
    const withOwn = this.desk.withInputs(this.timecode ? this.timecode.withInputs(state) : state);
    const others = this.opts.inputsStatus?.();
    return others ? { ...withOwn, inputs: { ...withOwn.inputs, ...others } } : withOwn;
  }
  private withStandby(state: LiveState): LiveState {
    return this.standbyStatus ? { ...state, standby: this.standbyStatus() } : state;
  }
  /** The session's live state with the upcoming brand slots on it. */
  private withBrandSlots(session: ShowSession): LiveState {
    return this.brandSlots ? this.brandSlots.withSlots(session, liveStateOf(session)) : liveStateOf(session);
  }

  /** Upcoming brand slots on the live state: re-read on load and on every save of the live show. */
  private refreshBrandSlots(session: ShowSession): void {
    this.brandSlots ??= this.opts.brands ? new BrandSlotsFeed((id) => this.opts.brands!.approvedSequences(id)) : null;
    this.brandSlots?.refresh(session).then(
      (changed) => changed && this.session === session && this.stateSoon(),
      (err: unknown) => this.log('warn', `upcoming brand slots: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  /** Several changes in one turn (a GO touches cue, zones and phase) make one state message. */
  private stateSoon(): void {
    if (this.statePending) return;
    this.statePending = true;
    queueMicrotask(() => {
      this.statePending = false;
      this.emitState();
    });
  }

  private emitState(): void {
    if (this.closed) return;
    this.lastState = this.stateNow();
    this.stateSubject.next(this.lastState);
  }

  /** Lateness figures cover the deadlines since this (a recent window, not the whole run). */
  private latenessSince = performance.now();

  /** Starts a fresh lateness window (the server calls it once start-up work is done). */
  resetLateness(): void {
    this.scheduler.resetLatency();
    this.latenessSince = performance.now();
  }

  private report(windowMs: number): void {
    const session = this.session;
    const l = this.scheduler.latency();
    this.latenessSubject.next({ samples: l.count, p50Ms: l.p50Ms, p99Ms: l.p99Ms, maxMs: l.maxMs, early: l.early });
    if (performance.now() - this.latenessSince >= LATENESS_WINDOW_MS) this.resetLateness();
    if (!session) return;
    const now = Date.now();
    this.lates = this.lates.filter((x) => now - x.atWall < 10_000);
    this.airtimeSubject.next({
      windowMs,
      transmitters: session.transmitterHealth().map((h) => {
        const pct = session.planner.airtimePct(h.id, windowMs);
        return { id: h.id, busyMs: (pct * windowMs) / 100, pct, queued: h.queueDepth };
      }),
      late: this.lates.map((x) => ({ cue: x.cue, byMs: x.byMs })),
    });
  }

  /**
   * For a console subscribing to packets mid-show: the last SYNC, the last
   * MASTER and the packets that set each zone's current look (a running
   * parade's EFFECT among them), with their real times in show ms.
   */
  catchUp(): OnAirPacketInfo[] {
    return this.session && this.onAirRecord ? this.onAirRecord.packets() : [];
  }

  // ---- transmitters ---------------------------------------------------------------

  transmitters(): LiveTransmitters {
    const s = this.session;
    if (!s) return { show: null, source: this.overrideConfigs ? 'command line' : 'default', transmitters: [] };
    const health = s.transmitterHealth();
    return {
      show: s.show.id,
      source: this.overrideConfigs ? 'command line' : s.show.transmitters.length > 0 ? 'show' : 'default',
      transmitters: s.transmitterConfigs.map((c) => {
        const h = health.find((x) => x.id === c.id) ?? health.find((x) => x.url === c.url);
        return { ...c, health: h ? healthInfo(h) : null };
      }),
    };
  }

  /**
   * Sets the live show's transmitter list: saved in the show (a new revision)
   * and reconnected now; the show carries on where it is. Answers the new list.
   */
  async configureTransmitters(configs: TransmitterConfig[], by: string): Promise<LiveTransmitters> {
    if (this.holding) throw new RuntimeError(BACKUP_REFUSAL, 409);
    const problems = checkConfigs(configs);
    if (problems.length > 0) throw new RuntimeError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), 400, problems);
    const s = this.session;
    if (!s || !this.stored) throw new RuntimeError('no show is live; load one first', 409);
    const stored = await this.opts.shows.save({ ...this.stored.show, transmitters: configs }, by, { expectedRevision: this.stored.revision });
    this.showChangedSubject.next({ show: stored.id, revision: stored.revision, by });
    // The command line's list only held until someone chose another.
    this.overrideConfigs = null;
    await this.load(stored.id, { restore: this.session?.snapshot(), transmitters: configs });
    this.warningSubject.next({ message: `transmitters set by ${by}: ${configs.map((c) => c.url).join(', ')}`, code: 'transmitter' });
    return this.transmitters();
  }

  /** A stored show was saved or deleted (REST): a stopped live show takes the new version at once. */
  showChanged(id: string, revision: number | null, by: string): void {
    const s = this.session;
    if (s && s.show.id === id && revision !== null) this.refreshBrandSlots(s);
    if (!s || s.show.id !== id || (revision !== null && this.stored && revision <= this.stored.revision)) return;
    if (revision === null) {
      this.warningSubject.next({ message: `the live show '${id}' was deleted by ${by}; it keeps playing until another is loaded`, code: 'show' });
      return;
    }
    if (s.status() === 'stopped') {
      void this.load(id).catch((err: unknown) =>
        this.warningSubject.next({ message: `the new revision of '${id}' cannot play: ${err instanceof Error ? err.message : String(err)}`, code: 'show' }),
      );
    } else {
      this.warningSubject.next({ message: `the live show '${id}' was saved by ${by} (revision ${revision}); load it again to play the changes`, code: 'show' });
    }
  }

  // ---- commands -----------------------------------------------------------------

  async command<K extends LiveCommandName>(
    name: K,
    payload: CommandPayload<K>,
    by: PublicAccount,
    ctx: CommandContext,
  ): Promise<CommandAck> {
    if (this.closed) return fail('the controller is shutting down');
    if (this.holding) return fail(BACKUP_REFUSAL);
    if (name !== 'preview' && name !== 'stopPreview') this.log('info', `${name} ${JSON.stringify(payload)} by ${by.username}`);
    const handler = this.handlers[name] as CommandHandler<K> | undefined;
    if (!handler) return fail(`unknown command '${String(name)}'`);
    const ack = await handler(payload, by, ctx);
    return NOT_WRITTEN_AHEAD.has(name) ? ack : this.durableAck(name, ack);
  }

  /** Write-ahead: a command's `{ ok: true }` goes out only once its state is on disk. */
  private async durableAck(name: string, ack: CommandAck): Promise<CommandAck> {
    if (!ack.ok || !this.durable || !this.session) return ack;
    try {
      await this.durable.recordCommand(name, this.session.show.id, this.session.snapshot());
      return ack;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.log('error', `${name} could not be saved: ${why}`);
      return fail(`${name} is on air but could not be saved, so a restart would lose it (${why})`);
    }
  }

  /** One handler per command, typed by its payload: no cast per command. */
  private readonly handlers: CommandHandlers = {
    load: (p) => this.loadCommand(p.show),
    editCue: (p, by) => this.editCue(p, by),
    preview: (p, _by, ctx) => this.preview(p, ctx),
    stopPreview: (_p, _by, ctx) => {
      this.release(ctx.socketId);
      return ok();
    },
    // go, back, goto, pause, resume, stop, level, stopParade, blackout, master, busk, release
    ...sessionHandlers((act) => this.onSession(act)),
  };

  private onSession(act: (s: ShowSession) => CommandResult): CommandAck {
    const s = this.session;
    if (!s) return fail('no show is live; load one first');
    return fromResult(act(s));
  }

  private async loadCommand(showId: string): Promise<CommandAck> {
    try {
      await this.load(showId);
      return await this.durableAck('load', ok());
    } catch (err) {
      return failFrom(err);
    }
  }

  private async editCue(p: CommandPayload<'editCue'>, by: PublicAccount): Promise<CommandAck> {
    let stored: StoredShow;
    try {
      stored = await this.opts.shows.get(p.show);
    } catch (err) {
      return failFrom(err);
    }
    if (stored.revision !== p.revision) {
      return { ok: false, conflict: true, error: `show '${p.show}' is at revision ${stored.revision} (saved by ${stored.savedBy}); your edit is based on revision ${p.revision}` };
    }
    const listIndex = stored.show.cueLists.findIndex((l) => l.id === p.cueList);
    if (listIndex < 0) return { ok: false, error: `show '${p.show}' has no cue list '${p.cueList}'`, errors: [{ path: 'cueList', message: `no cue list '${p.cueList}'` }] };
    const list = stored.show.cueLists[listIndex];
    const cues = list.cues.filter((c) => c.id !== p.cue.id);
    const at = list.cues.findIndex((c) => c.id === p.cue.id);
    if (at >= 0) cues.splice(at, 0, p.cue);
    else {
      // A new cue goes where its number puts it.
      const before = cues.findIndex((c) => c.number > p.cue.number);
      cues.splice(before < 0 ? cues.length : before, 0, p.cue);
    }
    const show = { ...stored.show, cueLists: stored.show.cueLists.map((l, i) => (i === listIndex ? { ...l, cues } : l)) };
    try {
      const saved = await this.opts.shows.save(show, by.username, { expectedRevision: p.revision });
      this.showChangedSubject.next({ show: saved.id, revision: saved.revision, by: by.username });
      this.showChanged(saved.id, saved.revision, by.username);
      return { ok: true, revision: saved.revision };
    } catch (err) {
      return failFrom(err);
    }
  }

  private async preview(p: CommandPayload<'preview'>, ctx: CommandContext): Promise<CommandAck> {
    let show: Show;
    try {
      show = (await this.opts.shows.get(p.show)).show;
    } catch (err) {
      return failFrom(err);
    }
    this.release(ctx.socketId);
    const made = ParadePreview.create({
      show,
      paradeId: p.parade,
      fromMs: p.fromMs,
      scheduler: this.scheduler,
      send: ctx.toSocket,
      onEnd: () => {
        if (this.previews.get(ctx.socketId) === preview) this.previews.delete(ctx.socketId);
      },
    });
    if (!made.ok) return fail(made.error, made.errors);
    const preview = made.preview;
    this.previews.set(ctx.socketId, preview);
    preview.start();
    return ok();
  }

  /** A console left (or asked to stop): its preview ends. */
  release(socketId: string): void {
    const p = this.previews.get(socketId);
    if (!p) return;
    this.previews.delete(socketId);
    p.stop();
  }
}

function healthInfo(h: TransmitterHealth): TransmitterHealthInfo {
  return { ...h, nacks: { ...h.nacks } } as TransmitterHealthInfo;
}

function failFrom(err: unknown): CommandAck {
  if (err instanceof ShowConflictError) return { ok: false, conflict: true, error: err.message };
  if (err instanceof ShowValidationError) return fail(err.message, err.errors);
  if (err instanceof RuntimeError) return fail(err.message, (err.fields as ShowError[] | undefined) ?? undefined);
  if (err instanceof ShowSessionError) return fail(err.message, err.errors);
  if (err instanceof ShowNotFoundError) return fail(err.message);
  return fail(err instanceof Error ? err.message : String(err));
}

export { DEFAULT_TRANSMITTERS };
