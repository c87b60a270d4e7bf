/** Transmitters a show plays through, and the zones each one reaches. */
import { z } from 'zod';
import { IdSchema, ZoneIdSchema } from './common';

export const TransmitterConfigSchema = z.strictObject({
  id: IdSchema,
  /** `serial:/dev/ttyUSB0`, `tcp://host:port`, `virtual`, `xylo+serial:...` */
  url: z.string().min(1),
  coverage: z.union([z.literal('ALL'), z.array(ZoneIdSchema).min(1)]).default('ALL'),
  /** How early packets are handed over with a timed SEND. */
  lookaheadMs: z.number().int().min(0).max(10_000).optional(),
});

export type TransmitterConfig = z.output<typeof TransmitterConfigSchema>;
