/**
 * Feeds on-air packets to the crowd in air order, each at the moment its
 * transmission ended (a band acts on a packet once it has all of it), on the
 * crowd's own time line (`timeOf` maps a packet's show ms onto it). Packets
 * can arrive before their time (handed over with look-ahead) or after it (the
 * batch took a while): early ones wait, late ones go in at once with their own
 * end time, which the bands' timed starts make right.
 */
import { fromHex, type OnAirPacketInfo } from '@crowdcue/protocol';

export interface PacketReceiver {
  receive(bytes: Uint8Array, atMs: number): void;
}

interface Pending {
  bytes: Uint8Array;
  at: number;
  order: number;
}

/** Bytes of a packet as it came over the socket: hex text or binary. */
export function packetBytes(rf: OnAirPacketInfo['rf'] | ArrayBuffer): Uint8Array | null {
  if (rf instanceof Uint8Array) return rf;
  if (rf instanceof ArrayBuffer) return new Uint8Array(rf);
  if (typeof rf !== 'string' || rf.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(rf)) return null;
  return fromHex(rf);
}

export class PacketFeed {
  private pending: Pending[] = [];
  private order = 0;
  /** Packets handed to the crowd, and batch entries that were not CCB or not readable. */
  delivered = 0;
  skipped = 0;

  constructor(
    private receiver: PacketReceiver,
    /** The crowd time a packet's air ends at, from its show-ms end (default: the same). */
    private readonly timeOf: (endMs: number) => number = (ms) => ms,
  ) {}

  /** Another crowd (a new venue): drops what is waiting. */
  setReceiver(receiver: PacketReceiver): void {
    this.receiver = receiver;
    this.pending = [];
  }

  push(batch: readonly OnAirPacketInfo[]): void {
    for (const p of batch) {
      // Xyloband packets and PixMob IR codes are other formats; the CCB band model cannot read them.
      if (p.format !== undefined && p.format !== 'ccb') {
        this.skipped++;
        continue;
      }
      const bytes = packetBytes(p.rf);
      const at = Number.isFinite(p.endMs) ? this.timeOf(p.endMs) : Number.NaN;
      if (!bytes || !Number.isFinite(at)) {
        this.skipped++;
        continue;
      }
      this.pending.push({ bytes, at, order: this.order++ });
    }
    this.pending.sort((a, b) => a.at - b.at || a.order - b.order);
  }

  /** Hands the crowd every packet whose air ended by crowd time `nowMs`. */
  drain(nowMs: number): number {
    let n = 0;
    while (n < this.pending.length && this.pending[n].at <= nowMs) {
      const p = this.pending[n];
      this.receiver.receive(p.bytes, p.at);
      n++;
    }
    if (n > 0) this.pending.splice(0, n);
    this.delivered += n;
    return n;
  }

  get waiting(): number {
    return this.pending.length;
  }

  clear(): void {
    this.pending = [];
  }
}
