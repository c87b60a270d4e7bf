/**
 * Feeds the preload to the transmitters a little ahead of time: each wake-up
 * books the copies whose slot falls within the next `horizonMs` (so the device
 * queues stay short and live cues booked meanwhile keep their places), paced by
 * a token bucket per transmitter: the preload earns `share` ms of channel per
 * ms and may bank a few packets' worth, so over any stretch it takes at most
 * its share, yet can use two packets' room in one gap between live cues.
 * When live cues took more air than expected and the rest would not make the
 * deadline at that pace, the pace quickens (up to every free slot); a copy that
 * could only land after the deadline is not sent at all (it would arrive after
 * the SHOW_IMAGE and change nothing) and is counted late.
 */
import type { Subscription } from 'rxjs';
import type { BrandAir } from './brand-air';
import type { PreloadCopy } from './preload-plan';

/** Packets' worth of channel the preload may bank while it waits. */
const BUCKET_PACKETS = 3;

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
  /** Per channel: tokens (ms of channel the preload may hold) at time `at`. */
  private readonly bucket = new Map<string, { tokens: number; at: number }>();
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

  private tokensAt(id: string, t: number, share: number, cap: number): number {
    const b = this.bucket.get(id) ?? { tokens: cap, at: this.opts.startMs };
    return Math.min(cap, b.tokens + Math.max(0, t - b.at) * share);
  }

  /** When the channel's bucket holds `hold` ms of tokens. */
  private readyAt(id: string, hold: number, share: number): number {
    const b = this.bucket.get(id);
    if (!b) return -Infinity;
    const cap = BUCKET_PACKETS * hold;
    return b.tokens >= hold ? b.at : b.at + (Math.min(cap, hold) - b.tokens) / share;
  }

  private spend(id: string, at: number, hold: number, share: number): void {
    const cap = BUCKET_PACKETS * hold;
    this.bucket.set(id, { tokens: this.tokensAt(id, at, share, cap) - hold, at });
  }

  /** The budget share, or more when the copies left need more to land by the deadline (with 20% to spare). */
  private paceShare(now: number): number {
    const left = this.opts.deadlineMs - Math.max(now, this.opts.startMs);
    if (left <= 0) return 1;
    let needMs = 0;
    for (let k = this.next; k < this.copies.length; k++) {
      const routes = this.air.routes(this.copies[k].packet);
      if (routes.length > 0) needMs += routes[0].ledger.holdMs(this.copies[k].packet.length, 0, this.air.gapMs);
    }
    return Math.min(1, Math.max(this.opts.share, (1.2 * needMs) / left));
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
    const share = this.paceShare(now);
    while (this.next < this.copies.length) {
      const copy = this.copies[this.next];
      const routes = this.air.routes(copy.packet);
      if (routes.length === 0) {
        this.progress.unrouted++;
        this.next++;
        continue;
      }
      const hold = Math.max(...routes.map((r) => r.ledger.holdMs(copy.packet.length, 0, this.air.gapMs)));
      let earliest = Math.max(this.opts.startMs, now + this.air.asapMarginMs);
      for (const r of routes) earliest = Math.max(earliest, this.readyAt(r.tx.id, hold, share));
      const start = this.air.slot(copy.packet, earliest, routes);
      if (start > limit) break;
      const air = Math.max(...routes.map((r) => r.ledger.airMs(copy.packet.length)));
      if (start + air > this.opts.deadlineMs) {
        // Too late to matter: everything left is late.
        this.progress.late += this.copies.length - this.next;
        this.next = this.copies.length;
        break;
      }
      const sent = this.air.send(copy.packet, start, { routes });
      this.next++;
      if (!sent) continue;
      for (const id of sent.channels) this.spend(id, start, sent.holdMs, share);
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
