import { parseShow, type Show } from '@crowdcue/protocol';
import { parseSeatCsv, venueFromShow } from '@crowdcue/simulator';
import { describe, expect, it } from 'vitest';
import { countSelected, rectOf, selectedSections, selectInRect, selectSection } from './seat-select';
import { assignZone, nameZone, seatsPerZone, venueFromCsv } from './zone-assign';
import { zoneColour } from './zone-colours';

function show(): Show {
  const r = parseShow({
    version: 1, id: 's', name: 'S', site: 1,
    venue: { name: 'V', zones: [{ id: 0, name: 'A' }, { id: 1, name: 'B' }], seats: { kind: 'arena', seats: 300, zones: 2 } },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('seat selection', () => {
  const points: Array<[number, number]> = [[0, 0], [10, 10], [20, 20], [30, 5]];
  it('selects by box, adds and removes', () => {
    let sel = selectInRect(new Uint8Array(4), (i) => points[i], rectOf(25, 0, 5, 15), 'replace');
    expect(Array.from(sel)).toEqual([0, 1, 0, 0]);
    sel = selectInRect(sel, (i) => points[i], rectOf(25, 0, 35, 25), 'add');
    expect(Array.from(sel)).toEqual([0, 1, 0, 1]);
    sel = selectInRect(sel, (i) => points[i], rectOf(0, 0, 12, 12), 'remove');
    expect(Array.from(sel)).toEqual([0, 0, 0, 1]);
    expect(countSelected(sel)).toBe(1);
  });

  it('selects a whole section from one seat', () => {
    const map = venueFromShow(show().venue);
    const sel = selectSection(new Uint8Array(map.seats.length), map, 0, 'replace');
    const section = map.seats[0].section;
    expect(countSelected(sel)).toBe(map.seats.filter((s) => s.section === section).length);
    expect(selectedSections(sel, map)).toEqual([section]);
  });
});

describe('zone assignment', () => {
  it('moves selected seats to a zone, turning the venue into a seat list that stays valid', () => {
    const s = show();
    const map = venueFromShow(s.venue);
    const sel = new Uint8Array(map.seats.length);
    sel[0] = sel[5] = 1;
    const next = assignZone(s, map, sel, 7);
    const r = parseShow(next);
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(Array.isArray(next.venue.seats)).toBe(true);
    const seats = next.venue.seats as Array<{ zone: number; pixel?: number }>;
    expect(seats[0].zone).toBe(7);
    expect(seats[5].zone).toBe(7);
    expect(seats[1].pixel).toBe(map.seats[1].pixel);
    expect(next.venue.zones.map((z) => z.id)).toEqual([0, 1, 7]);
    expect(seatsPerZone(venueFromShow(next.venue)).get(7)).toBe(2);
    expect(() => assignZone(s, map, sel, 64)).toThrow(/0..63/);
  });

  it('takes a seat map CSV as the venue', () => {
    const csv = 'section,row,seat,x,y,zone\nA,1,1,0,0,0\nA,1,2,1,0,0\nB,1,1,5,0,3\n';
    const parsed = parseSeatCsv(csv);
    if (!parsed.ok) throw new Error('bad csv');
    const next = venueFromCsv(show(), parsed.venue, csv);
    const r = parseShow(next);
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(venueFromShow(next.venue).seats).toHaveLength(3);
    expect(next.venue.zones.map((z) => z.id)).toEqual([0, 3]);
  });

  it('names zones and gives each a distinct colour', () => {
    expect(nameZone(show(), 1, 'Left').venue.zones[1].name).toBe('Left');
    expect(nameZone(show(), 5, 'New').venue.zones.map((z) => z.id)).toEqual([0, 1, 5]);
    const colours = new Set(Array.from({ length: 16 }, (_, z) => zoneColour(z).join(',')));
    expect(colours.size).toBe(16);
  });
});
