/**
 * Feeds the preload to the transmitters a little ahead of time: each wake-up
 * books the copies whose slot falls within the next `horizonMs` (so the device
 * queues stay short and live cues booked meanwhile keep their places), paced so
 * that after a copy holding the channel for h ms the next waits h / share.
 */
import type { Subscription } from 'rxjs';
import type { BrandAir } from './brand-air';
import type { PreloadCopy } from './preload-plan';

export interface PreloadFeederOptions {
  startMs: number;
  /** Every copy should have landed by then (the first SHOW_IMAGE). */
  deadlineMs: number;
  /** Most of each channel the preload may take, 0..1. */
  share: number;
  /** How far ahead copies are booked and handed over, ms; default 250. */
  horizonMs?: number;
}

export interface PreloadProgress {
  sent: number;
  total: number;
  /** Copies that landed after the deadline (or could not be placed before it). */
  late: number;
  /** No transmitter reaches the packet's zones. */
  unrouted: number;
  lastLandMs: number;
  done: boolean;
}

export class PreloadFeeder {
  private next = 0;
  private readonly cursor = new Map<string, number>();
  private sub: Subscription | undefined;
  private stopped = false;
  readonly progress: PreloadProgress;

  constructor(
    private readonly copies: readonly PreloadCopy[],
    private readonly air: BrandAir,
    private readonly opts: PreloadFeederOptions,
    private readonly onDone?: (p: PreloadProgress) => void,
  ) {
    this.progress = { sent: 0, total: copies.length, late: 0, unrouted: 0, lastLandMs: -Infinity, done: copies.length === 0 };
  }

  start(): void {
    if (this.progress.done) {
      this.onDone?.(this.progress);
      return;
    }
    this.wakeAt(this.opts.startMs - this.horizon);
  }

  stop(): void {
    this.stopped = true;
    this.sub?.unsubscribe();
  }

  private get horizon(): number {
    return this.opts.horizonMs ?? 250;
  }

  private wakeAt(ms: number): void {
    const s = this.air.deps.scheduler;
    this.sub = s.schedule(() => this.tick(), Math.max(0, ms - s.now()));
  }

  private tick(): void {
    if (this.stopped) return;
    const now = this.air.deps.scheduler.now();
    const limit = now + this.horizon;
    while (this.next < this.copies.length) {
      const copy = this.copies[this.next];
      const routes = this.air.routes(copy.packet);
      if (routes.length === 0) {
        this.progress.unrouted++;
        this.next++;
        continue;
      }
      let earliest = Math.max(this.opts.startMs, now + this.air.asapMarginMs);
      for (const r of routes) earliest = Math.max(earliest, this.cursor.get(r.tx.id) ?? -Infinity);
      const start = this.air.slot(copy.packet, earliest, routes);
      if (start > limit) break;
      const sent = this.air.send(copy.packet, start, { routes });
      this.next++;
      if (!sent) continue;
      for (const id of sent.channels) this.cursor.set(id, start + sent.holdMs / this.opts.share);
      this.progress.sent++;
      this.progress.lastLandMs = Math.max(this.progress.lastLandMs, sent.landMs);
      if (sent.landMs > this.opts.deadlineMs) this.progress.late++;
    }
    if (this.next >= this.copies.length) {
      this.progress.done = true;
      this.onDone?.(this.progress);
      return;
    }
    this.wakeAt(now + this.horizon / 2);
  }
}
