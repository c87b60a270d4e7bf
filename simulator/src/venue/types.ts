/**
 * A venue as bands see it: every seat (or standing spot) with its labels, its
 * position in venue units (metres for generated venues), its zone (0..63) and
 * the pixel index its band is programmed with. `seats`, `zones` and `name` have
 * the shape of a show file's venue, so a generated venue can be saved in a show.
 */
export interface VenueSeat {
  section: string;
  row: string;
  seat: string;
  /** Venue units (metres for generated venues, anything for imported CSV). */
  x: number;
  y: number;
  /** 0..63 */
  zone: number;
  /** Seat index a band is programmed with; 0xFFFF (none) past 65,534 seats. */
  pixel: number;
}

export interface VenueZone {
  id: number;
  name: string;
}

export interface VenueBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export type VenueKind = 'stadium' | 'arena' | 'field' | 'csv' | 'list';

export interface VenueMap {
  name: string;
  kind: VenueKind;
  zones: VenueZone[];
  seats: VenueSeat[];
  /** Extent of the seats in venue units; band x, y are scaled from it to 0..255. */
  bounds: VenueBounds;
}

/** Zones a band can hold (spec 2.1: zone 0..63, one bit of a u64 mask each). */
export const MAX_ZONES = 64;
/** `pixel` of a band that has no seat index (spec 2.1). */
export const NO_PIXEL = 0xffff;
/** Highest pixel index a seat can be given; 0xFFFF means none. */
export const MAX_PIXEL = 0xfffe;
