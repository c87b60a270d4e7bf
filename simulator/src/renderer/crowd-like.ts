/**
 * What the renderer needs from a crowd. Structural, so the view works with the
 * simulator's `Crowd` or any stand-in (a test double, a recorded crowd) without
 * importing its class.
 */
export interface CrowdLike {
  /** Number of bands (seats); band i is seat i. */
  readonly count: number;
  /** Seat position, 0..255 across the venue. */
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Zone of each band (0..63). */
  readonly zone: ArrayLike<number>;
  /** Pixel index of each band. */
  readonly pixel?: ArrayLike<number>;
  /** Writes RGBA per band into `out` (length >= count * 4); alpha 0 = empty seat. */
  colorsAt(atMs: number, out: Uint8Array): void;
}

/** Where a band sits, in the audience's own words. */
export interface SeatLabel {
  section: string | number;
  row: string | number;
  seat: string | number;
}
