/**
 * Everything the brand routes and the live runtime ask of brands, in one place.
 *
 * Sequences live in the show file's `brandSequences`: the show is what plays,
 * what is exported and what the runtime reads, so the approved slot travels
 * with it and every write goes through the show's own validation (a reveal
 * needs a logo, a parade step an existing parade, a cue schedule an existing
 * cue). Writes are read-modify-write on the stored revision, retried when a
 * designer saved in between, so neither side's edit is lost.
 *
 * A brand account sees and changes only its own sequences, logos and reports;
 * anything else answers 404 (it cannot learn what other brands scheduled).
 * Operators and admins see all and approve; a brand's edit withdraws approval.
 */
import {
  BrandScheduleSchema,
  BrandSequenceSchema,
  preloadTooLateText,
  spokenDuration,
  toHex,
  type ApprovalView,
  type BrandSchedule,
  type BrandSequence,
  type LogoPlacement,
  type LogoPreview,
  type LogoRecord,
  type PlayFigures,
  type PreloadFigures,
  type ProofOfPlayRecord,
  type RepeatPlan,
  type ScheduleResult,
  type SeatShare,
  type SequenceView,
  type Show,
} from '@crowdcue/protocol';
import { venueFromShow, type RfTransmitterSpec } from '@crowdcue/simulator';
import type { Role } from '../accounts/roles';
import { ShowConflictError, type ShowStore } from '../storage/show-store';
import { BrandError } from './brand-error';
import { encodeBrandPacket, type BrandPacket } from './brand-packet';
import type { BrandRunResult } from './brand-sequence-run';
import { planBrandSequence, type BrandPlan, type PlanSequenceInput } from './brand-timeline';
import { describeSpan, findConflict, sequenceDurationMs, sequenceZones, slotSpan, type SlotSpan, type ZoneContext } from './brand-schedule';
import type { RadioSpec } from './image-cost';
import { LogoStore } from './logo-store';
import { DEFAULT_RADIO, logoOnSeats, type LogoOnSeats, type LogoOnSeatsOptions } from './logo-on-seats';
import { estimatePreload, preloadCopies, type PreloadBudget } from './preload-plan';
import { planRepeats, type RepeatTarget } from './preload-repeats';
import { ProofOfPlayLog, proofOfPlayCsv } from './proof-of-play';
import { judgePlay } from './play-verdict';
import { proofOfPlayPdf } from './proof-of-play-pdf';
import type { ShareAt, SlotReplay } from './replay-slot';
import { replaySlotJob, type ReplayJobInput, type ReplaySlotRunner } from './replay-slot-job';
import { seatImagePng, seatsPng } from './seats-png';
import type { AirTransmission } from './slot-air';
import { seatMapOf, type SeatMap } from './seat-map';

export interface BrandActor {
  username: string;
  role: Role;
  brand?: string;
}

export interface BrandServiceOptions {
  dataDir: string;
  shows: ShowStore;
  /** Radio figures per transmitter of a show (the live runtime knows the devices' own); default the show's transmitters at 38.4 kbit/s. */
  radios?: (show: Show) => RadioSpec[];
  /** Show ms now when the show is running, else null (for the preload check of show-time slots). */
  liveShowTimeMs?: (showId: string) => number | null;
  now?: () => number;
  repeats?: RepeatTarget;
  budget?: PreloadBudget;
  logoLimits?: ConstructorParameters<typeof LogoStore>[1];
  /**
   * Rasterises, reduces and encodes a placed logo; default in this thread. The server
   * passes one that runs in a worker task with a deadline (`placeLogoInWorker`).
   */
  placeLogo?: PlaceLogo;
  /** Replays a finished slot's on-air record; default in this thread. The server passes one that runs in a worker task (`replaySlotInWorker`). */
  replay?: ReplaySlotRunner;
}

export type PlaceLogo = (
  logo: Uint8Array,
  placement: LogoPlacement,
  map: SeatMap,
  opts: LogoOnSeatsOptions,
  signal?: AbortSignal,
) => Promise<LogoOnSeats>;

export type SequenceInput = Omit<BrandSequence, 'brand' | 'approved' | 'approvedBy' | 'id'> & { id?: string; brand?: string };

const ID_RE = /[^a-z0-9-]+/g;
const retries = 4;

export class BrandService {
  readonly logos: LogoStore;
  readonly log: ProofOfPlayLog;
  private readonly maps = new Map<string, { revision: number; map: SeatMap; venueZones: number[] }>();

  private constructor(private readonly opts: BrandServiceOptions) {
    this.logos = new LogoStore(opts.dataDir, opts.logoLimits);
    this.log = new ProofOfPlayLog(opts.dataDir);
  }

  static async open(opts: BrandServiceOptions): Promise<BrandService> {
    const s = new BrandService(opts);
    await s.logos.init();
    return s;
  }

  close(): void {
    this.log.close();
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  // ---- shows and venues (brands cannot read shows themselves) ----

  async listShows(): Promise<Array<{ id: string; name: string }>> {
    return (await this.opts.shows.list()).map((s) => ({ id: s.id, name: s.name }));
  }

  async venue(showId: string): Promise<{ site: number; venue: Show['venue']; parades: Array<{ id: string; name: string }>; cues: Array<{ id: string; label: string }> }> {
    const { show } = await this.opts.shows.get(showId);
    return {
      site: show.site,
      venue: show.venue,
      parades: show.parades.map((p) => ({ id: p.id, name: p.name })),
      cues: show.cueLists.flatMap((l) => l.cues.map((c) => ({ id: c.id, label: c.label ?? c.id }))),
    };
  }

  /** The show's seat map, cached per revision. */
  async seatMap(showId: string): Promise<{ show: Show; revision: number; map: SeatMap; venueZones: number[] }> {
    const stored = await this.opts.shows.get(showId);
    let cached = this.maps.get(showId);
    if (!cached || cached.revision !== stored.revision) {
      const venue = venueFromShow(stored.show.venue);
      cached = { revision: stored.revision, map: seatMapOf(venue), venueZones: venue.zones.map((z) => z.id) };
      this.maps.set(showId, cached);
    }
    return { show: stored.show, revision: stored.revision, map: cached.map, venueZones: cached.venueZones };
  }

  radios(show: Show): RadioSpec[] {
    if (this.opts.radios) return this.opts.radios(show);
    if (show.transmitters.length === 0) return [{ id: 'virtual', coverage: 'ALL', ...DEFAULT_RADIO }];
    return show.transmitters.map((t) => ({ id: t.id, coverage: t.coverage, ...DEFAULT_RADIO }));
  }

  repeats(): RepeatPlan {
    return planRepeats(this.opts.repeats);
  }

  // ---- logos ----

  async uploadLogo(bytes: Uint8Array, actor: BrandActor, name?: string): Promise<LogoRecord> {
    return this.logos.add(bytes, { brand: this.brandOf(actor), username: actor.username }, name);
  }

  async logo(asset: string, actor: BrandActor): Promise<{ record: LogoRecord; bytes: Buffer }> {
    return this.logos.bytes(asset, this.filterBrand(actor));
  }

  /** The placed logo on the show's seats as packets and cost. */
  async logoOnShow(
    showId: string,
    placement: LogoPlacement,
    actor: BrandActor | null,
    slot = 0,
    signal?: AbortSignal,
  ): Promise<LogoOnSeats & { map: SeatMap; show: Show; venueZones: number[] }> {
    const { show, map, venueZones } = await this.seatMap(showId);
    const { bytes } = await this.logos.bytes(placement.asset, actor ? this.filterBrand(actor) : undefined);
    const place = this.opts.placeLogo ?? logoOnSeats;
    const out = await place(bytes, placement, map, { slot, venueZones, radios: this.radios(show), repeats: this.opts.repeats }, signal);
    return { ...out, map, show, venueZones };
  }

  /** `signal`: the client has gone, stop drawing. */
  async preview(showId: string, placement: LogoPlacement, actor: BrandActor, signal?: AbortSignal): Promise<LogoPreview> {
    const out = await this.logoOnShow(showId, placement, actor, 0, signal);
    const png = await seatImagePng(out.map, out.image);
    // seq 1 as a placeholder: the console replays these into its own crowd with its own seqs.
    const enc = (p: BrandPacket) => toHex(encodeBrandPacket(p, out.show.site, 1));
    return {
      palette: out.image.palette.map((c) => [c[0], c[1], c[2]]),
      seats: { covered: out.image.coveredCount, total: out.map.count },
      zones: out.encoded.zones,
      cost: out.cost,
      preload: this.preloadFigures(out, this.radios(out.show), null),
      packets: {
        site: out.show.site,
        palette: enc(out.encoded.palette),
        images: out.encoded.images.map(enc),
        showImage: { target: out.encoded.showTarget, image: out.encoded.slot },
      },
      seatImagePng: png.toString('base64'),
    };
  }

  private preloadFigures(out: LogoOnSeats, radios: RadioSpec[], revealInMs: number | null): PreloadFigures {
    const repeats = out.cost.rounds;
    const copies = preloadCopies(out.encoded, repeats);
    const now = this.now();
    const est = estimatePreload(copies, radios, now + (revealInMs ?? 0), now, this.opts.budget);
    return {
      copies: copies.length,
      rounds: repeats.imageRounds,
      leadMs: est.leadMs,
      transmitters: est.transmitters,
      // A reveal already past (placing the logo took longer than the slot was away) cannot be preloaded.
      feasible: revealInMs === null ? null : revealInMs > 0 && est.feasible,
      shortByMs: revealInMs === null ? 0 : est.shortByMs,
    };
  }

  // ---- sequences ----

  async listSequences(actor: BrandActor, showId?: string): Promise<SequenceView[]> {
    const ids = showId ? [showId] : (await this.opts.shows.list()).map((s) => s.id);
    const out: SequenceView[] = [];
    for (const id of ids) {
      const { show } = await this.opts.shows.get(id);
      for (const seq of show.brandSequences) if (this.visible(seq, actor)) out.push(view(id, seq, show));
    }
    return out;
  }

  async getSequence(showId: string, id: string, actor: BrandActor): Promise<SequenceView> {
    const { show } = await this.opts.shows.get(showId);
    return view(showId, this.find(show, id, actor), show);
  }

  async createSequence(showId: string, input: SequenceInput, actor: BrandActor): Promise<SequenceView> {
    const brand = actor.role === 'brand' ? this.brandOf(actor) : (input.brand ?? this.brandOf(actor));
    if (input.logo) await this.logos.get(input.logo.asset, brand);
    let created: BrandSequence | undefined;
    let inShow: Show | undefined;
    await this.mutate(showId, actor, (show) => {
      inShow = show;
      const id = input.id ?? newId(brand, show);
      if (show.brandSequences.some((s) => s.id === id)) throw new BrandError('CONFLICT', `a brand sequence '${id}' exists already`, 'id');
      created = parseSequence({ ...input, id, brand, approved: false });
      show.brandSequences.push(created);
      this.checkConflict(show, created, actor);
    });
    return view(showId, created!, inShow);
  }

  async updateSequence(showId: string, id: string, input: SequenceInput, actor: BrandActor): Promise<SequenceView> {
    let updated: BrandSequence | undefined;
    let inShow: Show | undefined;
    await this.mutate(showId, actor, async (show) => {
      inShow = show;
      const i = this.index(show, id, actor);
      const before = show.brandSequences[i];
      if (input.logo) await this.logos.get(input.logo.asset, before.brand);
      // Any change withdraws the approval: the operator approved the slot as it was.
      updated = parseSequence({ ...input, id, brand: before.brand, approved: false });
      show.brandSequences[i] = updated;
      this.checkConflict(show, updated, actor);
    });
    return view(showId, updated!, inShow);
  }

  async deleteSequence(showId: string, id: string, actor: BrandActor): Promise<void> {
    await this.mutate(showId, actor, (show) => {
      show.brandSequences.splice(this.index(show, id, actor), 1);
    });
  }

  /**
   * Puts a sequence in a slot: refused when it overlaps another on a shared
   * zone (naming it) or when the preload can no longer finish before a
   * wall-clock (or running show-time) slot; otherwise answered with the
   * preload's figures and warnings.
   */
  async schedule(showId: string, id: string, schedule: BrandSchedule, actor: BrandActor): Promise<ScheduleResult> {
    const parsed = BrandScheduleSchema.safeParse(schedule);
    if (!parsed.success) throw new BrandError('INVALID', `schedule: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 'schedule');
    const { show } = await this.opts.shows.get(showId);
    const current = this.find(show, id, actor);
    const next = parseSequence({ ...unapproved(current), schedule: parsed.data });
    const warnings: string[] = [];
    let preload: PreloadFigures | null = null;
    if (next.logo && next.steps.some((s) => s.kind === 'reveal')) {
      const out = await this.logoOnShow(showId, next.logo, null);
      const revealIn = this.revealInMs(showId, next);
      preload = this.preloadFigures(out, this.radios(show), revealIn);
      const lead = spokenDuration(preload.leadMs);
      if (preload.feasible === false) {
        const startsIn = revealIn === null ? 0 : revealIn - firstRevealOffsetMs(next);
        throw new BrandError('PRELOAD_TOO_LATE', preloadTooLateText(preload.leadMs, startsIn), 'schedule', { preload, startsInMs: startsIn });
      }
      if (preload.feasible === null) warnings.push(`the logo is loaded onto the bands ${lead} before the reveal once the show runs: keep the slot at least ${lead} after the show's start`);
    }
    let saved: BrandSequence | undefined;
    await this.mutate(showId, actor, (s) => {
      const i = this.index(s, id, actor);
      saved = parseSequence({ ...unapproved(s.brandSequences[i]), schedule: parsed.data });
      s.brandSequences[i] = saved;
      this.checkConflict(s, saved, actor);
    });
    return { sequence: view(showId, saved!, show), preload, warnings };
  }

  /** Operator or admin: approve (or withdraw) a scheduled slot. */
  async approve(showId: string, id: string, approved: boolean, actor: BrandActor): Promise<SequenceView> {
    let saved: BrandSequence | undefined;
    let inShow: Show | undefined;
    await this.mutate(showId, actor, (show) => {
      inShow = show;
      const i = this.index(show, id, actor);
      const seq = show.brandSequences[i];
      if (approved && !seq.schedule) throw new BrandError('INVALID', `sequence '${id}' has no slot to approve; schedule it first`, 'schedule');
      // The approval records who gave it; a withdrawal clears the name with it.
      const { approvedBy: _was, ...rest } = seq;
      saved = approved ? { ...rest, approved, approvedBy: actor.username } : { ...rest, approved };
      show.brandSequences[i] = saved;
      if (approved) this.checkConflict(show, saved, actor, (o) => o.approved);
    });
    return view(showId, saved!, inShow);
  }

  /**
   * Operator or admin: every brand sequence (of one show, or all) with the
   * zones it covers, its preload figures for the current slot and the
   * warnings an approver should read first. Overlaps are checked against
   * every other scheduled sequence, approved or not.
   */
  async approvals(showId?: string): Promise<ApprovalView[]> {
    const ids = showId ? [showId] : (await this.opts.shows.list()).map((s) => s.id);
    const out: ApprovalView[] = [];
    for (const id of ids) {
      const { show, map, venueZones } = await this.seatMap(id);
      const ctx: ZoneContext = { map, venueZones, parades: show.parades };
      for (const seq of show.brandSequences) {
        const warnings: string[] = [];
        if (!seq.schedule) warnings.push('no slot yet: the brand must schedule it before it can be approved');
        const c = findConflict(seq, show.brandSequences, ctx);
        if (c) warnings.push(`overlaps sequence "${c.other.name}" (${c.other.id}) at ${describeSpan(c.span, show)} on zone${c.zones.length > 1 ? 's' : ''} ${c.zones.join(', ')}`);
        let preload: PreloadFigures | null = null;
        if (seq.logo && seq.steps.some((s) => s.kind === 'reveal')) {
          try {
            const placed = await this.logoOnShow(id, seq.logo, null, imageSlotOf(show, seq.id));
            preload = this.preloadFigures(placed, this.radios(show), seq.schedule ? this.revealInMs(id, seq) : null);
            const lead = spokenDuration(preload.leadMs);
            const revealIn = seq.schedule ? this.revealInMs(id, seq) : null;
            if (preload.feasible === false) warnings.push(preloadTooLateText(preload.leadMs, revealIn === null ? 0 : revealIn - firstRevealOffsetMs(seq)));
            else if (preload.feasible === null && seq.schedule) warnings.push(`the logo is loaded onto the bands ${lead} before the reveal; whether it is in time can only be told when the show runs`);
          } catch (err) {
            warnings.push(`the logo cannot be placed: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        out.push({ ...view(id, seq, show), zones: sequenceZones(seq, ctx), preload, warnings });
      }
    }
    return out;
  }

  private revealInMs(showId: string, seq: BrandSequence): number | null {
    const span = slotSpan(seq);
    if (!span) return null;
    const firstReveal = firstRevealOffsetMs(seq);
    if (span.kind === 'wallClock') return span.fromMs + firstReveal - this.now();
    if (span.kind === 'showTime') {
      const t = this.opts.liveShowTimeMs?.(showId);
      return t === null || t === undefined ? null : span.fromMs + firstReveal - t;
    }
    return null;
  }

  private checkConflict(show: Show, seq: BrandSequence, actor: BrandActor, only?: (o: BrandSequence) => boolean): void {
    const ctx = this.zoneContext(show);
    if (!ctx) return;
    const c = findConflict(seq, show.brandSequences, ctx, only);
    if (!c) return;
    const who = this.visible(c.other, actor) ? `sequence "${c.other.name}" (${c.other.id})` : `another brand's sequence`;
    throw new BrandError('CONFLICT', `the slot overlaps ${who} at ${describeSpan(c.span, show)} on zone${c.zones.length > 1 ? 's' : ''} ${c.zones.join(', ')}`, 'schedule', {
      other: this.visible(c.other, actor) ? c.other.id : undefined,
      zones: c.zones,
    });
  }

  private zoneContext(show: Show): ZoneContext | null {
    const cached = this.maps.get(show.id);
    if (!cached) return null;
    return { map: cached.map, venueZones: cached.venueZones, parades: show.parades };
  }

  private async mutate(showId: string, actor: BrandActor, change: (show: Show) => void | Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await this.seatMap(showId);
      const stored = await this.opts.shows.get(showId);
      const show = structuredClone(stored.show);
      await change(show);
      try {
        await this.opts.shows.save(show, actor.username, { expectedRevision: stored.revision });
        return;
      } catch (err) {
        if (err instanceof ShowConflictError && attempt < retries) continue;
        throw err;
      }
    }
  }

  // ---- playing (the live runtime's entry) ----

  /** Approved sequences of a show with a slot, for the runtime to arm. */
  async approvedSequences(showId: string): Promise<BrandSequence[]> {
    const { show } = await this.opts.shows.get(showId);
    return show.brandSequences.filter((s) => s.approved && s.schedule);
  }

  /**
   * A sequence placed in time for the runtime: its logo as packets (image slot
   * chosen among the show's logo sequences), repeats, steps, reveals and planner
   * layers. `startMs` is the controller ms of its first step.
   */
  async planFor(showId: string, sequenceId: string, startMs: number, opts: { requireApproval?: boolean } = {}): Promise<BrandPlan> {
    const { show, venueZones } = await this.seatMap(showId);
    const seq = show.brandSequences.find((s) => s.id === sequenceId);
    if (!seq) throw new BrandError('NOT_FOUND', `no brand sequence '${sequenceId}' in show '${showId}'`, 'id');
    if ((opts.requireApproval ?? true) && !seq.approved) throw new BrandError('NOT_APPROVED', `brand sequence '${sequenceId}' is not approved`, 'approved');
    let image: PlanSequenceInput['image'];
    if (seq.logo) {
      const out = await this.logoOnShow(showId, seq.logo, null, imageSlotOf(show, seq.id));
      image = { encoded: out.encoded, repeats: out.cost.rounds, background: seq.logo.background };
    }
    return planBrandSequence({ sequence: seq, startMs, venueZones, parades: show.parades, image, budget: this.opts.budget });
  }

  // ---- reports ----

  reports(actor: BrandActor): ProofOfPlayRecord[] {
    return this.log.list(actor.role === 'brand' ? { brand: this.brandOf(actor) } : {});
  }

  report(id: number, actor: BrandActor): ProofOfPlayRecord {
    const r = this.log.get(id);
    if (!r || (actor.role === 'brand' && r.brand !== actor.brand)) throw new BrandError('NOT_FOUND', `no report ${id}`, 'id');
    return r;
  }

  snapshot(id: number, actor: BrandActor): Buffer {
    this.report(id, actor);
    const png = this.log.snapshot(id);
    if (!png) throw new BrandError('NOT_FOUND', `report ${id} has no snapshot`, 'id');
    return png;
  }

  csv(actor: BrandActor, id?: number): string {
    return proofOfPlayCsv(id === undefined ? this.reports(actor) : [this.report(id, actor)]);
  }

  /** The report as a PDF for the brand: timeline, snapshot, figures, the venue and show. */
  async pdf(id: number, actor: BrandActor): Promise<Buffer> {
    const report = this.report(id, actor);
    return proofOfPlayPdf(report, this.log.snapshot(id) ?? null);
  }

  /**
   * The runtime's call when a sequence's slot is over (played or not): replays
   * what went on air around it (`ctx.air`) through a fresh simulated crowd with
   * the RF model's loss, measures the share of its seats that showed it at the
   * start, middle and end and for how long, judges it played, partial or not
   * played with the reasons, renders the replayed crowd at the middle and
   * appends the proof-of-play row.
   */
  async recordPlay(showId: string, result: BrandRunResult, ctx: RecordPlayContext): Promise<ProofOfPlayRecord> {
    const { show, map, venueZones } = await this.seatMap(showId);
    const seq = show.brandSequences.find((s) => s.id === result.sequenceId);
    const iso = (ms: number) => ctx.wallClock(ms).toISOString();
    const placed = seq?.logo ? await this.logoOnShow(showId, seq.logo, null, imageSlotOf(show, seq.id)) : null;
    const lossRate = ctx.lossRate ?? 0.05;
    const transmitters = ctx.transmitters ?? this.radios(show).map((r) => ({ id: r.id, coverage: r.coverage, lossRate, bitrate: r.bitrate, overhead: r.overhead }));
    let replay: SlotReplay | null = null;
    let replayError: string | undefined;
    if (ctx.air && seq) {
      const run = this.opts.replay ?? (async (input: ReplayJobInput) => replaySlotJob(input));
      // A replay that cannot run (the workers busy past its deadline) still leaves a report, saying so.
      replay = await run({
        venue: show.venue,
        site: show.site,
        transmitters,
        air: ctx.air,
        steps: seq.steps,
        planned: stepsFrom(seq, result.scheduledStartMs),
        image: placed?.image ?? null,
        coveredZones: placed?.encoded.zones ?? seq.logo?.zones ?? venueZones,
        fromMs: result.scheduledStartMs,
        untilMs: result.scheduledEndMs,
        zones: result.zones,
      }).catch((err: unknown) => {
        replayError = err instanceof Error ? err.message : String(err);
        return null;
      });
    }
    const verdict = judgePlay({ result, replay, air: ctx.air ?? [], iso, preempted: ctx.preempted, replayError });
    const figures: PlayFigures | null = replay
      ? {
          seats: replay.seats,
          start: shareOf(replay.start, iso),
          middle: shareOf(replay.middle, iso),
          end: shareOf(replay.end, iso),
          shownMs: replay.shownMs,
          spanMs: replay.judgedMs,
          stepMs: replay.stepMs,
          shares: replay.shares,
          lossRate,
        }
      : null;
    const notes = [ctx.notes, result.preload && result.preload.late > 0 ? `${result.preload.late} preload packets late` : ''].filter(Boolean).join('; ');
    return this.log.record({
      brand: result.brand,
      sequenceId: result.sequenceId,
      sequenceName: result.name,
      showId,
      showName: show.name,
      venueName: show.venue.name,
      scheduledStart: iso(result.scheduledStartMs),
      scheduledEnd: iso(result.scheduledEndMs),
      actualStart: iso(verdict.shownFromMs),
      actualEnd: iso(verdict.shownUntilMs),
      zones: result.zones,
      seatsCovered: placed?.image.coveredCount ?? replay?.seats ?? 0,
      bandsCovered: replay?.seats ?? 0,
      bandsEstimated: replay?.middle.seats ?? 0,
      airtimeMs: result.airtime.reduce((s, a) => s + a.airMs, 0),
      airtimeByTransmitter: Object.fromEntries(result.airtime.map((a) => [a.transmitterId, Math.round(a.airMs * 10) / 10])),
      transmissions: result.airtime.reduce((s, a) => s + a.transmissions, 0),
      status: verdict.status,
      reasons: verdict.reasons,
      figures,
      ...(notes ? { notes } : {}),
      ...(replay ? { snapshotPng: await seatsPng(map, replay.middleRgba) } : {}),
    });
  }

  /**
   * A slot that never went on air because it could not even start (its plan
   * failed): recorded as not played, with why, so the brand's list has it.
   */
  async recordNotPlayed(showId: string, sequence: BrandSequence, startMs: number, why: string, wallClock: (ms: number) => Date): Promise<ProofOfPlayRecord> {
    const { show, venueZones } = await this.seatMap(showId);
    const iso = (ms: number) => wallClock(ms).toISOString();
    const endMs = startMs + sequenceDurationMs(sequence);
    return this.log.record({
      brand: sequence.brand,
      sequenceId: sequence.id,
      sequenceName: sequence.name,
      showId,
      showName: show.name,
      venueName: show.venue.name,
      scheduledStart: iso(startMs),
      scheduledEnd: iso(endMs),
      actualStart: iso(startMs),
      actualEnd: iso(endMs),
      zones: [...(sequence.logo?.zones ?? venueZones)],
      seatsCovered: 0,
      bandsCovered: 0,
      bandsEstimated: 0,
      airtimeMs: 0,
      airtimeByTransmitter: {},
      transmissions: 0,
      status: 'not-played',
      reasons: [{ kind: 'nothing-on-air', message: `nothing went on air for this slot: ${why}`, at: iso(startMs) }],
      figures: null,
    });
  }

  // ---- access ----

  private brandOf(actor: BrandActor): string {
    if (!actor.brand) throw new BrandError('INVALID', `account ${actor.username} belongs to no brand`, 'brand');
    return actor.brand;
  }

  private filterBrand(actor: BrandActor): string | undefined {
    return actor.role === 'brand' ? this.brandOf(actor) : undefined;
  }

  private visible(seq: BrandSequence, actor: BrandActor): boolean {
    return actor.role !== 'brand' || (actor.brand !== undefined && seq.brand === actor.brand);
  }

  private index(show: Show, id: string, actor: BrandActor): number {
    const i = show.brandSequences.findIndex((s) => s.id === id && this.visible(s, actor));
    if (i < 0) throw new BrandError('NOT_FOUND', `no brand sequence '${id}' in show '${show.id}'`, 'id');
    return i;
  }

  private find(show: Show, id: string, actor: BrandActor): BrandSequence {
    return show.brandSequences[this.index(show, id, actor)];
  }
}

/** What the runtime hands over with a finished slot. */
export interface RecordPlayContext {
  /** Wall-clock Date of a controller ms. */
  wallClock: (ms: number) => Date;
  /** RF model of the show's transmitters (coverage, loss); default the show's radios at `lossRate`. */
  transmitters?: RfTransmitterSpec[];
  /** Loss rate of the default RF model (default 0.05). */
  lossRate?: number;
  /** What went on air around the slot (the band state before it, then every transmission), controller ms. */
  air?: readonly AirTransmission[];
  /** What the zone mixer saw above the slot (a busk, blackout), in the operator's words. */
  preempted?: readonly string[];
  notes?: string;
}

/** The sequence's steps laid end to end from `startMs`. */
function stepsFrom(seq: BrandSequence, startMs: number): Array<{ kind: BrandSequence['steps'][number]['kind']; fromMs: number; untilMs: number }> {
  let t = startMs;
  return seq.steps.map((s) => ({ kind: s.kind, fromMs: t, untilMs: (t += s.duration) }));
}

function shareOf(s: ShareAt, iso: (ms: number) => string): SeatShare {
  return { at: iso(s.atMs), seats: s.seats, share: s.share };
}

/** Image slot 0..7 of a sequence: its place among the show's logo sequences, so consecutive logos use different slots. */
export function imageSlotOf(show: Show, sequenceId: string): number {
  const withLogo = show.brandSequences.filter((s) => s.logo).map((s) => s.id).sort();
  return Math.max(0, withLogo.indexOf(sequenceId)) % 8;
}

/** ms from a sequence's start to its first reveal. */
export function firstRevealOffsetMs(seq: Pick<BrandSequence, 'steps'>): number {
  let t = 0;
  for (const s of seq.steps) {
    if (s.kind === 'reveal') return t;
    t += s.duration;
  }
  return 0;
}

function view(show: string, sequence: BrandSequence, inShow?: Pick<Show, 'cueLists'>): SequenceView {
  const span: SlotSpan | null = slotSpan(sequence);
  return { show, sequence, durationMs: sequenceDurationMs(sequence), slot: span ? describeSpan(span, inShow) : null };
}

/** A sequence with its approval withdrawn (and the approver's name with it). */
function unapproved(seq: BrandSequence): BrandSequence {
  const { approvedBy: _was, ...rest } = seq;
  return { ...rest, approved: false };
}

function parseSequence(input: unknown): BrandSequence {
  const r = BrandSequenceSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new BrandError('INVALID', `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid sequence'}`, path || undefined);
  }
  return r.data;
}

function newId(brand: string, show: Show): string {
  const stem = brand.toLowerCase().replace(ID_RE, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'brand';
  for (let n = show.brandSequences.length + 1; ; n++) {
    const id = `${stem}-${n}`;
    if (!show.brandSequences.some((s) => s.id === id)) return id;
  }
}
