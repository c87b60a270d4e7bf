/**
 * What a show takes in from the rig besides the console: OSC from show-callers
 * (and, beside it, timecode and a lighting desk). Changing any of it needs an
 * operator or admin (a show's `inputs` field).
 */
import { z } from 'zod';
import { OscInputSchema } from './osc';

export * from './osc';

export const InputsSchema = z.strictObject({
  osc: OscInputSchema.optional(),
});

export type Inputs = z.output<typeof InputsSchema>;
