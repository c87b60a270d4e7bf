/**
 * A brand packet before it goes on air: its command and target are fixed when
 * the sequence is planned, its CCB seq only when it is handed to a transmitter
 * (seq is one counter for the whole show, and bands drop a seq they saw among
 * their last 8, so it must come from the planner's counter at that moment).
 */
import { encodeCcb, type CcbCommand, type CcbPacket, type CcbTarget } from '@crowdcue/protocol';

export type BrandPacketKind = 'palette' | 'image' | 'show-image';

export interface BrandPacket {
  kind: BrandPacketKind;
  target: CcbTarget;
  command: CcbCommand;
  /** Zones whose bands need it: routes it to the transmitters that reach them. */
  zones: number[];
  /** Encoded length in bytes (the same for every seq). */
  length: number;
}

export function brandPacket(kind: BrandPacketKind, target: CcbTarget, command: CcbCommand, zones: number[]): BrandPacket {
  return { kind, target, command, zones, length: encodeCcb({ site: 0, seq: 1, target, ...command } as CcbPacket).length };
}

export function encodeBrandPacket(p: BrandPacket, site: number, seq: number): Uint8Array {
  return encodeCcb({ site, seq, target: p.target, ...p.command } as CcbPacket);
}
