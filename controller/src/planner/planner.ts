/**
 * The planner: looks, parades, master and blackout in; CCB packets out, each
 * booked on its transmitters' channels at an exact time.
 *
 * - Zones that share a command share one packet (ZONES mask, ALL for every zone).
 * - A colour is timed to land (end of its first transmission) at its time;
 *   an effect that starts later goes on air up to `effectLeadMs` ahead, so
 *   every band starts it on the same band millisecond.
 * - A band keeps one waiting layer, so work on the same zones goes on air in
 *   the order it is meant to land, and never before a waiting effect started.
 * - Order on a busy channel: blackout, master, cue/busk/parade, sync, refresh.
 * - A busk wins over parades (and cues) until released: a parade's packets
 *   leave busked zones out (a seat-range step is followed by the busk again),
 *   and on release a parade still playing there comes back in step.
 * - SYNC about once a second, its clock the band time at the END of its
 *   transmission; each zone's look is refreshed every few seconds at low
 *   priority within an airtime budget, so bands that wake or walk in catch up.
 * - Blackout is MASTER 0 at PRIORITY after a FLUSH of obsolete work (queued
 *   refresh, master and sync packets); queued cue and parade packets stay, so
 *   the show carries on in the dark and comes back in step.
 * - A cue that cannot be on air by its time is reported on `late$` with how late.
 *
 * Its parts: the work queue (`work-queue.ts`), SYNC/refresh timing
 * (`beacons.ts`), hand-over to transmitters (`handovers.ts`), airtime booking
 * (`airtime-ledger.ts`), late reports (`late-reports.ts`); which layer wins a
 * zone is the zone mixer's answer (`zone-precedence.ts`).
 */
import { Subject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { type CcbCommand, type CcbPacket, type CcbTarget, ccbLength, encodeCcb } from '@crowdcue/protocol';
import type { PacketPurpose, PlannedPacket, Transmitter, TransmitterCapabilities } from '../transmitter/types';
import type { CompiledParade } from '@crowdcue/protocol';
import { AirtimeLedger, type PurposeUse } from './airtime-ledger';
import { BandClock } from './band-clock';
import { Beacons } from './beacons';
import { Handovers } from './handovers';
import { LateReports, type LateCue } from './late-reports';
import { type PlanLook, planLookCommand, planLookFromStep } from './plan-look';
import { reaches } from './routing';
import { SeqCounter, type SeqSource } from './seq-counter';
import { RANK, takeReady, type Work as QueuedWork } from './work-queue';
import { packLooks, type PackedLooks, type ZoneColorsPack } from './zone-colors-packing';
import { groupZones } from './zone-groups';
import type { ZonePrecedence } from './zone-precedence';

export type { LateCue, ZonePrecedence };

export interface PlannerOptions {
  scheduler: SchedulerLike;
  /** The show's CCB site byte. */
  site: number;
  /** Zone ids of the venue. */
  venueZones: readonly number[];
  transmitters: readonly Transmitter[];
  syncIntervalMs?: number;
  refreshIntervalMs?: number;
  /** How long before its start work is planned (booked on air, seq given). */
  commitAheadMs?: number;
  /** How long before its start a packet is handed to its transmitter (keeps device queues short). */
  handoverAheadMs?: number;
  /**
   * Earliest start for a packet that is due now: the time a timed SEND needs to
   * reach the device (the CCL driver hands packets over 50 ms ahead by default).
   */
  asapMarginMs?: number;
  /** How long before its start an effect goes on air. */
  effectLeadMs?: number;
  /** At most one MASTER packet this often (a moving fader is coalesced). */
  masterMinIntervalMs?: number;
  /** Extra transmissions per packet, by purpose. */
  repeats?: Partial<Record<PacketPurpose, number>>;
  gapMs?: number;
  /** Refresh only goes to a transmitter busy less than this share (%) of the last second. */
  refreshBudgetPct?: number;
  /**
   * A cue whose last packet lands more than this after its time (ms) is
   * reported on late$. A cue due at once counts from the soonest one packet
   * could land, so only the time its other packets add shows as lateness.
   */
  lateToleranceMs?: number;
  /** Radio figures used until a transmitter has told its own. */
  assumedRadio?: TransmitterCapabilities;
  /** Controller ms that band time 0 stands for; default: now. */
  epochMs?: number;
  /**
   * Which contribution each zone shows (the zone mixer's answer). A parade or
   * brand layer goes on air only where it wins. Without one, a busk look wins
   * over layers and the latest-started layer over cue looks.
   */
  precedence?: ZonePrecedence;
  /** Where CCB seqs come from; default a new counter from 1 (a restart keeps its own: see live/band-continuity). */
  seq?: SeqSource;
  /**
   * Whether many zones' colours may go out as one ZONE_COLORS packet (spec 2.5)
   * when that costs less air. Default true; false for bands whose firmware
   * predates the command (they would ignore it).
   */
  zoneColors?: boolean;
}

export const ASSUMED_RADIO: TransmitterCapabilities = {
  name: 'assumed',
  rfMax: 48,
  queueCap: 32,
  bitrate: 38_400,
  overhead: 10,
  timedSend: true,
};

export const DEFAULT_REPEATS: Readonly<Record<PacketPurpose, number>> = {
  blackout: 2,
  master: 1,
  cue: 1,
  busk: 1,
  parade: 1,
  sync: 0,
  refresh: 0,
  image: 1,
  wake: 0,
};

/** What a blackout's FLUSH drops: a queued master or refresh would undo the blackout; a late SYNC is wrong. */
const OBSOLETE_AT_BLACKOUT: ReadonlySet<PacketPurpose> = new Set(['master', 'refresh', 'sync', 'blackout']);
const obsoleteAtBlackout = (p: PlannedPacket): boolean => OBSOLETE_AT_BLACKOUT.has(p.purpose);

/** Bytes of the longest look packet: an EFFECT to a ZONES mask (4 + 8 + 16). */
const LONGEST_LOOK_PACKET = 28;

/** A packet as the planner handed it to one transmitter. */
export interface PlannedSend {
  transmitterId: string;
  packet: PlannedPacket;
  ccb: CcbPacket;
  /** Planned start of the first transmission (controller ms). */
  startMs: number;
  /** Planned end of the first transmission, when bands act on it. */
  landMs: number;
}

export interface ZoneLook {
  zone: number;
  look: PlanLook;
}

export interface TransmitterUse {
  id: string;
  /** SENDs handed over. */
  packets: number;
  /** RF transmissions, repeats included. */
  transmissions: number;
  airMs: number;
  byPurpose: Partial<Record<PacketPurpose, PurposeUse>>;
}

export interface PlannerStats {
  /** Logical packets (one seq each). */
  logicalPackets: number;
  byPurpose: Partial<Record<PacketPurpose, number>>;
  transmitters: TransmitterUse[];
  lateCues: number;
  worstLateMs: number;
}

interface Spec {
  target: CcbTarget;
  /** Content zones (for routing and layer keeping); 'ALL' = every zone or a seat range. */
  zones: number[] | 'ALL';
  command: CcbCommand | ((startMs: number, airMs: number) => CcbCommand);
  /** The look it puts on its zones, recorded for refresh. */
  look?: PlanLook;
  /** Zones the look is recorded on (a seat range records none). */
  lookZones?: number[];
  /** A ZONE_COLORS packet: each listed zone's colour look, recorded as `look` is for one. */
  zoneLooks?: Map<number, PlanLook>;
}

type Work = QueuedWork<Spec>;

interface CommittedSend {
  tx: Transmitter;
  ledger: AirtimeLedger;
  packet: PlannedPacket;
  ccb: CcbPacket;
  air: number;
  /** Start of its latest transmission. */
  start: number;
}

interface Committed {
  fenceZones: readonly number[];
  sends: CommittedSend[];
  lastLand: number;
}

interface BaseEntry {
  fromMs: number;
  look: PlanLook;
  /** A live override: it wins over parades until a cue look (the release) replaces it. */
  busk: boolean;
}

interface Layer {
  run: number;
  /** The mixer's key for it (`run:<n>` when none was given). */
  owner: string;
  zones: number[];
  pixels?: { first: number; last: number };
  fromMs: number;
  untilMs: number;
  look: PlanLook;
}

export class Planner {
  readonly clock: BandClock;
  private readonly scheduler: SchedulerLike;
  private readonly opts: Required<Omit<PlannerOptions, 'scheduler' | 'transmitters' | 'venueZones' | 'site' | 'epochMs' | 'repeats' | 'precedence' | 'seq' | 'zoneColors'>>;
  private readonly repeats: Record<PacketPurpose, number>;
  private readonly venueZones: number[];
  private readonly transmitters: readonly Transmitter[];
  private readonly ledgers = new Map<string, AirtimeLedger>();
  private readonly seq: SeqSource;
  private readonly site: number;
  private readonly precedence: ZonePrecedence | undefined;
  private readonly zoneColorsOnAir: boolean;

  private pending: Work[] = [];
  private nextWorkId = 1;
  /** Per zone: base looks (cues, busks) by the time they land, oldest first. */
  private readonly base = new Map<number, BaseEntry[]>();
  private layers: Layer[] = [];
  private nextRun = 1;
  /** Per zone: the look bands were last given, and when it landed. */
  private readonly shown = new Map<number, { look: PlanLook; landMs: number }>();
  /** Per zone: the next packet on these bands may not start before this (last landing, or a waiting effect's start). */
  private readonly fence = new Map<number, number>();
  /** Seat-range looks suspend refresh until this time. */
  private pixelFenceMs = -Infinity;

  private master = 255;
  private blackout = false;
  private lastMasterCommitMs = -Infinity;
  private running = false;
  private readonly beacons: Beacons;
  private wakeAt = Infinity;
  private wakeSub: Subscription | undefined;
  private readonly handovers = new Handovers();
  private readonly eventSubs: Subscription[] = [];

  private logical = 0;
  private readonly logicalByPurpose: Partial<Record<PacketPurpose, number>> = {};

  private readonly plannedSubject = new Subject<PlannedSend>();
  private readonly lates: LateReports;
  /** Every packet as handed to a transmitter. */
  readonly planned$ = this.plannedSubject.asObservable();
  /** Cues and parade steps that land after their time (beyond `lateToleranceMs`). */
  readonly late$: Observable<LateCue>;

  constructor(options: PlannerOptions) {
    this.scheduler = options.scheduler;
    this.site = options.site;
    this.precedence = options.precedence;
    this.zoneColorsOnAir = options.zoneColors ?? true;
    this.venueZones = [...options.venueZones].sort((a, b) => a - b);
    this.transmitters = options.transmitters;
    this.opts = {
      syncIntervalMs: options.syncIntervalMs ?? 1000,
      refreshIntervalMs: options.refreshIntervalMs ?? 3000,
      commitAheadMs: options.commitAheadMs ?? 150,
      handoverAheadMs: options.handoverAheadMs ?? 100,
      asapMarginMs: options.asapMarginMs ?? 60,
      effectLeadMs: options.effectLeadMs ?? 300,
      masterMinIntervalMs: options.masterMinIntervalMs ?? 40,
      gapMs: options.gapMs ?? 2,
      refreshBudgetPct: options.refreshBudgetPct ?? 50,
      lateToleranceMs: options.lateToleranceMs ?? 10,
      assumedRadio: options.assumedRadio ?? ASSUMED_RADIO,
    };
    this.repeats = { ...DEFAULT_REPEATS, ...options.repeats };
    this.lates = new LateReports(this.opts.lateToleranceMs);
    this.late$ = this.lates.late$;
    this.beacons = new Beacons(this.opts.syncIntervalMs, this.opts.refreshIntervalMs);
    this.clock = new BandClock(options.epochMs ?? this.scheduler.now());
    this.seq = options.seq ?? new SeqCounter();
    for (const tx of this.transmitters) {
      this.ledgers.set(tx.id, new AirtimeLedger(() => tx.capabilities() ?? this.opts.assumedRadio));
    }
  }

  // ---- inputs ---------------------------------------------------------------

  /** Starts SYNC beacons (the first at once) and refresh. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const now = this.now();
    this.beacons.start(now);
    // A transmitter that comes back after losing its link: its bands may have missed
    // anything, so SYNC and refresh at once rather than within the next few seconds.
    for (const tx of this.transmitters) {
      const sub = tx.events$?.subscribe((e) => {
        if (e.type !== 'up' || !e.reconnect || !this.running) return;
        const t = this.now();
        this.beacons.soon(t);
        this.wake(t);
      });
      if (sub) this.eventSubs.push(sub);
    }
    this.wake(now);
  }

  stop(): void {
    this.running = false;
    for (const sub of this.eventSubs.splice(0)) sub.unsubscribe();
    this.wakeSub?.unsubscribe();
    this.wakeSub = undefined;
    this.wakeAt = Infinity;
  }

  /**
   * New looks for some zones (a cue, a busk). `atMs` is when bands should
   * show them (default now: then they are due as soon as one packet can be on air).
   */
  setLooks(changes: readonly ZoneLook[], opts: { atMs?: number; cue?: string; purpose?: 'cue' | 'busk' } = {}): void {
    if (changes.length === 0) return;
    const now = this.now();
    const purpose = opts.purpose ?? 'cue';
    const landAt = Math.max(opts.atMs ?? now, this.soonestLandMs(now));
    const busk = purpose === 'busk';
    const looks = new Map<number, PlanLook>();
    const released: number[] = [];
    for (const c of changes) {
      if (!busk && this.baseEntry(c.zone, landAt)?.busk) released.push(c.zone);
      this.setBase(c.zone, landAt, c.look, busk);
      looks.set(c.zone, c.look);
    }
    const zones = [...looks.keys()].sort((a, b) => a - b);
    const group = opts.cue !== undefined ? this.lates.group(opts.cue, purpose, landAt) : undefined;
    this.enqueue({
      packets: groupZones(looks, this.venueZones).length,
      purpose,
      landAtMs: landAt,
      sendAhead: false,
      asap: false,
      priority: false,
      zones,
      group,
      resolve: () => {
        // A busk goes on air over any parade; a cue look waits under one, except
        // where it ends a busk: there the parade playing now comes back.
        const open: Array<[number, PlanLook]> = [];
        for (const [z, look] of looks) {
          if (busk || !this.underParade(z, landAt)) open.push([z, look]);
          else if (released.includes(z)) open.push([z, this.effectiveLook(z, landAt) ?? look]);
        }
        return this.lookSpecs(open, purpose);
      },
    });
    if (released.length > 0) this.resumeParadesOn(released, landAt);
  }

  /**
   * Released zones under a parade step that starts soon: its packet may have
   * gone out without them, so it is sent to them again at its time.
   */
  private resumeParadesOn(zones: readonly number[], atMs: number): void {
    const soon = atMs + this.opts.effectLeadMs + this.opts.commitAheadMs;
    for (const layer of this.layers) {
      if (layer.pixels || layer.fromMs <= atMs || layer.fromMs > soon) continue;
      const on = zones.filter((z) => layer.zones.includes(z));
      if (on.length === 0) continue;
      const landAt = Math.max(layer.fromMs, this.soonestLandMs(this.now()));
      this.enqueue({
        purpose: 'parade',
        landAtMs: landAt,
        sendAhead: layer.look.kind === 'effect' && layer.look.startMs >= landAt,
        asap: false,
        priority: false,
        zones: on,
        run: layer.run,
        resolve: () => this.paradeSpecs(layer.owner, on, layer.look, landAt),
      });
    }
  }

  /**
   * A parade look's packets at `atMs`: to its zones less the busked ones, or
   * (a seat range, which cannot leave zones out) followed by each busk again.
   */
  private paradeSpecs(owner: string, zones: number[] | 'ALL', look: PlanLook, atMs: number, seats?: CcbTarget): Spec[] {
    const all = zones === 'ALL' ? this.venueZones : zones;
    const busked = all.filter((z) => !this.layerWins(owner, z, atMs));
    if (seats) {
      const busks = groupZones(busked.map((z) => [z, this.baseLook(z, atMs) as PlanLook]), this.venueZones);
      return [this.lookSpec(seats, zones, look), ...busks.map((g) => this.lookSpec(g.target, g.zones, g.look))];
    }
    const open = all.filter((z) => !busked.includes(z));
    return groupZones(open.map((z) => [z, look]), this.venueZones).map((g) => this.lookSpec(g.target, g.zones, g.look));
  }

  /** A zone's base look at `atMs` (default now): what a parade returns it to. */
  baseLook(zone: number, atMs = this.now()): PlanLook | undefined {
    return this.baseEntry(zone, atMs)?.look;
  }

  /** The base look in force at `atMs` (Infinity: the latest set), with when it lands. */
  baseEntry(zone: number, atMs = this.now()): BaseEntry | undefined {
    let found: BaseEntry | undefined;
    for (const e of this.base.get(zone) ?? []) if (e.fromMs <= atMs) found = e;
    return found;
  }

  private setBase(zone: number, fromMs: number, look: PlanLook, busk: boolean): void {
    const history = (this.base.get(zone) ?? []).filter((e) => e.fromMs < fromMs);
    history.push({ fromMs, look, busk });
    // Keep the look in force now and everything after it.
    const now = this.now();
    const current = history.findLastIndex((e) => e.fromMs <= now);
    this.base.set(zone, current > 0 ? history.slice(current) : history);
  }

  /**
   * Plays a compiled parade from `startMs` (controller ms). Each step's
   * packets go on air ahead of its start; when a step ends its zones go back
   * to whatever is under it. Returns a handle for `stopParade`.
   */
  runParade(parade: CompiledParade, startMs: number, opts: { label?: string; owner?: string } = {}): number {
    const run = this.nextRun++;
    const owner = opts.owner ?? `run:${run}`;
    const now = this.now();
    for (const step of parade.steps) {
      const fromMs = startMs + step.atMs;
      const untilMs = startMs + step.endMs;
      const zones = step.zones === 'ALL' ? [...this.venueZones] : [...step.zones];
      const layer: Layer = { run, owner, zones, pixels: step.pixels, fromMs, untilMs, look: planLookFromStep(step.look, fromMs) };
      this.layers.push(layer);
      // A named run reports the run (the parade in the show's words) with its step beside it.
      const group = this.lates.group(opts.label ?? step.label, 'parade', Math.max(fromMs, this.soonestLandMs(now)), opts.label ? step.label : undefined);
      for (const send of step.sends) {
        const landAt = Math.max(startMs + send.atMs, this.soonestLandMs(now));
        const look = planLookFromStep(send.look, startMs + send.atMs);
        this.enqueue({
          purpose: 'parade',
          landAtMs: landAt,
          sendAhead: look.kind === 'effect' && look.startMs >= landAt,
          asap: false,
          priority: false,
          zones: send.zones,
          group,
          run,
          resolve: () => this.paradeSpecs(owner, send.zones, look, landAt, send.target.kind === 'PIXELS' ? send.target : undefined),
        });
      }
      // No way back needed when the next step takes over the same bands at once.
      const followed = parade.steps.some(
        (next) =>
          next !== step &&
          next.atMs === step.endMs &&
          (step.pixels ? next.pixels !== undefined && next.pixels.first <= step.pixels.first && next.pixels.last >= step.pixels.last : next.zones === 'ALL' || zones.every((z) => (next.zones as number[]).includes(z))),
      );
      if (followed) continue;
      this.enqueue({
        purpose: 'parade',
        landAtMs: untilMs,
        sendAhead: false,
        asap: false,
        priority: false,
        zones: step.pixels ? 'ALL' : zones,
        run,
        resolve: () => this.restoreSpecs(layer),
      });
    }
    return run;
  }

  /** Stops a parade (or every parade): its waiting packets are dropped and its zones go back to their base looks. */
  stopParade(run?: number): void {
    const ending = this.layers.filter((l) => run === undefined || l.run === run);
    if (ending.length === 0) return;
    this.layers = this.layers.filter((l) => !ending.includes(l));
    this.pending = this.pending.filter((w) => {
      const drop = w.run !== undefined && (run === undefined || w.run === run);
      if (drop) this.lates.settle(w.group, w.landAtMs, undefined);
      return !drop;
    });
    const zones = new Set<number>();
    for (const l of ending) for (const z of l.pixels ? this.venueZones : l.zones) zones.add(z);
    const now = this.now();
    const landAt = this.soonestLandMs(now);
    // Runs from here on are newer than this stop: each sends its own look when it starts.
    const newer = this.nextRun;
    this.enqueue({
      purpose: 'parade',
      landAtMs: landAt,
      sendAhead: false,
      asap: false,
      priority: false,
      zones: [...zones],
      resolve: () => {
        const looks: Array<[number, PlanLook]> = [];
        for (const z of zones) {
          // A parade that takes these bands over at once (a re-located run replacing this one)
          // sends its own look: sending it here too would put it on air twice under two seqs.
          if ((this.winningRun(z, landAt) ?? -1) >= newer) continue;
          const look = this.effectiveLook(z, landAt);
          if (look) looks.push([z, look]);
        }
        return this.lookSpecs(looks, 'parade');
      },
    });
  }

  /** Master level 0..255, sent at PRIORITY (coalesced while a fader moves). */
  setMaster(level: number): void {
    this.master = Math.max(0, Math.min(255, Math.round(level)));
    if (this.blackout) return;
    if (this.pending.some((w) => w.purpose === 'master')) return;
    const now = this.now();
    const at = Math.max(now, this.lastMasterCommitMs + this.opts.masterMinIntervalMs);
    this.enqueue({
      purpose: 'master',
      landAtMs: at,
      sendAhead: false,
      asap: true,
      priority: true,
      zones: null,
      commitAtMs: at,
      resolve: () => [this.masterSpec(this.blackout ? 0 : this.master)],
    });
  }

  /**
   * Blackout on: FLUSH every transmitter of its queued master, refresh and
   * sync packets (they would undo it or be wrong), then MASTER 0 at PRIORITY,
   * first on air; queued cue and parade packets stay, so the show carries on
   * in the dark. Off: the same FLUSH (a refresh planned in the dark carries
   * MASTER 0), then MASTER back to the master level, first on air.
   */
  setBlackout(on: boolean): void {
    if (on === this.blackout) return;
    this.blackout = on;
    const now = this.now();
    this.pending = this.pending.filter((w) => w.purpose !== 'master' && w.purpose !== 'refresh' && w.purpose !== 'blackout');
    // On, a queued master or refresh would undo the blackout; off, a refresh planned in
    // the dark carries MASTER 0 and would put it back: either way they go.
    // The driver keeps (and sends again) what the FLUSH should spare; the ledger forgets the rest.
    for (const tx of this.transmitters) {
      tx.flush(obsoleteAtBlackout);
      this.handovers.drop(tx, obsoleteAtBlackout);
      const ledger = this.ledgers.get(tx.id);
      ledger?.dropAfter(now, (b) => OBSOLETE_AT_BLACKOUT.has(b.purpose));
    }
    this.commit({
      id: this.nextWorkId++,
      rank: RANK.blackout,
      purpose: 'blackout',
      landAtMs: now,
      sendAhead: false,
      asap: true,
      priority: true,
      zones: null,
      commitAtMs: now,
      resolve: () => [this.masterSpec(on ? 0 : this.master)],
    });
    this.wake(now);
  }

  // ---- outputs --------------------------------------------------------------

  stats(): PlannerStats {
    return {
      logicalPackets: this.logical,
      byPurpose: { ...this.logicalByPurpose },
      transmitters: this.transmitters.map((tx) => {
        const ledger = this.ledgers.get(tx.id) as AirtimeLedger;
        let packets = 0;
        let transmissions = 0;
        const byPurpose: Partial<Record<PacketPurpose, PurposeUse>> = {};
        for (const [purpose, u] of ledger.use) {
          packets += u.packets;
          transmissions += u.transmissions;
          byPurpose[purpose] = { ...u };
        }
        return { id: tx.id, packets, transmissions, airMs: ledger.totalAirMs(), byPurpose };
      }),
      lateCues: this.lates.count,
      worstLateMs: this.lates.worstMs,
    };
  }

  /** Share (0..100) of the last second each transmitter's channel is booked on air. */
  airtimePct(transmitterId: string, windowMs = 1000): number {
    const now = this.now();
    return this.ledgers.get(transmitterId)?.busyPct(now - windowMs, now) ?? 0;
  }

  /** Work not yet handed to a transmitter. */
  pendingCount(): number {
    return this.pending.length;
  }

  /** Each transmitter with its airtime ledger: other work sharing the air (brand sequences) books the same channels. */
  channels(): Array<{ tx: Transmitter; ledger: AirtimeLedger }> {
    return this.transmitters.map((tx) => ({ tx, ledger: this.ledgers.get(tx.id) as AirtimeLedger }));
  }

  /** The show's CCB seq counter, for packets sent beside the planner (one seq per logical packet). */
  nextSeq(): number {
    return this.seq.next();
  }

  // ---- internals ------------------------------------------------------------

  private now(): number {
    return this.scheduler.now();
  }

  /** The soonest a packet due now can land: the margin plus one short packet's airtime. */
  private soonestLandMs(now: number): number {
    let air = 0;
    for (const ledger of this.ledgers.values()) air = Math.max(air, ledger.airMs(17));
    return now + this.opts.asapMarginMs + air;
  }

  /**
   * `packets` (an estimate of how many packets the work will make) moves its
   * planning earlier, so a many-zone batch can be on air by its time.
   */
  private enqueue(w: Omit<Work, 'id' | 'rank' | 'commitAtMs'> & { commitAtMs?: number; packets?: number }): void {
    const batchMs = (w.packets ?? 1) * (this.slowestAirMsFor(LONGEST_LOOK_PACKET) + 1);
    const ahead = w.sendAhead ? this.opts.effectLeadMs : batchMs;
    const commitAtMs = w.commitAtMs ?? w.landAtMs - ahead - this.opts.commitAheadMs;
    const work = { ...w, id: this.nextWorkId++, rank: RANK[w.purpose], commitAtMs } as Work;
    if (work.group) work.group.outstanding++;
    this.pending.push(work);
    this.wake(commitAtMs);
  }

  /** Background work (SYNC, refresh): no bands' look changes, on air as soon as the channel allows, stale after `expiresAfterMs`. */
  private enqueueNow(purpose: 'sync' | 'refresh', expiresAfterMs: number, resolve: () => Spec[]): void {
    const now = this.now();
    this.enqueue({ purpose, landAtMs: now, sendAhead: false, asap: true, priority: false, zones: null, commitAtMs: now, expiresAfterMs, resolve });
  }

  private wake(atMs: number): void {
    const now = this.now();
    const at = Math.max(now, atMs);
    if (this.wakeSub && at >= this.wakeAt) return;
    this.wakeSub?.unsubscribe();
    this.wakeAt = at;
    this.wakeSub = this.scheduler.schedule(() => {
      this.wakeSub = undefined;
      this.wakeAt = Infinity;
      this.tick();
    }, at - now);
  }

  private tick(): void {
    const now = this.now();
    if (this.running) {
      const due = this.beacons.due(now);
      if (due.sync) {
        this.enqueueNow('sync', 1, () => [
          { target: { kind: 'ALL' }, zones: 'ALL', command: (start, air) => ({ cmd: 'SYNC', clockMs: this.clock.toBand(start + air) }) },
        ]);
      }
      if (due.refresh) {
        this.enqueueNow('refresh', this.opts.refreshIntervalMs, () => this.refreshSpecs());
      }
    }

    const { ready, waiting } = takeReady(this.pending, now);
    this.pending = waiting;
    for (const w of ready) this.commit(w);
    this.handovers.handOver(now);

    this.prune(now);
    // Work still due here waits on earlier work on the same bands, which wakes us when it is due.
    let next = Infinity;
    for (const w of this.pending) if (w.commitAtMs > now) next = Math.min(next, w.commitAtMs);
    next = Math.min(next, this.handovers.next());
    if (this.running) next = Math.min(next, this.beacons.next());
    if (next < Infinity) this.wake(next);
  }

  private commit(w: Work): void {
    const now = this.now();
    if (w.purpose === 'master' || w.purpose === 'blackout') this.lastMasterCommitMs = now;
    const specs = w.resolve();
    const repeat = this.repeats[w.purpose];
    // A batch (a many-zone cue) goes out once before any repeat, so every band
    // has its look as soon as the channel allows; the repeats follow as SENDs
    // of the same packets (same seq: a band acts once).
    const split = specs.length > 1 && repeat > 0;
    // A batch that must land by a time is planned backwards: back to back, the last landing on time.
    const tails = specs.map(() => 0);
    if (!w.asap && !w.sendAhead) {
      for (let k = specs.length - 2; k >= 0; k--) tails[k] = tails[k + 1] + this.slowestAirMs(specs[k + 1]) + 1;
    }
    const committed: Committed[] = [];
    let worstLand = -Infinity;
    for (const [k, spec] of specs.entries()) {
      const c = this.commitSpec(w, spec, now, split ? 0 : repeat, tails[k]);
      if (!c) continue;
      committed.push(c);
      worstLand = Math.max(worstLand, c.lastLand);
    }
    if (split) for (let r = 0; r < repeat; r++) for (const c of committed) this.commitRepeat(c, now);
    this.lates.settle(w.group, w.landAtMs, worstLand > -Infinity ? worstLand : undefined);
  }

  /** Airtime of a spec's packet on the slowest transmitter (ms). */
  private slowestAirMs(spec: Spec): number {
    const probe = typeof spec.command === 'function' ? spec.command(0, 0) : spec.command;
    return this.slowestAirMsFor(ccbLength({ site: this.site, seq: 1, target: spec.target, ...probe } as CcbPacket));
  }

  private slowestAirMsFor(len: number): number {
    let air = 0;
    for (const ledger of this.ledgers.values()) air = Math.max(air, ledger.airMs(len));
    return air;
  }

  /** Hands one logical packet to every transmitter that reaches its zones. */
  private commitSpec(w: Work, spec: Spec, now: number, repeat: number, tailMs = 0): Committed | undefined {
    const routes = this.transmitters.filter((tx) => {
      if (!reaches(tx.coverage, spec.zones)) return false;
      if (w.purpose !== 'refresh') return true;
      return (this.ledgers.get(tx.id)?.busyPct(now - 1000, now) ?? 0) < this.opts.refreshBudgetPct;
    });
    if (routes.length === 0) return undefined;
    const seq = this.seq.next();
    this.logical++;
    this.logicalByPurpose[w.purpose] = (this.logicalByPurpose[w.purpose] ?? 0) + 1;
    const listed = spec.zoneLooks ? [...spec.zoneLooks.keys()] : [];
    const contentZones = spec.look ? (spec.lookZones ?? (spec.zones === 'ALL' ? this.venueZones : spec.zones)) : listed;
    const fenceZones = spec.look ? (spec.target.kind === 'PIXELS' || spec.zones === 'ALL' ? this.venueZones : spec.zones) : listed;
    let fence = -Infinity;
    for (const z of fenceZones) fence = Math.max(fence, this.fence.get(z) ?? -Infinity);

    const sends: CommittedSend[] = [];
    let firstLand = Infinity;
    let lastLand = -Infinity;
    for (const tx of routes) {
      const ledger = this.ledgers.get(tx.id) as AirtimeLedger;
      const probe = typeof spec.command === 'function' ? spec.command(now, 0) : spec.command;
      const len = ccbLength({ site: this.site, seq, target: spec.target, ...probe } as CcbPacket);
      const air = ledger.airMs(len);
      const hold = ledger.holdMs(len, repeat, this.opts.gapMs);
      const preferred = w.asap ? now : w.sendAhead ? w.landAtMs - this.opts.effectLeadMs : w.landAtMs - air - tailMs;
      const start = ledger.findSlot(Math.max(preferred, now + (w.priority ? 0 : this.opts.asapMarginMs), fence), hold);
      const command = typeof spec.command === 'function' ? spec.command(start, air) : spec.command;
      const ccb = { site: this.site, seq, target: spec.target, ...command } as CcbPacket;
      const packet: PlannedPacket = {
        seq,
        rf: encodeCcb(ccb),
        // A ZONE_COLORS goes to every band (ALL) but routes by the zones it lists.
        zones: spec.target.kind === 'ZONES' ? spec.target.zones : spec.target.kind === 'ALL' && Array.isArray(spec.zones) ? spec.zones : 'ALL',
        atMs: w.priority ? null : start,
        priority: w.priority,
        repeat,
        gapMs: this.opts.gapMs,
        purpose: w.purpose,
        ...(w.expiresAfterMs !== undefined ? { expiresAtMs: start + w.expiresAfterMs } : {}),
      };
      this.dispatch(tx, ledger, packet, ccb, start, hold, air);
      sends.push({ tx, ledger, packet, ccb, air, start });
      firstLand = Math.min(firstLand, start + air);
      lastLand = Math.max(lastLand, start + air);
    }

    let lastOnAir = lastLand;
    for (const s of sends) lastOnAir = Math.max(lastOnAir, s.start + s.ledger.holdMs(s.packet.rf.length, repeat, this.opts.gapMs) - 1);
    if (spec.look) {
      const look = spec.look;
      // Nothing newer on these bands until this one (repeats too) is on air and, for an effect, has started.
      const waitUntil = look.kind === 'effect' ? Math.max(lastOnAir, look.startMs) : lastOnAir;
      for (const z of fenceZones) this.fence.set(z, Math.max(this.fence.get(z) ?? -Infinity, waitUntil));
      for (const z of contentZones) this.shown.set(z, { look, landMs: firstLand });
      if (spec.target.kind === 'PIXELS') this.pixelFenceMs = Math.max(this.pixelFenceMs, waitUntil);
    } else if (spec.zoneLooks) {
      // Colours only: nothing waits to start, so the bands are free once the packet (repeats too) is on air.
      for (const z of fenceZones) this.fence.set(z, Math.max(this.fence.get(z) ?? -Infinity, lastOnAir));
      for (const [z, look] of spec.zoneLooks) this.shown.set(z, { look, landMs: firstLand });
    }
    return { fenceZones, sends, lastLand };
  }

  /** One more transmission of a committed packet, after its last one. */
  private commitRepeat(c: Committed, now: number): void {
    for (const s of c.sends) {
      const hold = s.ledger.holdMs(s.packet.rf.length, 0, this.opts.gapMs);
      const start = s.ledger.findSlot(Math.max(s.start + s.air + Math.max(1, this.opts.gapMs), now + this.opts.asapMarginMs), hold);
      const packet: PlannedPacket = { ...s.packet, repeat: 0, atMs: s.packet.atMs === null ? null : start };
      this.dispatch(s.tx, s.ledger, packet, s.ccb, start, hold, s.air);
      s.start = start;
      for (const z of c.fenceZones) this.fence.set(z, Math.max(this.fence.get(z) ?? -Infinity, start + s.air));
    }
  }

  private dispatch(tx: Transmitter, ledger: AirtimeLedger, packet: PlannedPacket, ccb: CcbPacket, start: number, hold: number, air: number): void {
    ledger.book({ startMs: start, endMs: start + hold, airMs: air * (1 + packet.repeat), purpose: packet.purpose }, 1 + packet.repeat);
    this.plannedSubject.next({ transmitterId: tx.id, packet, ccb, startMs: start, landMs: start + air });
    const handAt = packet.atMs === null ? -Infinity : start - this.opts.handoverAheadMs;
    if (handAt <= this.now()) {
      tx.send(packet);
      return;
    }
    this.handovers.add(handAt, tx, packet);
    this.wake(handAt);
  }

  private lookSpec(target: CcbTarget, zones: number[] | 'ALL', look: PlanLook): Spec {
    return {
      target,
      zones: target.kind === 'ALL' ? 'ALL' : zones,
      command: planLookCommand(look, this.clock),
      look,
      lookZones: target.kind === 'PIXELS' ? [] : zones === 'ALL' ? [...this.venueZones] : zones,
    };
  }

  /**
   * Zone looks as packets: zones sharing a look share one; colours few zones
   * share go together as ZONE_COLORS when that holds the channel less (repeats
   * included) on the slowest transmitter.
   */
  private lookSpecs(looks: Iterable<[number, PlanLook]>, purpose: PacketPurpose): Spec[] {
    const packed = this.packLooks(looks, purpose);
    return [
      ...packed.groups.map((g) => this.lookSpec(g.target, g.zones, g.look)),
      ...packed.packs.map((p) => this.zoneColorsSpec(p, { cmd: 'ZONE_COLORS', form: p.form, fadeMs: p.fadeMs, zones: p.zones })),
    ];
  }

  private packLooks(looks: Iterable<[number, PlanLook]>, purpose: PacketPurpose): PackedLooks {
    const groups = groupZones(looks, this.venueZones);
    if (!this.zoneColorsOnAir) return { groups, packs: [] };
    const repeat = this.repeats[purpose];
    return packLooks(groups, (len) => {
      let hold = 0;
      for (const ledger of this.ledgers.values()) hold = Math.max(hold, ledger.holdMs(len, repeat, this.opts.gapMs));
      return hold;
    });
  }

  private zoneColorsSpec(pack: ZoneColorsPack, command: Spec['command']): Spec {
    const zones = pack.zones.map(([z]) => z);
    return { target: { kind: 'ALL' }, zones, command, zoneLooks: new Map(pack.looks) };
  }

  private masterSpec(level: number): Spec {
    return { target: { kind: 'ALL' }, zones: 'ALL', command: { cmd: 'MASTER', level } };
  }

  /** A parade layer that wins the zone now, or about to start with its packet possibly already out. */
  private underParade(zone: number, atMs: number): boolean {
    const soon = atMs + this.opts.effectLeadMs + this.opts.commitAheadMs;
    return this.layers.some(
      (l) => l.untilMs > atMs && l.fromMs <= soon && (l.pixels !== undefined || l.zones.includes(zone)) && this.layerWins(l.owner, zone, Math.max(atMs, l.fromMs)),
    );
  }

  /** Whether the layer named `owner` is what `zone` shows at `t`: the mixer says, else anything but a busk lets it. */
  private layerWins(owner: string, zone: number, t: number): boolean {
    if (this.precedence) return this.precedence.shows(zone, t) === owner;
    return !this.baseEntry(zone, t)?.busk;
  }

  /** The parade run whose layer `zone` shows at `t`, if a layer wins it. */
  private winningRun(zone: number, t: number): number | undefined {
    const look = this.effectiveLook(zone, t);
    return this.layers.find((l) => l.look === look && l.fromMs <= t && t < l.untilMs)?.run;
  }

  /** What a zone should show at `t`: the layer that wins it, else its base look (a busk wins over layers). */
  private effectiveLook(zone: number, t: number): PlanLook | undefined {
    const base = this.baseEntry(zone, t);
    if (this.precedence) {
      const key = this.precedence.shows(zone, t);
      const layer = this.layers.find((l) => l.owner === key && !l.pixels && l.zones.includes(zone) && l.fromMs <= t && t < l.untilMs);
      return layer ? layer.look : base?.look;
    }
    if (base?.busk) return base.look;
    let best: Layer | undefined;
    for (const l of this.layers) {
      if (l.pixels || !l.zones.includes(zone)) continue;
      if (l.fromMs <= t && t < l.untilMs && (!best || l.fromMs >= best.fromMs)) best = l;
    }
    return best ? best.look : base?.look;
  }

  /** When a step ends: its zones go back to the layer under it or their base look. */
  private restoreSpecs(layer: Layer): Spec[] {
    const t = layer.untilMs;
    const next = (zone: number | undefined) =>
      this.layers.find((l) => l.fromMs === t && (zone === undefined ? !!l.pixels === !!layer.pixels : !l.pixels && l.zones.includes(zone)));
    if (layer.pixels && next(undefined)) return [];
    const zones = layer.pixels ? this.venueZones : layer.zones;
    const looks: Array<[number, PlanLook]> = [];
    for (const z of zones) {
      // Another step takes over at once, or a cue lands right now: they send their own look.
      if (next(z) || this.baseStartsAt(z, t)) continue;
      const look = this.effectiveLook(z, t);
      if (look) looks.push([z, look]);
    }
    return this.lookSpecs(looks, 'parade');
  }

  private baseStartsAt(zone: number, t: number): boolean {
    return (this.base.get(zone) ?? []).some((e) => e.fromMs === t);
  }

  /** Refresh: every quiet zone's look again (colour with what is left of its fade), and the master. */
  private refreshSpecs(): Spec[] {
    const now = this.now();
    const specs: Spec[] = [];
    const busy = new Set<number>();
    for (const w of this.pending) {
      if (w.rank !== RANK.cue || w.zones === null) continue;
      if (w.zones === 'ALL') this.venueZones.forEach((z) => busy.add(z));
      else w.zones.forEach((z) => busy.add(z));
    }
    const seatsQuiet = this.pixelFenceMs <= now && !this.layers.some((l) => l.pixels && l.fromMs <= now + this.opts.refreshIntervalMs);
    if (seatsQuiet) {
      const looks: Array<[number, PlanLook]> = [];
      const landMs = new Map<number, number>();
      for (const z of this.venueZones) {
        const shown = this.shown.get(z);
        if (!shown || busy.has(z) || (this.fence.get(z) ?? -Infinity) > now) continue;
        looks.push([z, shown.look]);
        landMs.set(z, shown.landMs);
      }
      const packed = this.packLooks(looks, 'refresh');
      for (const g of packed.groups) {
        const spec = this.lookSpec(g.target, g.zones, g.look);
        const fadeFromMs = Math.max(...g.zones.map((z) => landMs.get(z) ?? -Infinity));
        spec.command = (start, air) => planLookCommand(g.look, this.clock, { landMs: start + air, fadeFromMs });
        // A refresh puts back what is already there: record nothing, fence nothing.
        delete spec.look;
        specs.push(spec);
      }
      for (const p of packed.packs) {
        const fadeFromMs = Math.max(...p.zones.map(([z]) => landMs.get(z) ?? -Infinity));
        const look = p.looks.values().next().value as PlanLook;
        const spec = this.zoneColorsSpec(p, (start, air) => {
          // Every entry shares the fade, so what is left of it is the same for all.
          const rest = planLookCommand(look, this.clock, { landMs: start + air, fadeFromMs });
          return { cmd: 'ZONE_COLORS', form: p.form, fadeMs: rest.cmd === 'COLOR' ? rest.fadeMs : 0, zones: p.zones };
        });
        delete spec.zoneLooks;
        specs.push(spec);
      }
    }
    const level = this.blackout ? 0 : this.master;
    if (level !== 255) specs.push(this.masterSpec(level));
    return specs;
  }

  private prune(now: number): void {
    this.layers = this.layers.filter((l) => l.untilMs > now - 1000);
    for (const ledger of this.ledgers.values()) ledger.prune(now - 2000);
  }
}
