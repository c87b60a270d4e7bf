/** The show file: everything a show needs to play, in one JSON document. */
import { z } from 'zod';
import { BrandSequenceSchema } from './brand';
import { PalettesSchema } from './colour';
import { IdSchema, NameSchema, U8Schema } from './common';
import { CueListSchema } from './cue';
import { ParadeSchema, TimelineEntrySchema } from './parade';
import { checkShowReferences } from './references';
import { SafetySettingsSchema } from './safety';
import { TransmitterConfigSchema } from './transmitter';
import { VenueSchema } from './venue';
import { checkShowTotals } from './show-totals';
import { SHOW_LIMITS } from './limits';
import { InputsSchema } from './inputs/index';
import { checkTimecodeInput } from './inputs/check-timecode';

export const SHOW_VERSION = 1;

/** The show's fields, without the cross-reference checks (used section by section). */
export const showShape = {
  /** Editors' pointer to the JSON Schema (show.schema.json); ignored. */
  $schema: z.string().optional(),
  version: z.literal(SHOW_VERSION),
  id: IdSchema,
  name: NameSchema,
  /** The CCB `site` byte: bands of another show ignore this one. */
  site: U8Schema,
  venue: VenueSchema,
  palettes: PalettesSchema.default({}),
  cueLists: z.array(CueListSchema).max(SHOW_LIMITS.cueLists).default([]),
  parades: z.array(ParadeSchema).max(SHOW_LIMITS.parades).default([]),
  timeline: z.array(TimelineEntrySchema).max(SHOW_LIMITS.timelineEntries).default([]),
  brandSequences: z.array(BrandSequenceSchema).max(SHOW_LIMITS.brandSequences).default([]),
  transmitters: z.array(TransmitterConfigSchema).max(SHOW_LIMITS.transmitters).default([]),
  safety: SafetySettingsSchema.default({ maxFlashesPerSecond: 3 }),
  /** A second GO on the same playback within this many ms is ignored: a double-click is one GO. Absent: 300; 0 turns it off. */
  goLockoutMs: z.number().int().min(0).max(5000).optional(),
  /** Show-control inputs: timecode, lighting desk, OSC; changing them needs an operator or admin. */
  inputs: InputsSchema.optional(),
};

export const ShowSchema = z.strictObject(showShape).superRefine((show, ctx) => {
  for (const issue of checkShowTotals(show)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  for (const issue of checkShowReferences(show)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  for (const issue of checkTimecodeInput(show)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

/** A parsed show: defaults filled, colours as [r, g, b]. */
export type Show = z.output<typeof ShowSchema>;
/** A show as written in a file (defaults optional, colours may be #rrggbb). */
export type ShowInput = z.input<typeof ShowSchema>;
