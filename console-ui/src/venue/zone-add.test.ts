import { parseShow, type Show } from '@crowdcue/protocol';
import { venueFromShow } from '@crowdcue/simulator';
import { describe, expect, it } from 'vitest';
import { addZoneWith } from './zone-assign';

function show(): Show {
  const r = parseShow({ version: 1, id: 's', name: 'S', site: 1, venue: { name: 'V', zones: [{ id: 0, name: 'A' }, { id: 1, name: 'B' }], seats: { kind: 'arena', seats: 300, zones: 2 } } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('+ Zone with seats selected', () => {
  it('makes the new zone out of the selected seats, leaving the others where they were', () => {
    const s = show();
    const map = venueFromShow(s.venue);
    const selected = new Uint8Array(map.seats.length);
    for (let i = 0; i < 25; i++) selected[i] = 1;
    const next = addZoneWith(s, map, selected, 2);
    expect(next.venue.zones.find((z) => z.id === 2)).toEqual({ id: 2, name: 'Zone 2' });
    const after = venueFromShow(next.venue);
    expect(after.seats.length).toBe(map.seats.length);
    expect(after.seats.filter((seat) => seat.zone === 2).length).toBe(25);
    expect(after.seats.slice(25).map((seat) => seat.zone)).toEqual(map.seats.slice(25).map((seat) => seat.zone));
  });
});
