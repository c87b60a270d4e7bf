/**
 * How to build a crowd, as plain JSON: the simulate page rebuilds from it the
 * very crowd the Node side built (venue generators and seeded attendance are
 * deterministic), so band i is the same seat on both sides and an RF reach
 * list computed in Node applies to the page's crowd unchanged.
 */
import {
  arenaVenue,
  buildCrowd,
  fieldVenue,
  parseSeatCsv,
  stadiumVenue,
  type ArenaOptions,
  type BuildCrowdOptions,
  type Crowd,
  type FieldOptions,
  type StadiumOptions,
  type VenueMap,
} from '../index';

export type VenueRecipe =
  | { kind: 'stadium'; options?: StadiumOptions }
  | { kind: 'arena'; options?: ArenaOptions }
  | { kind: 'field'; options?: FieldOptions }
  /** A seat map CSV (`section,row,seat,x,y[,zone]`), carried whole. */
  | { kind: 'csv'; text: string; name?: string };

export interface CrowdRecipe {
  venue: VenueRecipe;
  /** Site, attendance, drift, sleep, clock spread, seed: as buildCrowd takes them. */
  crowd?: BuildCrowdOptions;
}

export function venueFromRecipe(r: VenueRecipe): VenueMap {
  switch (r.kind) {
    case 'stadium':
      return stadiumVenue(r.options);
    case 'arena':
      return arenaVenue(r.options);
    case 'field':
      return fieldVenue(r.options);
    case 'csv': {
      const parsed = parseSeatCsv(r.text, r.name === undefined ? {} : { name: r.name });
      if (!parsed.ok) {
        throw new Error(`seat map: ${parsed.errors.length} error(s); ${parsed.errors[0].message}`);
      }
      return parsed.venue;
    }
  }
}

export function crowdFromRecipe(r: CrowdRecipe): Crowd {
  return buildCrowd(venueFromRecipe(r.venue), r.crowd);
}
