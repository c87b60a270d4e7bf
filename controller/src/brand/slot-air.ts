/**
 * What went on air around one brand slot, kept for its proof of play: the
 * transmissions that set the bands' state before the capture began (the last
 * SYNC, MASTER and each zone's look packets, as the live on-air record keeps
 * them) and every transmission from then to the slot's end, in controller ms.
 * Each transmission that is not the brand's own is labelled with who sent it
 * (a parade, a cue, a busk...), so a report can name what overwrote the slot.
 */
import { decodeCcb, type OnAirPacketInfo } from '@crowdcue/protocol';
import { OnAirRecord } from '../live/on-air-record';

export interface AirTransmission {
  transmitterId: string;
  rf: Uint8Array;
  /** Controller ms. */
  startMs: number;
  endMs: number;
  /** Whose it is: 'brand' for the slot's own packets, else e.g. `parade 'Stadium wave'`. */
  label?: string;
}

/** Zones a CCB packet addresses ('ALL' for ALL and seat targets), or null when it is no CCB packet. */
export function zonesOfPacket(rf: Uint8Array): number[] | 'ALL' | null {
  const d = decodeCcb(rf);
  if (!d.ok) return null;
  const t = d.value.target;
  return t.kind === 'ZONES' ? t.zones : 'ALL';
}

/**
 * The band state before a capture, kept all show long: an on-air record in
 * controller ms (cheap: a couple of packets per zone).
 */
export class BandStateRecord {
  private readonly record: OnAirRecord;
  private readonly bytes = new WeakMap<OnAirPacketInfo, AirTransmission>();

  constructor(venueZones: readonly number[]) {
    this.record = new OnAirRecord(venueZones);
  }

  add(t: AirTransmission): void {
    if (!t.rf.length) return;
    const info: OnAirPacketInfo = { rf: t.rf, startMs: t.startMs, endMs: t.endMs, transmitterId: t.transmitterId };
    this.bytes.set(info, t);
    this.record.add(info);
  }

  /** The transmissions that set what the bands show now, in air order. */
  seed(): AirTransmission[] {
    return this.record.packets().map((p) => this.bytes.get(p)!);
  }
}

/** One slot's capture: the seed, then every transmission until `stop()`. */
export class SlotAirCapture {
  private readonly packets: AirTransmission[];
  private stopped = false;

  constructor(seed: readonly AirTransmission[]) {
    this.packets = [...seed];
  }

  add(t: AirTransmission): void {
    if (!this.stopped) this.packets.push(t);
  }

  stop(): AirTransmission[] {
    this.stopped = true;
    return this.transmissions();
  }

  /** In start order. */
  transmissions(): AirTransmission[] {
    return [...this.packets].sort((a, b) => a.startMs - b.startMs);
  }
}
