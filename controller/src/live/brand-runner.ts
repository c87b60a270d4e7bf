/**
 * Approved brand sequences playing in the live show. A sequence scheduled at a
 * show time is planned as soon as the show runs towards it (its logo preload
 * needs the air before the reveal), one on a cue when that cue fires, one at a
 * wall-clock time when the show is loaded. Brand packets share the planner's
 * channels and seq counter, and the sequence holds its zones as a brand slot:
 * a zone mixer source over the playbacks (their cues and parades), under busks
 * and blackout. An operator who pre-empts the slot as it starts or at a
 * reveal (a busk, the safety clamp, blackout on its zones) is named in the
 * proof of play. Everything on air around a run is captured (the band state
 * before it, then every transmission, each labelled with who sent it) and
 * handed over with its result: the proof of play is a replay of that record.
 *
 * PAUSE and STOP end the runs under way (recorded as stopped) and drop the
 * ones still waiting; RESUME plans the show-time ones still ahead again.
 */
import type { BrandSequence, ProofOfPlayRecord } from '@crowdcue/protocol';
import { Subscription } from 'rxjs';
import type { RecordPlayContext } from '../brand/brand-service';
import type { BrandPlan } from '../brand/brand-timeline';
import { BrandSequenceRun, type BrandRunResult } from '../brand/brand-sequence-run';
import { BandStateRecord, SlotAirCapture, zonesOfPacket, type AirTransmission } from '../brand/slot-air';
import { AirLabels } from './air-labels';
import type { ShowSession } from './show-session';

/** What the runtime needs of the brand service (BrandService has it). */
export interface BrandPlayback {
  approvedSequences(showId: string): Promise<BrandSequence[]>;
  planFor(showId: string, sequenceId: string, startMs: number): Promise<BrandPlan>;
  recordPlay(showId: string, result: BrandRunResult, ctx: RecordPlayContext): Promise<Pick<ProofOfPlayRecord, 'status'>>;
  /** A slot that could not start is reported as not played. */
  recordNotPlayed?(showId: string, sequence: BrandSequence, startMs: number, why: string, wallClock: (ms: number) => Date): Promise<unknown>;
}

export interface BrandRunnerOptions {
  session: ShowSession;
  brands: BrandPlayback;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Told when a sequence starts, ends or fails (for the operator's warnings). */
  notify?: (message: string) => void;
}

interface Active {
  sequenceId: string;
  run: BrandSequenceRun;
  /** What pre-empted the slot (as it started, at its reveals), in the operator's words. */
  preempted: string[];
  /** What went on air around it. */
  air: SlotAirCapture;
}

export class BrandRunner {
  private readonly session: ShowSession;
  private readonly showId: string;
  private readonly subs = new Subscription();
  private active: Active[] = [];
  /** Show-time and wall-clock sequences already played (or under way) in this session. */
  private readonly done = new Set<string>();
  private generation = 0;
  private closed = false;
  /** Sequences being planned (planFor is async): two triggers in a row must not plan one twice. */
  private readonly planning = new Set<string>();
  /** Proof-of-play records being written. */
  private readonly writing = new Set<Promise<void>>();
  /** The band state all show long, so a capture starts from what the bands showed. */
  private bandState: BandStateRecord | null = null;
  private labels: AirLabels | null = null;

  constructor(private readonly opts: BrandRunnerOptions) {
    this.session = opts.session;
    this.showId = opts.session.show.id;
  }

  start(): void {
    const state = new BandStateRecord(this.session.show.venue.zones.map((z) => z.id));
    const labels = new AirLabels(this.session, (zones) => this.active.some((a) => zones === 'ALL' || a.run.plan.zones.some((z) => zones.includes(z))));
    this.bandState = state;
    this.labels = labels;
    this.subs.add(() => labels.close());
    this.subs.add(
      this.session.onAir$.subscribe((p) => {
        if (p.format !== undefined && p.format !== 'ccb') return;
        const zones = zonesOfPacket(p.rf);
        if (zones === null) return;
        const t: AirTransmission = { transmitterId: p.transmitterId, rf: p.rf, startMs: p.startMs, endMs: p.endMs, label: labels.label(p.rf, zones) };
        state.add(t);
        for (const a of this.active) a.air.add(t);
      }),
    );
    this.subs.add(
      this.session.engineEvents$.subscribe((e) => {
        if (e.type === 'cue-fired') void this.onCue(e.cue.id);
        else if (e.type === 'status') {
          if (e.status === 'running') void this.arm();
          else this.stopAll(e.status);
        }
      }),
    );
    void this.arm();
  }

  /** Ends every run (recorded as stopped) and stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    this.subs.unsubscribe();
    this.stopAll('closed');
    // run.done settles on a later turn; then its record is written.
    await new Promise((r) => setTimeout(r, 0));
    await Promise.all([...this.writing]);
  }

  /** Runs under way or waiting for their time. */
  get running(): readonly string[] {
    return this.active.map((a) => a.sequenceId);
  }

  private async sequences(): Promise<BrandSequence[]> {
    try {
      return await this.opts.brands.approvedSequences(this.showId);
    } catch (err) {
      this.opts.log('warn', `brand sequences of '${this.showId}' not read: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  /** Plans the show-time sequences ahead of a running show, and the wall-clock ones still to come. */
  private async arm(): Promise<void> {
    const gen = this.generation;
    const list = await this.sequences();
    if (gen !== this.generation || this.closed) return;
    const running = this.session.engine.state.status === 'running';
    for (const seq of list) {
      const s = seq.schedule;
      if (!s || this.busy(seq.id)) continue;
      const now = this.session.scheduler.now();
      if ('showTime' in s) {
        if (!running) continue;
        const pos = this.session.clock.position();
        if (s.showTime < pos) continue;
        await this.play(seq, now + (s.showTime - pos), gen);
      } else if ('wallClock' in s) {
        const wall = Date.parse(s.wallClock);
        if (wall < Date.now()) continue;
        await this.play(seq, now + (wall - Date.now()), gen);
      }
    }
  }

  private async onCue(cueId: string): Promise<void> {
    const gen = this.generation;
    const list = (await this.sequences()).filter((s) => s.schedule && 'cue' in s.schedule && s.schedule.cue === cueId);
    const cue = this.session.cue(cueId);
    for (const seq of list) {
      if (gen !== this.generation || this.closed || this.planning.has(seq.id) || this.active.some((a) => a.sequenceId === seq.id)) continue;
      // With the cue's looks: GO + delay.
      await this.play(seq, this.session.scheduler.now() + (cue?.delay ?? 0), gen);
    }
  }

  private busy(id: string): boolean {
    return this.done.has(id) || this.planning.has(id) || this.active.some((a) => a.sequenceId === id);
  }

  private async play(seq: BrandSequence, startMs: number, gen: number): Promise<void> {
    let plan: BrandPlan;
    this.planning.add(seq.id);
    try {
      plan = await this.opts.brands.planFor(this.showId, seq.id, startMs);
    } catch (err) {
      this.planning.delete(seq.id);
      this.opts.log('warn', `brand sequence '${seq.id}' cannot play: ${err instanceof Error ? err.message : String(err)}`);
      this.opts.notify?.(`brand sequence "${seq.name}" cannot play: ${err instanceof Error ? err.message : String(err)}`);
      this.done.add(seq.id);
      this.reportNotPlayed(seq, startMs, `it could not start (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    this.planning.delete(seq.id);
    if (gen !== this.generation || this.closed) return;
    const planner = this.session.planner;
    const slot = `brand:${seq.id}`;
    const slotLabel = `brand slot '${seq.name}'`;
    const run = new BrandSequenceRun(plan, {
      scheduler: this.session.scheduler,
      channels: planner.channels(),
      nextSeq: () => planner.nextSeq(),
      site: this.session.show.site,
      bandTime: (ms) => planner.clock.toBand(ms),
      runParade: (parade, at, o) => this.session.runBrandSlot(slot, slotLabel, parade, at, o),
      stopParade: (r) => this.session.stopBrandSlot(slot, r),
    });
    if (!('cue' in (seq.schedule ?? {}))) this.done.add(seq.id);
    const active: Active = { sequenceId: seq.id, run, preempted: [], air: new SlotAirCapture(this.bandState?.seed() ?? []) };
    this.active.push(active);
    // As the slot starts and at each reveal, ask the mixer whether a source above the slot holds any of its zones.
    for (const at of [plan.startMs + 1, ...plan.reveals.map((r) => r.atMs + r.fadeMs)]) {
      this.subs.add(this.session.scheduler.schedule(() => this.checkPreempted(active, plan.zones, at), Math.max(0, at - this.session.scheduler.now())));
    }
    this.opts.log('info', `brand sequence '${seq.id}' (${seq.brand}) planned to start in ${((startMs - this.session.scheduler.now()) / 1000).toFixed(1)} s`);
    void run.done.then((result) => {
      const w = this.finished(active, result);
      this.writing.add(w);
      void w.finally(() => this.writing.delete(w));
    });
    run.start();
  }

  private async finished(active: Active, result: BrandRunResult): Promise<void> {
    this.active = this.active.filter((a) => a !== active);
    const air = active.air.stop();
    if (result.stopped && result.actualEndMs <= result.scheduledStartMs) return; // never started: nothing to report
    const now = this.session.scheduler.now();
    const wallNow = Date.now();
    try {
      const record = await this.opts.brands.recordPlay(this.showId, result, {
        wallClock: (ms) => new Date(wallNow + (ms - now)),
        air,
        preempted: active.preempted,
      });
      const verdict = record.status === 'not-played' ? 'did not play' : record.status === 'partial' ? 'played in part' : result.stopped ? 'stopped early' : 'played';
      this.opts.notify?.(`brand sequence "${result.name}" (${result.brand}) ${verdict}; proof of play recorded`);
    } catch (err) {
      this.opts.log('error', `proof of play for '${result.sequenceId}' not recorded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private reportNotPlayed(seq: BrandSequence, startMs: number, why: string): void {
    const record = this.opts.brands.recordNotPlayed;
    if (!record) return;
    const now = this.session.scheduler.now();
    const wallNow = Date.now();
    const w = record
      .call(this.opts.brands, this.showId, seq, startMs, why, (ms) => new Date(wallNow + (ms - now)))
      .then(
        () => undefined,
        (err: unknown) => this.opts.log('error', `proof of play for '${seq.id}' not recorded: ${err instanceof Error ? err.message : String(err)}`),
      );
    this.writing.add(w);
    void w.finally(() => this.writing.delete(w));
  }

  private checkPreempted(active: Active, zones: readonly number[], atMs: number): void {
    if (!this.active.includes(active)) return;
    const over = new Map<string, number[]>();
    for (const z of zones) {
      const mix = this.session.mixer.zoneAt(z, atMs);
      if (mix.source !== 'blackout' && mix.source !== 'busk' && mix.source !== 'safety') continue;
      over.set(mix.source, [...(over.get(mix.source) ?? []), z]);
    }
    for (const [source, zs] of over) {
      const note = `pre-empted by ${source} on zone${zs.length > 1 ? 's' : ''} ${zs.join(', ')}`;
      if (!active.preempted.includes(note)) active.preempted.push(note);
    }
  }

  private stopAll(why: string): void {
    this.generation++;
    for (const a of [...this.active]) {
      this.opts.log('info', `brand sequence '${a.sequenceId}' ends: the show is ${why}`);
      // Show-time sequences that had not started may be planned again on RESUME.
      if (a.run.plan.startMs > this.session.scheduler.now()) this.done.delete(a.sequenceId);
      a.run.stop();
    }
  }
}
