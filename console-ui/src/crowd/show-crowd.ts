/**
 * The crowd of a show's venue, seat for seat the one the controller plans
 * for: the same venue generator (or seat list, or CSV) and the show's site.
 * Every seat has a band, clocks start at 0 and do not drift, so the view
 * shows the show as planned to land, airtime and all.
 */
import type { Show } from '@crowdcue/protocol';
import { buildCrowd, venueFromShow, type Crowd, type VenueMap } from '@crowdcue/simulator';
import type { BandPositions, SeatLabel } from '@crowdcue/simulator/renderer';

export interface ShowCrowd {
  venue: VenueMap;
  crowd: Crowd;
  positions: BandPositions;
  seatLabel: (i: number) => SeatLabel | undefined;
}

export function venueOf(show: Show): VenueMap {
  return venueFromShow(show.venue);
}

export function crowdFor(venue: VenueMap, site: number): ShowCrowd {
  const crowd = buildCrowd(venue, { site });
  // Drawn in venue units, so a stadium stays oval rather than stretched square.
  return {
    venue,
    crowd,
    positions: { x: crowd.fx, y: crowd.fy },
    seatLabel: (i) => venue.seats[i],
  };
}
