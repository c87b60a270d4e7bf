/**
 * Plays one planned brand sequence on the live show: the preload in the air
 * live cues leave, the SHOW_IMAGE copies just before each reveal (exact band
 * start, so the whole logo appears at once), the layers that keep cues and
 * refresh off the covered zones (through the planner's `runParade`), and at
 * the end a result for the proof-of-play log.
 */
import { Subject, type Subscription } from 'rxjs';
import type { CompiledParade } from '@crowdcue/protocol';
import { BrandAir, type BrandAirDeps } from './brand-air';
import { brandPacket } from './brand-packet';
import type { BrandPlan } from './brand-timeline';
import type { RadioSpec } from './image-cost';
import { DEFAULT_BUDGET, estimatePreload, type PreloadBudget, type PreloadEstimate } from './preload-plan';
import { PreloadFeeder, type PreloadProgress } from './preload-feeder';

export interface BrandRunDeps extends BrandAirDeps {
  /** Band clock reading (u32 ms) at a controller ms: the planner's `clock.toBand`. */
  bandTime: (ms: number) => number;
  /** The planner's `runParade` / `stopParade` (layers on the covered zones); without them nothing holds the zones. */
  runParade?: (parade: CompiledParade, startMs: number, opts?: { label?: string }) => number;
  stopParade?: (run: number) => void;
  budget?: PreloadBudget;
  /** Radio figures for a transmitter that has not told its own yet. */
  assumedRadio?: { bitrate: number; overhead: number };
  /** How long before the layers start they are handed to the planner, ms; default 1000. */
  layersLeadMs?: number;
  /**
   * The image is already in the bands (a sequence on a cue, preloaded when the
   * show started with its own `PreloadFeeder`): only the reveal and the steps run.
   */
  preloaded?: boolean;
}

export type BrandRunEvent =
  | { type: 'preload-started'; atMs: number; estimate: PreloadEstimate }
  | { type: 'preload-done'; atMs: number; progress: PreloadProgress }
  /** At the first SHOW_IMAGE, the preload had not all landed in time. */
  | { type: 'preload-late'; atMs: number; progress: PreloadProgress }
  | { type: 'reveal'; atMs: number; index: number; showImageLanded: number | null }
  | { type: 'ended'; atMs: number; result: BrandRunResult };

export interface BrandRunResult {
  sequenceId: string;
  brand: string;
  name: string;
  scheduledStartMs: number;
  scheduledEndMs: number;
  actualStartMs: number;
  actualEndMs: number;
  /** The first reveal's scheduled moment (null without a reveal). */
  revealMs: number | null;
  zones: number[];
  preload: PreloadProgress | null;
  showImageCopies: number;
  airtime: Array<{ transmitterId: string; transmissions: number; airMs: number }>;
  stopped: boolean;
}

export class BrandSequenceRun {
  private readonly air: BrandAir;
  private readonly subs: Subscription[] = [];
  private feeder: PreloadFeeder | undefined;
  private paradeRun: number | undefined;
  private showImages = 0;
  /** Latest landing of each reveal's SHOW_IMAGE copies. */
  private readonly landed: Array<number | null>;
  private finished: BrandRunResult | undefined;
  private readonly eventsSubject = new Subject<BrandRunEvent>();
  readonly events$ = this.eventsSubject.asObservable();
  readonly estimate: PreloadEstimate | null;
  private resolveDone!: (r: BrandRunResult) => void;
  readonly done: Promise<BrandRunResult> = new Promise((r) => (this.resolveDone = r));

  constructor(
    readonly plan: BrandPlan,
    private readonly deps: BrandRunDeps,
  ) {
    this.air = new BrandAir(deps);
    this.landed = plan.reveals.map(() => null);
    const first = plan.reveals[0];
    this.estimate =
      plan.image && first && !deps.preloaded ? estimatePreload(plan.image.copies, this.radios(), first.atMs, deps.scheduler.now(), deps.budget) : null;
  }

  radios(): RadioSpec[] {
    const assumed = this.deps.assumedRadio ?? { bitrate: 38_400, overhead: 13 };
    return this.deps.channels.map((c) => {
      const caps = c.tx.capabilities();
      return { id: c.tx.id, coverage: c.tx.coverage, bitrate: caps?.bitrate ?? assumed.bitrate, overhead: caps?.overhead ?? assumed.overhead };
    });
  }

  start(): void {
    const { plan } = this;
    const s = this.deps.scheduler;
    const at = (ms: number, work: () => void) => this.subs.push(s.schedule(work, Math.max(0, ms - s.now())));
    const budget = { ...DEFAULT_BUDGET, ...this.deps.budget };

    if (plan.image && this.estimate) {
      const first = plan.reveals[0];
      const startMs = Math.max(s.now(), this.estimate.startByMs);
      const deadlineMs = first.showFromMs;
      this.feeder = new PreloadFeeder(plan.image.copies, this.air, { startMs, deadlineMs, share: this.estimate.usableShare }, (progress) =>
        this.emit({ type: 'preload-done', atMs: s.now(), progress: { ...progress } }),
      );
      at(startMs, () => this.emit({ type: 'preload-started', atMs: s.now(), estimate: this.estimate! }));
      this.feeder.start();
      at(deadlineMs, () => {
        const p = this.feeder!.progress;
        if (!p.done || p.late > 0) this.emit({ type: 'preload-late', atMs: s.now(), progress: { ...p } });
      });
    }

    plan.reveals.forEach((reveal, index) => {
      // Hand the SHOW_IMAGE copies over a little before their window.
      at(reveal.showFromMs - 100, () => this.sendShowImages(index, budget.showLeadMs));
      at(reveal.atMs, () => this.emit({ type: 'reveal', atMs: s.now(), index, showImageLanded: this.landed[index] }));
    });

    if (this.deps.runParade) {
      at(plan.layersFromMs - (this.deps.layersLeadMs ?? 1000), () => {
        this.paradeRun = this.deps.runParade!(plan.layers, plan.layersFromMs, { label: plan.layers.name });
      });
    }
    at(plan.endMs, () => this.finish(false));
  }

  /** Stops early: no more brand packets; the layers end (zones back to their cue looks). */
  stop(): BrandRunResult {
    return this.finish(true);
  }

  private sendShowImages(index: number, showLeadMs: number): void {
    const { plan } = this;
    const reveal = plan.reveals[index];
    const image = plan.image;
    if (!image) return;
    const packet = brandPacket(
      'show-image',
      image.encoded.showTarget,
      { cmd: 'SHOW_IMAGE', image: image.encoded.slot, fadeMs: reveal.fadeMs, startMs: this.deps.bandTime(reveal.atMs) },
      image.encoded.zones,
    );
    const copies = image.repeats.criticalCopies;
    const now = this.deps.scheduler.now();
    const window = Math.max(0, showLeadMs - 50);
    let earliest = Math.max(now + this.air.asapMarginMs, reveal.showFromMs);
    for (let k = 0; k < copies; k++) {
      const start = this.air.slot(packet, Math.max(earliest, reveal.showFromMs + (k * window) / copies));
      const air = Math.max(...this.air.routes(packet).map((c) => c.ledger.airMs(packet.length)), 0);
      if (start + air > reveal.atMs) break; // too late to help: it would land after the reveal
      const sent = this.air.send(packet, start, { expiresAtMs: reveal.atMs - air });
      if (!sent) break;
      this.showImages++;
      this.landed[index] = Math.max(this.landed[index] ?? -Infinity, sent.landMs);
      earliest = sent.startMs + sent.holdMs;
    }
  }

  private finish(stopped: boolean): BrandRunResult {
    if (this.finished) return this.finished;
    const now = this.deps.scheduler.now();
    for (const sub of this.subs.splice(0)) sub.unsubscribe();
    this.feeder?.stop();
    if (stopped && this.paradeRun !== undefined) this.deps.stopParade?.(this.paradeRun);
    const { plan } = this;
    const first = plan.reveals[0];
    const firstLanded = this.landed[0];
    // Bands switch at the reveal's band time if a SHOW_IMAGE reached them before it.
    const actualStartMs = first ? (firstLanded !== null && firstLanded <= first.atMs ? plan.startMs : Math.max(plan.startMs, firstLanded ?? now)) : plan.startMs;
    const result: BrandRunResult = {
      sequenceId: plan.sequenceId,
      brand: plan.brand,
      name: plan.name,
      scheduledStartMs: plan.startMs,
      scheduledEndMs: plan.endMs,
      actualStartMs: Math.min(actualStartMs, now),
      actualEndMs: Math.min(now, plan.endMs),
      revealMs: first?.atMs ?? null,
      zones: plan.zones,
      preload: this.feeder ? { ...this.feeder.progress } : null,
      showImageCopies: this.showImages,
      airtime: [...this.air.use].map(([transmitterId, u]) => ({ transmitterId, ...u })),
      stopped,
    };
    this.finished = result;
    this.emit({ type: 'ended', atMs: now, result });
    this.eventsSubject.complete();
    this.resolveDone(result);
    return result;
  }

  private emit(e: BrandRunEvent): void {
    this.eventsSubject.next(e);
  }
}
