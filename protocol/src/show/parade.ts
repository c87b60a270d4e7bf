/**
 * A light parade: tracks of timed effect steps on zones or seats. The
 * planner compiles each step into band-side EFFECT/COLOR packets with
 * absolute start times, so one packet animates the whole venue in step.
 */
import { z } from 'zod';
import { ColourSchema } from './colour';
import { IdSchema, MsSchema, NameSchema, PixelRangeSchema, U8Schema, ZoneIdSchema } from './common';
import { SHOW_LIMITS } from './limits';

export const PARADE_STEP_KINDS = ['WAVE', 'CHASE', 'PULSE', 'STROBE', 'RAINBOW', 'SPARKLE', 'COLOR', 'FADE'] as const;
export type ParadeStepKind = (typeof PARADE_STEP_KINDS)[number];

export const ParadeTargetSchema = z.union([
  z.strictObject({ zones: z.array(ZoneIdSchema).min(1) }),
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ pixels: PixelRangeSchema }),
]);
export type ParadeTarget = z.output<typeof ParadeTargetSchema>;

export const ParadeDirectionSchema = z.discriminatedUnion('axis', [
  /** Degrees: 0 = along +x, 90 = along +y. */
  z.strictObject({ axis: z.literal('linear'), angle: z.number().int().min(0).max(359).default(0) }),
  z.strictObject({ axis: z.literal('radial'), outward: z.boolean().default(true) }),
  z.strictObject({ axis: z.literal('zone'), reverse: z.boolean().default(false) }),
  z.strictObject({ axis: z.literal('none') }),
]);
export type ParadeDirection = z.output<typeof ParadeDirectionSchema>;

export const ParadeStepSchema = z.strictObject({
  id: IdSchema,
  /** Start, ms from the parade's start. */
  at: MsSchema,
  duration: z.number().min(1).max(24 * 3600 * 1000),
  kind: z.enum(PARADE_STEP_KINDS),
  /** Up to two colours (an EFFECT carries two); RAINBOW may have none. */
  colors: z.array(ColourSchema).max(2).default([]),
  direction: ParadeDirectionSchema.default({ axis: 'none' }),
  /** Period of one cycle, ms. */
  speed: z.number().int().min(1).max(0xffff).default(1000),
  spread: U8Schema.default(0),
  /** Fade into the step, ms (COLOR and FADE steps). */
  fade: MsSchema.default(0),
});

export const ParadeTrackSchema = z.strictObject({
  id: IdSchema,
  name: z.string().max(200).default(''),
  target: ParadeTargetSchema,
  steps: z.array(ParadeStepSchema).max(SHOW_LIMITS.stepsPerTrack).default([]),
});

export const ParadeSchema = z.strictObject({
  id: IdSchema,
  name: NameSchema,
  duration: z.number().min(1).max(24 * 3600 * 1000),
  tracks: z.array(ParadeTrackSchema).max(SHOW_LIMITS.tracksPerParade).default([]),
});

/** A parade placed on the show timeline, `at` ms of show time. */
export const TimelineEntrySchema = z.strictObject({ parade: IdSchema, at: MsSchema });

export type ParadeStep = z.output<typeof ParadeStepSchema>;
export type ParadeTrack = z.output<typeof ParadeTrackSchema>;
export type Parade = z.output<typeof ParadeSchema>;
export type TimelineEntry = z.output<typeof TimelineEntrySchema>;
