/**
 * The preload: every copy of the PALETTE and IMAGE packets, on air at low
 * priority before the reveal, in the air live cues leave. At scheduling time
 * `estimatePreload` says how long it needs on each transmitter and when it
 * must start, so an operator hears about a preload that cannot finish while
 * there is still time to move the slot. At run time `PreloadFeeder` books the
 * copies a little at a time into the planner's airtime ledgers (after what the
 * live show already booked there), paced so it never takes more than its
 * budget of the channel, and hands them to the transmitters.
 */
import { airtimeUs, MIN_TX_GAP_US, type RepeatPlan } from '@crowdcue/protocol';
import type { BrandPacket } from './brand-packet';
import type { EncodedSeatImage } from './encode-seat-image';
import { reaches, type RadioSpec } from './image-cost';

/** One copy of one packet in the preload, in the order they go on air. */
export interface PreloadCopy {
  packet: BrandPacket;
  /** 0-based round. */
  round: number;
}

/** Round after round of every IMAGE packet; the PALETTE opens each round and its extra copies close the preload. */
export function preloadCopies(image: EncodedSeatImage, repeats: RepeatPlan): PreloadCopy[] {
  const out: PreloadCopy[] = [];
  for (let round = 0; round < repeats.imageRounds; round++) {
    out.push({ packet: image.palette, round });
    for (const p of image.images) out.push({ packet: p, round });
  }
  for (let extra = repeats.imageRounds; extra < repeats.criticalCopies; extra++) out.push({ packet: image.palette, round: extra });
  return out;
}

export interface PreloadBudget {
  /** Most of a transmitter's channel the preload may take, 0..1; default 0.5. */
  share?: number;
  /** Share of the channel live cues are expected to use meanwhile, 0..1; default 0.2. */
  liveShare?: number;
  /** Time kept between the preload's end and the first SHOW_IMAGE, ms; default 200. */
  marginMs?: number;
  /** How long before the reveal the SHOW_IMAGE copies go out, ms; default 600. */
  showLeadMs?: number;
}

export const DEFAULT_BUDGET: Required<PreloadBudget> = { share: 0.5, liveShare: 0.2, marginMs: 200, showLeadMs: 600 };

export interface TransmitterPreload {
  id: string;
  copies: number;
  /** Channel time the copies hold (airtime plus the device's 1 ms gaps), ms. */
  channelMs: number;
  /** Wall time they need at the usable share of the channel, ms. */
  needMs: number;
}

export interface PreloadEstimate {
  transmitters: TransmitterPreload[];
  /** Usable share of each channel: min(budget share, 1 - live share). */
  usableShare: number;
  /** Preload must start this long before the reveal, ms. */
  leadMs: number;
  /** When it must start (controller ms) for a reveal at `revealAtMs`. */
  startByMs: number;
  /** When the SHOW_IMAGE copies begin. */
  showFromMs: number;
  /** Can it still finish: startByMs is not in the past. */
  feasible: boolean;
  /** How much time is missing when not feasible, ms. */
  shortByMs: number;
}

export function estimatePreload(
  copies: readonly PreloadCopy[],
  radios: readonly RadioSpec[],
  revealAtMs: number,
  nowMs: number,
  budget: PreloadBudget = {},
): PreloadEstimate {
  const b = { ...DEFAULT_BUDGET, ...budget };
  const usableShare = Math.max(0.01, Math.min(b.share, 1 - b.liveShare));
  const transmitters = radios.map((r): TransmitterPreload => {
    const mine = copies.filter((c) => reaches(r.coverage, c.packet.zones));
    const channelMs = mine.reduce((s, c) => s + airtimeUs(c.packet.length, r.bitrate, r.overhead) / 1000 + MIN_TX_GAP_US / 1000, 0);
    return { id: r.id, copies: mine.length, channelMs, needMs: channelMs / usableShare };
  });
  const needMs = Math.max(0, ...transmitters.map((t) => t.needMs));
  const showFromMs = revealAtMs - b.showLeadMs;
  const leadMs = Math.ceil(needMs + b.marginMs + b.showLeadMs);
  const startByMs = revealAtMs - leadMs;
  return { transmitters, usableShare, leadMs, startByMs, showFromMs, feasible: startByMs >= nowMs, shortByMs: Math.max(0, nowMs - startByMs) };
}
