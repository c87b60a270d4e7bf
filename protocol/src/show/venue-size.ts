/**
 * How many seats a venue generator spec gives, worked out from its numbers
 * before a single seat is made: the simulator's generators build exactly this
 * many, and the show schema refuses a spec over SHOW_LIMITS.seats with it.
 * The generators' default sizes live here so the two can never disagree.
 */
export interface BowlSize {
  tiers: number;
  sections: number;
  rowsPerSection: number;
  seatsPerRow: number;
}

/** Defaults of each generator (the simulator's `stadiumVenue`, `arenaVenue`, `fieldVenue`). */
export const VENUE_DEFAULTS = {
  stadium: { tiers: 2, sections: 24, rowsPerSection: 20, seatsPerRow: 20 } satisfies BowlSize,
  arena: { tiers: 1, sections: 14, rowsPerSection: 15, seatsPerRow: 18, floorRows: 40, floorCols: 60 },
  field: { people: 20_000 },
} as const;

/** Rows and seats per row for roughly `perSection` seats, a little wider than deep. */
export function sectionShape(perSection: number): { rows: number; seatsPerRow: number } {
  const rows = Math.max(1, Math.round(Math.sqrt(perSection * 0.8)));
  return { rows, seatsPerRow: Math.max(1, Math.round(perSection / rows)) };
}

/** A bowl's size from a spec's numbers: `seats` (roughly, in all) overrides rows and seats per row. */
export function bowlSizeOf(spec: Partial<BowlSize> & { seats?: number }, defaults: BowlSize): BowlSize {
  const tiers = spec.tiers ?? defaults.tiers;
  const sections = spec.sections ?? defaults.sections;
  if (spec.seats === undefined) {
    return { tiers, sections, rowsPerSection: spec.rowsPerSection ?? defaults.rowsPerSection, seatsPerRow: spec.seatsPerRow ?? defaults.seatsPerRow };
  }
  const shape = sectionShape(spec.seats / (tiers * sections));
  return { tiers, sections, rowsPerSection: shape.rows, seatsPerRow: shape.seatsPerRow };
}

export interface GeneratorSizeSpec {
  kind: 'stadium' | 'arena' | 'field';
  seats?: number;
  sections?: number;
  rows?: number;
  seatsPerRow?: number;
  [option: string]: unknown;
}

/** Seats the spec's generator makes (a field's `seats` is its head count, reached or nearly). */
export function generatorSeatCount(spec: GeneratorSizeSpec): number {
  const num = (k: string) => (typeof spec[k] === 'number' ? spec[k] : undefined);
  const bowl = { tiers: num('tiers'), sections: spec.sections, rowsPerSection: spec.rows, seatsPerRow: spec.seatsPerRow, seats: spec.seats };
  const seatsOf = (b: BowlSize) => b.tiers * b.sections * b.rowsPerSection * b.seatsPerRow;
  switch (spec.kind) {
    case 'stadium':
      return seatsOf(bowlSizeOf(bowl, VENUE_DEFAULTS.stadium));
    case 'arena': {
      const d = VENUE_DEFAULTS.arena;
      return seatsOf(bowlSizeOf(bowl, d)) + (num('floorRows') ?? d.floorRows) * (num('floorCols') ?? d.floorCols);
    }
    case 'field':
      return spec.seats ?? VENUE_DEFAULTS.field.people;
  }
}
