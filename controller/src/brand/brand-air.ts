/**
 * Puts one brand packet on air on every transmitter that reaches its zones, in
 * one common slot of their airtime ledgers: the same bytes at the same moment,
 * so bands that hear two transmitters get it from both instead of losing both
 * to a collision. The seq comes from the show's counter at hand-over.
 */
import type { SchedulerLike } from 'rxjs';
import type { Booking } from '../planner/airtime-ledger';
import type { PlannedPacket, Transmitter } from '../transmitter/types';
import { encodeBrandPacket, type BrandPacket } from './brand-packet';
import { reaches } from './image-cost';

/** What the planner's `AirtimeLedger` offers (one per transmitter). */
export interface AirtimeBook {
  airMs(rfLen: number): number;
  holdMs(rfLen: number, repeat: number, gapMs: number): number;
  findSlot(earliestMs: number, holdMs: number): number;
  book(booking: Booking, transmissions: number): void;
}

export interface BrandChannel {
  tx: Transmitter;
  ledger: AirtimeBook;
}

export interface BrandAirDeps {
  scheduler: SchedulerLike;
  channels: readonly BrandChannel[];
  /** The show's CCB seq counter (the planner's): one seq per logical packet. */
  nextSeq: () => number;
  site: number;
  /** Earliest start for a packet due now (time to reach the device), ms; default 5. */
  asapMarginMs?: number;
  gapMs?: number;
}

export interface AirUse {
  transmissions: number;
  airMs: number;
}

export interface SentCopy {
  seq: number;
  startMs: number;
  /** End of the latest transmission (bands act then). */
  landMs: number;
  /** Channel ids it went to. */
  channels: string[];
  /** Channel held, ms, on the longest route (for pacing). */
  holdMs: number;
}

export class BrandAir {
  readonly use = new Map<string, AirUse>();

  constructor(readonly deps: BrandAirDeps) {
    for (const c of deps.channels) this.use.set(c.tx.id, { transmissions: 0, airMs: 0 });
  }

  routes(packet: Pick<BrandPacket, 'zones'>): BrandChannel[] {
    return this.deps.channels.filter((c) => reaches(c.tx.coverage, packet.zones));
  }

  /** The earliest start at or after `earliestMs` that is free on every route. */
  slot(packet: BrandPacket, earliestMs: number, routes = this.routes(packet)): number {
    let at = earliestMs;
    for (let guard = 0; guard < 1000; guard++) {
      let moved = false;
      for (const c of routes) {
        const found = c.ledger.findSlot(at, c.ledger.holdMs(packet.length, 0, this.gapMs));
        if (found > at) {
          at = found;
          moved = true;
        }
      }
      if (!moved) break;
    }
    return at;
  }

  /** Books and hands over one copy starting at `startMs` (from `slot`); the command may depend on the seq-free start. */
  send(packet: BrandPacket, startMs: number, opts: { expiresAtMs?: number; routes?: BrandChannel[] } = {}): SentCopy | null {
    const routes = opts.routes ?? this.routes(packet);
    if (routes.length === 0) return null;
    const seq = this.deps.nextSeq();
    const rf = encodeBrandPacket(packet, this.deps.site, seq);
    let landMs = startMs;
    let holdMs = 0;
    for (const c of routes) {
      const air = c.ledger.airMs(rf.length);
      const hold = c.ledger.holdMs(rf.length, 0, this.gapMs);
      c.ledger.book({ startMs, endMs: startMs + hold, airMs: air, purpose: 'image' }, 1);
      const planned: PlannedPacket = {
        seq,
        rf,
        zones: packet.zones.length > 0 ? [...packet.zones] : 'ALL',
        atMs: startMs,
        priority: false,
        repeat: 0,
        gapMs: this.gapMs,
        purpose: 'image',
        ...(opts.expiresAtMs !== undefined ? { expiresAtMs: opts.expiresAtMs } : {}),
      };
      c.tx.send(planned);
      const u = this.use.get(c.tx.id)!;
      u.transmissions++;
      u.airMs += air;
      landMs = Math.max(landMs, startMs + air);
      holdMs = Math.max(holdMs, hold);
    }
    return { seq, startMs, landMs, channels: routes.map((c) => c.tx.id), holdMs };
  }

  get gapMs(): number {
    return this.deps.gapMs ?? 2;
  }

  get asapMarginMs(): number {
    return this.deps.asapMarginMs ?? 5;
  }
}
