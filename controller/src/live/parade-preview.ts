/**
 * A designer rehearsing a parade: the parade planned exactly as it would go on
 * air (same compiler, same planner, SYNC beacons and all), but the packets go
 * to one console only, never to a transmitter. Times are parade ms (0 = the
 * parade's start), the clock the console's preview plays on; packets are
 * handed over as the planner commits them, a little ahead of their time, so
 * the console hears from the controller all along the run.
 */
import { toHex, type OnAirPacketInfo, type Show } from '@crowdcue/protocol';
import type { SchedulerLike, Subscription } from 'rxjs';
import { scheduleAt } from '../engine/at-time';
import { compileParade, type CompiledParade } from '@crowdcue/protocol';
import { RecordingTransmitter } from '../transmitter/recording-transmitter';
import { Planner } from '../planner/planner';
import { trimParade } from './trim-parade';

export interface ParadePreviewOptions {
  show: Show;
  paradeId: string;
  /** Start this far into the parade. */
  fromMs: number;
  scheduler: SchedulerLike;
  send: (packets: OnAirPacketInfo[]) => void;
  /** Called once when the run is over (or stopped). */
  onEnd?: () => void;
}

export type ParadePreviewResult = { ok: true; preview: ParadePreview } | { ok: false; error: string; errors?: Array<{ path: string; message: string }> };

const PREVIEW_TX = 'preview';

export class ParadePreview {
  private readonly planner: Planner;
  private readonly subs: Subscription[] = [];
  private batch: OnAirPacketInfo[] = [];
  private ended = false;

  private constructor(
    private readonly opts: ParadePreviewOptions,
    private readonly parade: CompiledParade,
  ) {
    this.planner = new Planner({
      scheduler: opts.scheduler,
      site: opts.show.site,
      venueZones: opts.show.venue.zones.map((z) => z.id),
      transmitters: [new RecordingTransmitter(PREVIEW_TX)],
    });
  }

  /** Compiles the parade of a show; errors name the step at fault. */
  static create(opts: ParadePreviewOptions): ParadePreviewResult {
    const index = opts.show.parades.findIndex((p) => p.id === opts.paradeId);
    if (index < 0) return { ok: false, error: `show '${opts.show.id}' has no parade '${opts.paradeId}'` };
    const parade = opts.show.parades[index];
    if (opts.fromMs >= parade.duration) return { ok: false, error: `fromMs ${opts.fromMs} is past the parade's end (${parade.duration} ms)` };
    const compiled = compileParade(parade, { venueZones: opts.show.venue.zones.map((z) => z.id), path: `parades[${index}]` });
    if (!compiled.ok) return { ok: false, error: `parade '${parade.id}' does not compile`, errors: compiled.errors };
    return { ok: true, preview: new ParadePreview(opts, compiled.value) };
  }

  start(): void {
    const now = this.opts.scheduler.now();
    // Parade ms 0 in controller time: `fromMs` is now.
    const zeroMs = now - this.opts.fromMs;
    this.subs.push(
      this.planner.planned$.subscribe((p) => {
        this.batch.push({
          rf: toHex(p.packet.rf),
          startMs: p.startMs - zeroMs,
          endMs: p.landMs - zeroMs,
          transmitterId: PREVIEW_TX,
          format: 'ccb',
        });
        // The planner commits in bursts: one message per burst.
        if (this.batch.length === 1) queueMicrotask(() => this.flush());
      }),
    );
    this.planner.start();
    this.planner.runParade(trimParade(this.parade, this.opts.fromMs), zeroMs, { label: `preview "${this.parade.id}"` });
    this.subs.push(scheduleAt(this.opts.scheduler, zeroMs + this.parade.durationMs + 250, () => this.stop()));
  }

  private flush(): void {
    if (this.batch.length === 0 || this.ended) return;
    const out = this.batch;
    this.batch = [];
    this.opts.send(out);
  }

  stop(): void {
    if (this.ended) return;
    this.flush();
    this.ended = true;
    this.planner.stop();
    for (const s of this.subs.splice(0)) s.unsubscribe();
    this.opts.onEnd?.();
  }

  get running(): boolean {
    return !this.ended;
  }
}
