/**
 * Photosensitive safety. No output may flash more than 3 times a second
 * (broadcast rule); a show may lower the limit, and raising it needs an
 * explicit override naming who approved it and why, so it is never silent.
 */
import { z } from 'zod';

export const SAFE_FLASHES_PER_SECOND = 3;

export const SafetyOverrideSchema = z.strictObject({
  maxFlashesPerSecond: z.number().positive().max(60),
  reason: z.string().min(1),
  approvedBy: z.string().min(1),
});

export const SafetySettingsSchema = z
  .strictObject({
    maxFlashesPerSecond: z.number().positive().max(60).default(SAFE_FLASHES_PER_SECOND),
    override: SafetyOverrideSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.maxFlashesPerSecond > SAFE_FLASHES_PER_SECOND && !s.override) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxFlashesPerSecond'],
        message: `above ${SAFE_FLASHES_PER_SECOND} needs safety.override with reason and approvedBy`,
      });
    }
    if (s.override && s.maxFlashesPerSecond > s.override.maxFlashesPerSecond) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxFlashesPerSecond'],
        message: `must be <= override.maxFlashesPerSecond (${s.override.maxFlashesPerSecond})`,
      });
    }
  });

export type SafetyOverride = z.output<typeof SafetyOverrideSchema>;
export type SafetySettings = z.output<typeof SafetySettingsSchema>;
