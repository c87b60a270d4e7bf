/**
 * Writing zones into the show's venue. A generated or CSV venue becomes an
 * explicit seat list the moment a seat's zone is changed by hand (the
 * generator could not reproduce the change); pixels stay as they were, so
 * bands already programmed keep their seat.
 */
import type { Seat, Show, Venue } from '@crowdcue/protocol';
import type { VenueMap } from '@crowdcue/simulator';

export function seatList(map: VenueMap): Seat[] {
  return map.seats.map((s) => ({ section: s.section, row: s.row, seat: s.seat, x: s.x, y: s.y, zone: s.zone, pixel: s.pixel }));
}

/** Zones of the venue, with any zone the seats use but the list lacks added. */
function zonesFor(venue: Venue, seats: readonly { zone: number }[], extra: number[] = []): Venue['zones'] {
  const zones = venue.zones.slice();
  const have = new Set(zones.map((z) => z.id));
  for (const id of [...seats.map((s) => s.zone), ...extra]) {
    if (!have.has(id)) {
      zones.push({ id, name: `Zone ${id}` });
      have.add(id);
    }
  }
  return zones.sort((a, b) => a.id - b.id);
}

/** The show with every selected seat moved to `zone`. */
export function assignZone(show: Show, map: VenueMap, selected: Uint8Array, zone: number): Show {
  if (!Number.isInteger(zone) || zone < 0 || zone > 63) throw new RangeError(`zone must be 0..63, got ${zone}`);
  const seats = seatList(map);
  if (selected.length !== seats.length) throw new RangeError(`selection covers ${selected.length} seats, the venue has ${seats.length}`);
  for (let i = 0; i < seats.length; i++) if (selected[i]) seats[i] = { ...seats[i], zone };
  return { ...show, venue: { ...show.venue, seats, zones: zonesFor(show.venue, seats, [zone]) } };
}

/** The show with the venue from an imported seat map (kept as CSV text: small, and re-parsed the same way). */
export function venueFromCsv(show: Show, map: VenueMap, csv: string): Show {
  const zones = map.zones.map((z) => ({ id: z.id, name: z.name }));
  return { ...show, venue: { name: show.venue.name, zones, seats: { kind: 'csv', csv } } };
}

/** A new zone made of the selected seats (named `Zone <id>`). */
export function addZoneWith(show: Show, map: VenueMap, selected: Uint8Array, id: number): Show {
  return nameZone(assignZone(show, map, selected, id), id, `Zone ${id}`);
}

/** Renames a zone (or adds it). */
export function nameZone(show: Show, id: number, name: string): Show {
  const zones = show.venue.zones.some((z) => z.id === id)
    ? show.venue.zones.map((z) => (z.id === id ? { ...z, name } : z))
    : [...show.venue.zones, { id, name }].sort((a, b) => a.id - b.id);
  return { ...show, venue: { ...show.venue, zones } };
}

/** Seats per zone, for the palette. */
export function seatsPerZone(map: VenueMap): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of map.seats) out.set(s.zone, (out.get(s.zone) ?? 0) + 1);
  return out;
}
