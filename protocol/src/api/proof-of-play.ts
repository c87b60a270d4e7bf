/**
 * A proof-of-play report as the brand reads it: what the slot was meant to do,
 * what went on air, and what the crowd showed, replayed from the on-air record
 * through the simulator's bands (with the RF model's loss). The schemas are the
 * controller's response schemas and the console's types.
 */
import { z } from 'zod';

/** played: the whole slot showed; partial: late, pre-empted, stopped or thin; not-played: nothing showed. */
export const PlayStatusSchema = z.enum(['played', 'partial', 'not-played']);

/** Why a slot is not simply played, with the moments it happened (ISO 8601 wall clock). */
export const PlayReasonSchema = z.object({
  kind: z.enum(['nothing-on-air', 'not-shown', 'late', 'preempted', 'stopped', 'thin', 'not-replayed']),
  /** In the brand's words, with times. */
  message: z.string(),
  at: z.string().optional(),
});

/** The share of covered seats showing the logo's colours at one moment of the slot. */
export const SeatShareSchema = z.object({
  at: z.string(),
  seats: z.number().int().min(0),
  share: z.number().min(0).max(1),
});

export const PlayFiguresSchema = z.object({
  /** Seats the sequence should have lit (a logo's covered seats with a band, or its zones'). */
  seats: z.number().int().min(0),
  start: SeatShareSchema,
  middle: SeatShareSchema,
  end: SeatShareSchema,
  /** How long at least half the seats showed it, ms, of `spanMs`. */
  shownMs: z.number().min(0),
  spanMs: z.number().min(0),
  /** The share every `stepMs` from the slot's start (the report's timeline). */
  stepMs: z.number().positive(),
  /** null: a moment no step was judged at (a parade step). */
  shares: z.array(z.number().min(0).max(1).nullable()),
  /** Loss rate the replay used (RF model). */
  lossRate: z.number().min(0).max(1),
});

export const ProofOfPlayRecordSchema = z.object({
  id: z.number().int(),
  recordedAt: z.string(),
  brand: z.string(),
  sequenceId: z.string(),
  sequenceName: z.string(),
  showId: z.string(),
  /** The show's and the venue's names when recorded. */
  showName: z.string().optional(),
  venueName: z.string().optional(),
  /** Wall-clock times, ISO 8601. */
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  /** When the logo showed on at least half its seats, and until when (the scheduled times when it never did). */
  actualStart: z.string(),
  actualEnd: z.string(),
  zones: z.array(z.number().int()),
  seatsCovered: z.number().int(),
  /** Bands showing it at the slot's middle, in the replay. */
  bandsEstimated: z.number(),
  /** Bands in the covered seats (attendance). */
  bandsCovered: z.number().int(),
  /** Airtime the sequence used, ms, in all and per transmitter. */
  airtimeMs: z.number(),
  airtimeByTransmitter: z.record(z.string(), z.number()),
  /** Packets the sequence put on air (copies included). */
  transmissions: z.number().int(),
  status: PlayStatusSchema,
  reasons: z.array(PlayReasonSchema),
  /** Null for a report recorded without an on-air replay. */
  figures: PlayFiguresSchema.nullable(),
  /** Anything else worth a note: a late preload, an operator's pre-emption. */
  notes: z.string().optional(),
  /** Whether a PNG of the replayed crowd at the slot's middle is kept (`/api/brand/reports/:id/snapshot.png`). */
  hasSnapshot: z.boolean(),
});

export type PlayStatus = z.output<typeof PlayStatusSchema>;
export type PlayReason = z.output<typeof PlayReasonSchema>;
export type SeatShare = z.output<typeof SeatShareSchema>;
export type PlayFigures = z.output<typeof PlayFiguresSchema>;
/** One brand sequence that played (or was due to), as a proof-of-play report lists it. */
export type ProofOfPlayRecord = z.output<typeof ProofOfPlayRecordSchema>;
