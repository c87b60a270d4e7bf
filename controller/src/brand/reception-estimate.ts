/**
 * How many bands showed the logo: estimated from the RF model (each
 * transmitter's coverage and loss rate, as the simulator's `coverage` gives
 * them) and the copies sent, and simulated by playing the brand packets
 * through the simulator's RF channel into a crowd, which also gives the
 * snapshot of the reveal.
 */
import { type CcbPacket, encodeCcb, type RepeatPlan, START_ON_RECEIPT } from '@crowdcue/protocol';
import { RfChannel, coverage, type Crowd, type RfTransmitterSpec } from '@crowdcue/simulator';
import { encodeBrandPacket } from './brand-packet';
import type { EncodedSeatImage } from './encode-seat-image';
import { preloadCopies } from './preload-plan';
import { UNCOVERED, type SeatImage } from './reduce-palette';

export interface BandsEstimate {
  /** Covered seats with a band. */
  covered: number;
  /** Expected number of them showing the logo. */
  expected: number;
}

/** Expected bands showing the image: a band needs one copy each of its IMAGE packet, the PALETTE and the SHOW_IMAGE. */
export function estimateBandsShown(crowd: Crowd, image: SeatImage, transmitters: readonly RfTransmitterSpec[], repeats: RepeatPlan): BandsEstimate {
  const probs = transmitters.map((t) => coverage(crowd, t.coverage, { probability: t.probability, lossRate: t.lossRate }));
  let covered = 0;
  let expected = 0;
  for (let i = 0; i < crowd.count; i++) {
    if (image.index[i] === UNCOVERED || !crowd.present[i]) continue;
    covered++;
    let miss = 1;
    for (const p of probs) miss *= 1 - p[i];
    expected += (1 - miss ** repeats.imageRounds) * (1 - miss ** repeats.criticalCopies) ** 2;
  }
  return { covered, expected };
}

/**
 * Plays the preload and one SHOW_IMAGE per critical copy (start at once, no
 * fade) through an RF channel into `crowd`, after `atMs`; returns the crowd time
 * the image shows from and how many covered bands show their colour then.
 */
export function simulateReveal(
  crowd: Crowd,
  image: SeatImage,
  encoded: EncodedSeatImage,
  repeats: RepeatPlan,
  transmitters: readonly RfTransmitterSpec[],
  opts: { site: number; atMs?: number; seed?: number },
): { shownAtMs: number; right: number; covered: number } {
  const rf = new RfChannel(crowd, { transmitters: [...transmitters], seed: opts.seed ?? 1 });
  let t = opts.atMs ?? 0;
  let seq = 0;
  const nextSeq = () => (seq = (seq % 255) + 1);
  const send = (bytes: Uint8Array) => {
    let end = t;
    for (const tx of transmitters) end = Math.max(end, rf.transmit({ transmitterId: tx.id, rf: bytes, startMs: t }).endMs);
    t = end + 1;
  };
  for (const c of preloadCopies(encoded, repeats)) send(encodeBrandPacket(c.packet, opts.site, nextSeq()));
  for (let k = 0; k < repeats.criticalCopies; k++) {
    const show: CcbPacket = { site: opts.site, seq: nextSeq(), target: encoded.showTarget, cmd: 'SHOW_IMAGE', image: encoded.slot, fadeMs: 0, startMs: START_ON_RECEIPT };
    send(encodeCcb(show));
  }
  rf.flush();
  const rgb = new Uint8Array(3 * crowd.count);
  crowd.colorsAt(t, rgb, 'rgb');
  let right = 0;
  let covered = 0;
  for (let i = 0; i < crowd.count; i++) {
    const k = image.index[i];
    if (k === UNCOVERED || !crowd.present[i]) continue;
    covered++;
    const c = image.palette[k];
    if (rgb[3 * i] === c[0] && rgb[3 * i + 1] === c[1] && rgb[3 * i + 2] === c[2]) right++;
  }
  return { shownAtMs: t, right, covered };
}
