/**
 * What the controller's `/api/brand` routes answer: uploaded logos, a logo's
 * preview on the seats with its airtime cost, sequences with their slot, the
 * approval view operators weigh, and proof-of-play reports. The console's
 * brand and approval pages read the same types.
 */
import type { BrandSequence } from '../show/brand';

export type LogoFormat = 'png' | 'jpeg' | 'svg';

/** What an uploaded image is, as decoded. */
export interface LogoInfo {
  format: LogoFormat;
  width: number;
  height: number;
  bytes: number;
}

export interface LogoRecord extends LogoInfo {
  asset: string;
  brand: string;
  name: string;
  uploadedAt: string;
  uploadedBy: string;
}

/** How often a logo's packets go on air so enough bands catch them. */
export interface RepeatPlan {
  /** Rounds of the IMAGE packets (each packet sent this many times in all). */
  imageRounds: number;
  /** Copies of the PALETTE and of the SHOW_IMAGE. */
  criticalCopies: number;
  /** Expected share of covered bands showing the right colour at `lossRate`. */
  expectedShare: number;
}

export interface TransmitterCost {
  id: string;
  /** Logical packets routed to it (one round, PALETTE + IMAGE + SHOW_IMAGE). */
  packets: number;
  /** Payload bytes of those packets. */
  bytes: number;
  /** On air for one round, ms (transmissions only). */
  roundAirMs: number;
  /** Channel held by the whole preload and reveal: every copy, with the gaps, ms. */
  preloadChannelMs: number;
  transmissions: number;
}

/** What a logo costs on air, and the same logo sent the naive way (one COLOR per seat). */
export interface ImageCost {
  imagePackets: number;
  /** PALETTE + IMAGE + SHOW_IMAGE payload bytes, one copy each. */
  bytes: number;
  rounds: RepeatPlan;
  transmitters: TransmitterCost[];
  /** One COLOR per covered seat (PIXELS target), once: the naive alternative. */
  perSeat: { packets: number; bytes: number; airMs: number };
  /** IMAGE packets / per-seat packets. */
  packetRatio: number;
  /** Airtime of one round / per-seat airtime (the first transmitter's radio). */
  airRatio: number;
}

export interface PreloadFigures {
  /** Copies on air (PALETTE, IMAGE rounds). */
  copies: number;
  rounds: number;
  /** How long before the reveal the preload must start, ms. */
  leadMs: number;
  /** Channel time per transmitter, ms. */
  transmitters: Array<{ id: string; copies: number; channelMs: number; needMs: number }>;
  /** Whether it can finish for this slot (null: cannot tell until the show runs or the cue fires). */
  feasible: boolean | null;
  shortByMs: number;
}

/** A logo placed on a show's seats, before anyone commits: colours, coverage, airtime and preload. */
export interface LogoPreview {
  palette: Array<[number, number, number]>;
  seats: { covered: number; total: number };
  zones: number[];
  cost: ImageCost;
  preload: PreloadFigures;
  /** Packets as hex, for the console's crowd view (site and seq filled with placeholders). */
  packets: { site: number; palette: string; images: string[]; showImage: { target: unknown; image: number } };
  /** The seat image as bands hold it, PNG, base64. */
  seatImagePng: string;
}

export interface SequenceView {
  show: string;
  sequence: BrandSequence;
  durationMs: number;
  slot: string | null;
}

/** A sequence as an operator weighs it for approval. */
export interface ApprovalView extends SequenceView {
  /** Zones the sequence changes (the logo's covered seats and its parades' zones). */
  zones: number[];
  /** The logo's preload for the current slot (null without a logo reveal, or when the logo cannot be placed). */
  preload: PreloadFigures | null;
  /** What stands in the way of playing: no slot, an overlap with another sequence on a shared zone, a preload that cannot finish or cannot be judged yet. */
  warnings: string[];
}

/** The answer to scheduling a sequence: the sequence, its preload for the slot, and what stands in the way. */
export interface ScheduleResult {
  sequence: SequenceView;
  preload: PreloadFigures | null;
  warnings: string[];
}
