/**
 * Brand logo sequences: a logo placed on the seats, revealed, washed,
 * paraded and held, at a scheduled moment, once an operator approved it.
 */
import { z } from 'zod';
import { ColourSchema } from './colour';
import { IdSchema, MsSchema, NameSchema, PixelRangeSchema, ZoneIdSchema } from './common';
import { SHOW_LIMITS } from './limits';

export const LogoPlacementSchema = z.strictObject({
  /** The uploaded image this logo shows (asset id given by the server). */
  asset: z.string().min(1),
  /** Centre of the logo, as a share of the covered seats' width and height (0..1; the whole venue when no zones or seats are named). */
  x: z.number().min(0).max(1).default(0.5),
  y: z.number().min(0).max(1).default(0.5),
  /** 1 = the logo's long side spans the covered seats. */
  scale: z.number().positive().max(100).default(1),
  /** Degrees, clockwise. */
  rotation: z.number().min(-360).max(360).default(0),
  /** fit: the whole logo is visible; fill: it covers the area and may be cropped. */
  fit: z.enum(['fit', 'fill']).default('fit'),
  background: ColourSchema.default([0, 0, 0]),
  /** Zones the logo covers; absent = every zone. */
  zones: z.array(ZoneIdSchema).min(1).optional(),
  /** Seat blocks (pixel ranges) the logo covers, in addition to zones. */
  seats: z.array(PixelRangeSchema).min(1).optional(),
});

export const BrandStepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('reveal'), duration: MsSchema, fade: MsSchema.default(0) }),
  z.strictObject({ kind: z.literal('wash'), duration: MsSchema, color: ColourSchema, fade: MsSchema.default(0) }),
  z.strictObject({ kind: z.literal('parade'), duration: MsSchema, parade: IdSchema }),
  z.strictObject({ kind: z.literal('hold'), duration: MsSchema }),
]);

export const BrandScheduleSchema = z.union([
  z.strictObject({ wallClock: z.iso.datetime({ offset: true }) }),
  z.strictObject({ showTime: MsSchema }),
  z.strictObject({ cue: IdSchema }),
]);

export const BrandSequenceSchema = z.strictObject({
  id: IdSchema,
  brand: IdSchema,
  name: NameSchema,
  logo: LogoPlacementSchema.optional(),
  steps: z.array(BrandStepSchema).min(1).max(SHOW_LIMITS.brandSteps),
  schedule: BrandScheduleSchema.optional(),
  /** Set by an operator or admin; an unapproved sequence never plays. */
  approved: z.boolean().default(false),
  /** The operator or admin account that approved it (set by the approvals route, never by an editor). */
  approvedBy: z.string().min(1).max(64).optional(),
});

export type LogoPlacement = z.output<typeof LogoPlacementSchema>;
export type BrandStep = z.output<typeof BrandStepSchema>;
export type BrandSchedule = z.output<typeof BrandScheduleSchema>;
export type BrandSequence = z.output<typeof BrandSequenceSchema>;
