/** Show-control inputs a show is wired to (timecode, lighting desk, OSC), each optional. */
import { z } from 'zod';
import { TimecodeInputSchema } from './timecode';

export const InputsSchema = z.strictObject({
  timecode: TimecodeInputSchema.optional(),
});

export type Inputs = z.output<typeof InputsSchema>;
export * from './timecode';
