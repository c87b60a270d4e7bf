/** Show-control inputs a show plugs in: each is optional and set per show. */
import { z } from 'zod';
import { DeskInputSchema } from './desk';

export * from './desk';
export * from './desk-personality';

export const InputsSchema = z.strictObject({
  desk: DeskInputSchema.optional(),
});
export type Inputs = z.output<typeof InputsSchema>;
