/**
 * The venue: its zones and its seats. Seats come from a generator spec
 * (the simulator builds stadiums, arenas and fields from a seed), an
 * imported seat list, or seat-map CSV text (parsed by the simulator).
 */
import { z } from 'zod';
import { NameSchema, U16Schema, ZoneIdSchema } from './common';

export const ZoneSchema = z.strictObject({ id: ZoneIdSchema, name: NameSchema });

const Label = z.union([z.string(), z.number()]).transform(String);

export const SeatSchema = z.strictObject({
  section: Label,
  row: Label,
  seat: Label,
  /** Position in venue units (metres in generated venues). */
  x: z.number(),
  y: z.number(),
  zone: ZoneIdSchema,
  /** Seat index a band is programmed with; defaults to the seat's place in the list. */
  pixel: U16Schema.optional(),
});

export const VENUE_KINDS = ['stadium', 'arena', 'field'] as const;

export const SeatGeneratorSchema = z
  .object({
    kind: z.enum(VENUE_KINDS),
    seed: z.number().int().default(1),
    /** Approximate number of seats wanted. */
    seats: z.number().int().min(1).max(0xfffe).optional(),
    sections: z.number().int().min(1).optional(),
    rows: z.number().int().min(1).optional(),
    seatsPerRow: z.number().int().min(1).optional(),
  })
  // other sizes are the generator's own options; all numeric
  .catchall(z.number());

export const SeatCsvSchema = z.strictObject({ kind: z.literal('csv'), csv: z.string().min(1) });

export const SeatsSchema = z.union([
  z.array(SeatSchema).min(1).max(0xfffe),
  z.discriminatedUnion('kind', [SeatGeneratorSchema, SeatCsvSchema]),
]);

export const VenueSchema = z.strictObject({
  name: NameSchema,
  zones: z.array(ZoneSchema).min(1).max(64),
  seats: SeatsSchema,
});

export type Zone = z.output<typeof ZoneSchema>;
export type Seat = z.output<typeof SeatSchema>;
export type SeatGenerator = z.output<typeof SeatGeneratorSchema>;
export type SeatCsv = z.output<typeof SeatCsvSchema>;
export type Seats = z.output<typeof SeatsSchema>;
export type Venue = z.output<typeof VenueSchema>;
