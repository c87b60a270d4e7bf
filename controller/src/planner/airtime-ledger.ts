/**
 * One transmitter's channel as the planner books it: which spans are taken,
 * what fits where, and how much air each kind of work used. Airtime figures
 * come from the device (CCL INFO: bitrate, overhead); spec 1.5 airtime with
 * at least 1 ms between transmissions.
 */
import { airtimeUs, channelHoldUs } from '@crowdcue/protocol';
import type { PacketPurpose, TransmitterCapabilities } from '../transmitter/types';

export interface Booking {
  startMs: number;
  /** Start to the end of the device's quiet gap after the last repeat. */
  endMs: number;
  /** Time actually on air (all transmissions). */
  airMs: number;
  purpose: PacketPurpose;
}

export interface PurposeUse {
  packets: number;
  transmissions: number;
  airMs: number;
}

export class AirtimeLedger {
  private bookings: Booking[] = [];
  readonly use = new Map<PacketPurpose, PurposeUse>();

  constructor(private readonly radio: () => TransmitterCapabilities) {}

  /** ms one transmission of `rfLen` bytes is on air. */
  airMs(rfLen: number): number {
    const r = this.radio();
    return airtimeUs(rfLen, r.bitrate, r.overhead) / 1000;
  }

  /** ms a SEND keeps the channel: all its transmissions and gaps, plus the quiet gap after. */
  holdMs(rfLen: number, repeat: number, gapMs: number): number {
    return channelHoldUs(rfLen, repeat, gapMs, this.radio()) / 1000;
  }

  /** The earliest start at or after `earliestMs` where `holdMs` fits between bookings. */
  findSlot(earliestMs: number, holdMs: number): number {
    let at = earliestMs;
    for (const b of this.bookings) {
      if (b.endMs <= at) continue;
      if (b.startMs >= at + holdMs) break;
      at = b.endMs;
    }
    return at;
  }

  book(booking: Booking, transmissions: number): void {
    const i = this.bookings.findIndex((b) => b.startMs > booking.startMs);
    if (i < 0) this.bookings.push(booking);
    else this.bookings.splice(i, 0, booking);
    const u = this.use.get(booking.purpose) ?? { packets: 0, transmissions: 0, airMs: 0 };
    u.packets++;
    u.transmissions += transmissions;
    u.airMs += booking.airMs;
    this.use.set(booking.purpose, u);
  }

  /** Forgets bookings that start after `ms` (a FLUSH dropped them), optionally only those picked; returns them. */
  dropAfter(ms: number, pick: (b: Booking) => boolean = () => true): Booking[] {
    const dropped = this.bookings.filter((b) => b.startMs > ms && pick(b));
    this.bookings = this.bookings.filter((b) => !dropped.includes(b));
    for (const b of dropped) {
      const u = this.use.get(b.purpose);
      if (u) {
        u.packets--;
        u.airMs -= b.airMs;
      }
    }
    return dropped;
  }

  /** Share (0..100) of [fromMs, toMs) that booked transmissions are on air. */
  busyPct(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    let air = 0;
    for (const b of this.bookings) {
      const span = b.endMs - b.startMs;
      const overlap = Math.min(b.endMs, toMs) - Math.max(b.startMs, fromMs);
      if (overlap > 0 && span > 0) air += (b.airMs * overlap) / span;
    }
    return Math.min(100, (air / (toMs - fromMs)) * 100);
  }

  /** When the channel is free of every booking from `ms` on. */
  freeFrom(ms: number): number {
    return this.bookings.reduce((end, b) => Math.max(end, b.endMs), ms);
  }

  totalAirMs(): number {
    let sum = 0;
    for (const u of this.use.values()) sum += u.airMs;
    return sum;
  }

  /** Drops history older than `ms`. */
  prune(ms: number): void {
    while (this.bookings.length > 0 && this.bookings[0].endMs < ms) this.bookings.shift();
  }
}
