/**
 * What a logo costs on air before anyone commits: packets, bytes and seconds of
 * airtime on each transmitter (its bitrate and per-packet overhead, spec 1.5,
 * with the 1 ms every device keeps between transmissions), for one round and
 * for the whole preload; and the same logo sent the naive way, one COLOR per
 * seat, for comparison.
 */
import { MIN_TX_GAP_US, airtimeUs, ccbLength, type ImageCost, type RepeatPlan, type TransmitterCost } from '@crowdcue/protocol';
import type { BrandPacket } from './brand-packet';
import type { EncodedSeatImage } from './encode-seat-image';

export interface RadioSpec {
  id: string;
  /** Zones it reaches ('ALL' = every zone). */
  coverage: number[] | 'ALL';
  bitrate: number;
  overhead: number;
}

/** Bytes of a SHOW_IMAGE with this target (its length does not depend on the values). */
export function showImageLength(image: EncodedSeatImage): number {
  return ccbLength({ site: 0, seq: 1, target: image.showTarget, cmd: 'SHOW_IMAGE', image: image.slot, fadeMs: 0, startMs: 0 });
}

export function reaches(coverage: number[] | 'ALL', zones: readonly number[]): boolean {
  if (coverage === 'ALL') return true;
  return zones.some((z) => coverage.includes(z));
}

export function imageCost(image: EncodedSeatImage, coveredSeats: number, radios: readonly RadioSpec[], rounds: RepeatPlan): ImageCost {
  const showLen = showImageLength(image);
  const all: Array<{ p: Pick<BrandPacket, 'length' | 'zones'>; copies: number }> = [
    { p: image.palette, copies: rounds.criticalCopies },
    ...image.images.map((p) => ({ p, copies: rounds.imageRounds })),
    { p: { length: showLen, zones: image.zones }, copies: rounds.criticalCopies },
  ];
  const bytes = all.reduce((s, e) => s + e.p.length, 0);
  const transmitters = radios.map((r): TransmitterCost => {
    const mine = all.filter((e) => reaches(r.coverage, e.p.zones));
    const air = (len: number) => airtimeUs(len, r.bitrate, r.overhead) / 1000;
    return {
      id: r.id,
      packets: mine.length,
      bytes: mine.reduce((s, e) => s + e.p.length, 0),
      roundAirMs: mine.reduce((s, e) => s + air(e.p.length), 0),
      preloadChannelMs: mine.reduce((s, e) => s + e.copies * (air(e.p.length) + MIN_TX_GAP_US / 1000), 0),
      transmissions: mine.reduce((s, e) => s + e.copies, 0),
    };
  });
  // COLOR with a PIXELS target: header 4, first/last 4, rgb 3, fade 2.
  const perSeatLen = ccbLength({ site: 0, seq: 1, target: { kind: 'PIXELS', first: 0, last: 0 }, cmd: 'COLOR', rgb: [0, 0, 0], fadeMs: 0 });
  const radio = radios[0] ?? { bitrate: 38_400, overhead: 10 };
  const perSeatAir = coveredSeats * (airtimeUs(perSeatLen, radio.bitrate, radio.overhead) / 1000);
  const roundAir = all.reduce((s, e) => s + airtimeUs(e.p.length, radio.bitrate, radio.overhead) / 1000, 0);
  return {
    imagePackets: image.images.length,
    bytes,
    rounds,
    transmitters,
    perSeat: { packets: coveredSeats, bytes: coveredSeats * perSeatLen, airMs: perSeatAir },
    packetRatio: coveredSeats > 0 ? image.images.length / coveredSeats : 0,
    airRatio: perSeatAir > 0 ? roundAir / perSeatAir : 0,
  };
}
