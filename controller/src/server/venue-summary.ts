/** What a venue comes to: seat count, zones with their seat counts, extent (the venue page's figures). */
import type { VenueMap } from '@crowdcue/simulator';

export interface VenueSummary {
  kind: string;
  seats: number;
  zones: Array<{ id: number; name: string; seats: number }>;
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

export function venueSummary(map: VenueMap): VenueSummary {
  const counts = new Map<number, number>();
  for (const s of map.seats) counts.set(s.zone, (counts.get(s.zone) ?? 0) + 1);
  return {
    kind: map.kind,
    seats: map.seats.length,
    zones: map.zones.map((z) => ({ id: z.id, name: z.name, seats: counts.get(z.id) ?? 0 })),
    bounds: map.bounds,
  };
}
