/**
 * Building blocks shared by every part of the show model. Times are in
 * milliseconds of show time; zones are the band zones 0..63 of spec 2.1.
 */
import { z } from 'zod';

export const IdSchema = z.string().min(1).max(64);
export const NameSchema = z.string().min(1).max(200);
export const MsSchema = z.number().min(0).max(24 * 3600 * 1000);
export const U8Schema = z.number().int().min(0).max(255);
export const U16Schema = z.number().int().min(0).max(0xffff);
export const ZoneIdSchema = z.number().int().min(0).max(63);

/** A band range by seat index (the `pixel` a band is programmed with). */
export const PixelRangeSchema = z
  .strictObject({ first: U16Schema, last: U16Schema })
  .refine((r) => r.first <= r.last, { message: 'first must be <= last', path: ['last'] });
export type PixelRange = z.output<typeof PixelRangeSchema>;
