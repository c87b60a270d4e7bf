/**
 * A look is what a zone shows: a solid colour (with a fade), a band-side
 * effect (one EFFECT packet animates every band in step), or off.
 */
import { z } from 'zod';
import { ColourSchema } from './colour';
import { MsSchema, U8Schema } from './common';

export const EFFECT_SHAPES = ['SQUARE', 'SINE', 'RAMP', 'RAINBOW', 'SPARKLE'] as const;
export const EFFECT_AXES = ['NONE', 'LINEAR', 'RADIAL', 'ZONE'] as const;

export const ColorLookSchema = z.strictObject({
  kind: z.literal('color'),
  color: ColourSchema,
  /** Overrides the cue's fade for this zone. */
  fade: MsSchema.optional(),
});

export const EffectLookSchema = z.strictObject({
  kind: z.literal('effect'),
  shape: z.enum(EFFECT_SHAPES),
  colors: z.tuple([ColourSchema, ColourSchema]),
  /** One cycle of the effect, ms. */
  period: z.number().int().min(1).max(0xffff),
  axis: z.enum(EFFECT_AXES).default('NONE'),
  /** Degrees, for the LINEAR axis: 0 = along +x, 90 = along +y. */
  direction: z.number().int().min(0).max(359).default(0),
  /** How far the phase spreads across the axis (spec 2.4: spread/16 cycles end to end). */
  spread: U8Schema.default(0),
});

export const OffLookSchema = z.strictObject({
  kind: z.literal('off'),
  fade: MsSchema.optional(),
});

export const LookSchema = z.discriminatedUnion('kind', [ColorLookSchema, EffectLookSchema, OffLookSchema]);

export type ColorLook = z.output<typeof ColorLookSchema>;
export type EffectLook = z.output<typeof EffectLookSchema>;
export type OffLook = z.output<typeof OffLookSchema>;
export type Look = z.output<typeof LookSchema>;

/** `all` or `zone0`..`zone63`. */
export const LOOK_KEY = /^(all|zone([0-9]|[1-5][0-9]|6[0-3]))$/;
export type LookKey = 'all' | `zone${number}`;

export const LooksSchema = z.record(
  z.string().regex(LOOK_KEY, 'must be "all" or zone0..zone63'),
  LookSchema,
);
/** Looks of a cue by zone key (`all`, `zone0`..`zone63`); `all` covers zones without their own key. */
export type Looks = z.output<typeof LooksSchema>;

export const lookKey = (zone: number): LookKey => `zone${zone}`;

/** The zone a look key names, `'all'`, or null for a key that is neither. */
export function lookKeyZone(key: string): number | 'all' | null {
  if (!LOOK_KEY.test(key)) return null;
  return key === 'all' ? 'all' : Number(key.slice(4));
}

/** The look a zone takes from a cue: its own key wins over `all`. */
export function lookForZone(looks: Looks, zone: number): Look | undefined {
  return looks[lookKey(zone)] ?? looks.all;
}
