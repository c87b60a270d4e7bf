/**
 * The venue: its zones and its seats. Seats come from a generator spec
 * (the simulator builds stadiums, arenas and fields from a seed), an
 * imported seat list, or seat-map CSV text (parsed by the simulator).
 */
import { z } from 'zod';
import { NameSchema, U16Schema, ZoneIdSchema } from './common';
import { SHOW_LIMITS, formatCount } from './limits';
import { generatorSeatCount, type GeneratorSizeSpec } from './venue-size';

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

const size = (max: number, min = 1) => z.number().int().min(min).max(max);

export const SeatGeneratorSchema = z
  .object({
    kind: z.enum(VENUE_KINDS),
    seed: z.number().int().default(1),
    /** Approximate number of seats wanted (a field's head count). */
    seats: size(SHOW_LIMITS.seats).optional(),
    sections: size(SHOW_LIMITS.sections).optional(),
    rows: size(SHOW_LIMITS.rowsPerSection).optional(),
    seatsPerRow: size(SHOW_LIMITS.seatsPerRow).optional(),
    tiers: size(SHOW_LIMITS.tiers).optional(),
    zones: size(SHOW_LIMITS.zones).optional(),
    floorRows: size(SHOW_LIMITS.floorSide, 0).optional(),
    floorCols: size(SHOW_LIMITS.floorSide, 0).optional(),
    floorZones: size(SHOW_LIMITS.zones - 1).optional(),
    width: z.number().positive().max(SHOW_LIMITS.fieldMetres).optional(),
    depth: z.number().positive().max(SHOW_LIMITS.fieldMetres).optional(),
  })
  // other sizes are the generator's own options; all numeric
  .catchall(z.number())
  // Counted from the numbers before any seat is made: a spec for millions of seats is refused here, not
  // generated. Only once every option is in range, so an option past its own limit is named alone.
  .refine((spec) => generatorSeatCount(spec) <= SHOW_LIMITS.seats, {
    error: (issue) =>
      `gives ${formatCount(generatorSeatCount(issue.input as GeneratorSizeSpec))} seats; a venue has at most ${formatCount(SHOW_LIMITS.seats)} ` +
      "(a band's pixel is a u16, so one site addresses 65,535 seats)",
    when: (payload) => payload.issues.length === 0,
  })
  .describe(`A seat generator; at most ${formatCount(SHOW_LIMITS.seats)} seats in all (tiers x sections x rows x seatsPerRow, plus an arena's floor).`);

/** Seat-map CSV text: 65,535 seats of about 60 characters a line fit well inside 8 MiB. */
export const SEAT_CSV_MAX_BYTES = 8 * 1024 * 1024;

export const SeatCsvSchema = z.strictObject({ kind: z.literal('csv'), csv: z.string().min(1).max(SEAT_CSV_MAX_BYTES) });

export const SeatsSchema = z.union([
  z.array(SeatSchema).min(1).max(SHOW_LIMITS.seats),
  z.discriminatedUnion('kind', [SeatGeneratorSchema, SeatCsvSchema]),
]);

export const VenueSchema = z.strictObject({
  name: NameSchema,
  zones: z.array(ZoneSchema).min(1).max(SHOW_LIMITS.zones),
  seats: SeatsSchema,
});

export type Zone = z.output<typeof ZoneSchema>;
export type Seat = z.output<typeof SeatSchema>;
export type SeatGenerator = z.output<typeof SeatGeneratorSchema>;
export type SeatCsv = z.output<typeof SeatCsvSchema>;
export type Seats = z.output<typeof SeatsSchema>;
export type Venue = z.output<typeof VenueSchema>;
