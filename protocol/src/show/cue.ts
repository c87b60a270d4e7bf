/**
 * Cues and cue lists. A cue's timing: after GO it waits `delay`, fades to its
 * looks over `fade` (a look's own `fade` wins for its zone), then holds for
 * `hang`; the cue is then complete. `follow` (when not null) GOes the next cue
 * that many ms after completion.
 */
import { z } from 'zod';
import { IdSchema, MsSchema, NameSchema, U8Schema } from './common';
import { SHOW_LIMITS } from './limits';
import { LooksSchema } from './look';
import { TimecodeTextSchema } from './inputs/timecode';

export const CueSchema = z.strictObject({
  id: IdSchema,
  /** The operator's cue number (1, 2, 2.5 ...); unique within its list. */
  number: z.number().positive(),
  label: z.string().max(200).default(''),
  looks: LooksSchema.default({}),
  delay: MsSchema.default(0),
  fade: MsSchema.default(0),
  /** ms after this cue completes before the next cue GOes by itself; null = wait for GO. */
  follow: MsSchema.nullable().default(null),
  /** ms the cue holds after its fade before it counts as complete. */
  hang: MsSchema.default(0),
  /** Id of a parade that starts with this cue (after its delay). */
  parade: IdSchema.optional(),
  /** Timecode frame that fires this cue when its cue list chases timecode (`HH:MM:SS:FF`, `;FF` drop-frame). */
  timecode: TimecodeTextSchema.optional(),
});

export const CueListSchema = z.strictObject({
  id: IdSchema,
  name: NameSchema,
  cues: z.array(CueSchema).max(SHOW_LIMITS.cues).default([]),
  /**
   * The list's playback priority in the zone mixer: where two playbacks reach
   * the same zone the higher wins; equal priority, the latest GO wins. Absent: 0.
   */
  priority: z.number().int().min(-100).max(100).optional(),
  /** The playback's fader when the show loads, 0..255 (scales the intensity it contributes). Absent: 255. */
  level: U8Schema.optional(),
});

export type Cue = z.output<typeof CueSchema>;
export type CueList = z.output<typeof CueListSchema>;
