/**
 * How big a show may be. Every limit comes from the product, not from a guess
 * about the server: what the band protocol can address, the largest real
 * venues, and what a show can put on air. They are checked by the show schema
 * (so the exported JSON Schema carries them) before anything is generated,
 * compiled or played, and a request over one is refused naming it.
 */
export const SHOW_LIMITS = {
  /**
   * Seats (bands) in one venue. CCB addresses a band by a u16 pixel and 0xFFFF
   * means "no seat", so a site has 65,535 addressable seats (pixels 0..65,534).
   * Every seat of a show gets its own pixel, so logos and seat-range parade steps
   * reach every band. A bigger crowd is played as two sites (two shows).
   */
  seats: 65_535,
  /** Zones a band can hold: zone 0..63, one bit of the u64 zone mask (spec 2.1). */
  zones: 64,
  /** Bowl tiers (rings of sections). The largest stadiums have 3-5 tiers. */
  tiers: 8,
  /** Sections per tier round a bowl (the largest bowls have ~150). */
  sections: 400,
  /** Rows per section (real sections have 20-60). */
  rowsPerSection: 200,
  /** Seats per row (real rows have 20-40; a standing block may be wider). */
  seatsPerRow: 500,
  /** Rows and columns of a standing floor. */
  floorSide: 1_000,
  /** Width and depth of a festival field, metres (the largest fields are ~1 km across). */
  fieldMetres: 5_000,
  /**
   * Cues in one show, in all its cue lists. A cue is at least one packet batch on
   * air: at a cue every 100 ms a 10,000-cue show is 17 minutes of cue after cue, and a
   * real show runs a few hundred.
   */
  cues: 10_000,
  /** Cue lists in one show (one per act, song or playback). */
  cueLists: 100,
  /** Parades in one show. */
  parades: 1_000,
  /** Tracks in one parade: at most one per zone, plus seat ranges. */
  tracksPerParade: 128,
  /** Steps in one parade track. */
  stepsPerTrack: 1_000,
  /** Parade steps in one show, all parades together: each is one or more EFFECT packets on air. */
  paradeSteps: 20_000,
  /** Parades placed on the show timeline. */
  timelineEntries: 1_000,
  /** Brand sequences in one show. */
  brandSequences: 200,
  /** Steps in one brand sequence. */
  brandSteps: 100,
  /** Transmitters one show plays on. */
  transmitters: 32,
} as const;

export type ShowLimit = keyof typeof SHOW_LIMITS;

/** "10,000": limits read the same in every message. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
