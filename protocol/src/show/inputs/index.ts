/**
 * What a show takes in from the rig besides the console: timecode, a lighting
 * desk, OSC from show-callers; each optional, set per show. Changing any of it
 * needs an operator or admin (a show's `inputs` field).
 */
import { z } from 'zod';
import { DeskInputSchema } from './desk';
import { OscInputSchema } from './osc';
import { TimecodeInputSchema } from './timecode';

export * from './desk';
export * from './desk-personality';
export * from './osc';
export * from './timecode';

export const InputsSchema = z.strictObject({
  timecode: TimecodeInputSchema.optional(),
  desk: DeskInputSchema.optional(),
  osc: OscInputSchema.optional(),
});
export type Inputs = z.output<typeof InputsSchema>;
