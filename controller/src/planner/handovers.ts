/**
 * Packets booked on air but not yet handed to their transmitter: each goes
 * `handoverAheadMs` before its start, which keeps device queues short (a
 * FLUSH then has little to drop, and a late change can still replace them).
 */
import type { PlannedPacket, Transmitter } from '../transmitter/types';

export class Handovers {
  private waiting: Array<{ atMs: number; tx: Transmitter; packet: PlannedPacket }> = [];

  add(atMs: number, tx: Transmitter, packet: PlannedPacket): void {
    this.waiting.push({ atMs, tx, packet });
  }

  /** Hands over everything due by `now`, in time order. */
  handOver(now: number): void {
    if (this.waiting.length === 0) return;
    const due = this.waiting.filter((h) => h.atMs <= now).sort((a, b) => a.atMs - b.atMs);
    if (due.length === 0) return;
    this.waiting = this.waiting.filter((h) => h.atMs > now);
    for (const h of due) h.tx.send(h.packet);
  }

  /** Drops the packets for `tx` that `obsolete` says (a blackout's FLUSH, before they reach the device). */
  drop(tx: Transmitter, obsolete: (p: PlannedPacket) => boolean): void {
    this.waiting = this.waiting.filter((h) => h.tx !== tx || !obsolete(h.packet));
  }

  /** The next hand-over time (Infinity: none). */
  next(): number {
    let next = Infinity;
    for (const h of this.waiting) next = Math.min(next, h.atMs);
    return next;
  }
}
