/** Show-control inputs a show is wired to (timecode, lighting desk, OSC): each optional, set per show. */
import { z } from 'zod';
import { DeskInputSchema } from './desk';
import { TimecodeInputSchema } from './timecode';

export * from './desk';
export * from './desk-personality';
export * from './timecode';

export const InputsSchema = z.strictObject({
  timecode: TimecodeInputSchema.optional(),
  desk: DeskInputSchema.optional(),
});
export type Inputs = z.output<typeof InputsSchema>;
