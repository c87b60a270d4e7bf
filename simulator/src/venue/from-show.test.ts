import { VenueSchema } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { venueFromShow as resolve } from './from-show';

/** As a show file holds it, checked by the show schema. */
const venueFromShow = (v: unknown) => resolve(VenueSchema.parse(v));

describe('venueFromShow', () => {
  it('runs a generator spec with the show\'s zone count and names', () => {
    const zones = Array.from({ length: 12 }, (_, id) => ({ id, name: `Block ${id}` }));
    const v = venueFromShow({ name: 'Demo', zones, seats: { kind: 'stadium', seed: 1, seats: 20_000 } });
    expect(v.name).toBe('Demo');
    expect(Math.abs(v.seats.length - 20_000)).toBeLessThan(1000);
    expect(new Set(v.seats.map((s) => s.zone)).size).toBe(12);
    expect(v.zones[3]).toEqual({ id: 3, name: 'Block 3' });
  });

  it('takes a seat list as is, pixels defaulting to the seat\'s place', () => {
    const v = venueFromShow({
      name: 'Tiny',
      zones: [{ id: 4, name: 'Front' }],
      seats: [
        { section: 'A', row: '1', seat: '1', x: 0, y: 0, zone: 4 },
        { section: 'A', row: '1', seat: '2', x: 1, y: 0, zone: 4, pixel: 77 },
      ],
    });
    expect(v.seats.map((s) => s.pixel)).toEqual([0, 77]);
    expect(v.zones).toEqual([{ id: 4, name: 'Front' }]);
  });

  it('parses CSV and reports its errors by line', () => {
    const ok = venueFromShow({ name: 'Hall', zones: [{ id: 0, name: 'Stalls' }], seats: { kind: 'csv', csv: 'A,1,1,0,0\nA,1,2,1,0' } });
    expect(ok.seats).toHaveLength(2);
    expect(ok.zones).toEqual([{ id: 0, name: 'Stalls' }]);
    expect(() => venueFromShow({ name: 'Hall', zones: [{ id: 0, name: 'S' }], seats: { kind: 'csv', csv: 'A,1,1,zero,0' } })).toThrow(/line 1, column x: not a number/);
  });

  it('builds an arena and a field from specs', () => {
    const zones = Array.from({ length: 14 }, (_, id) => ({ id, name: `Z${id}` }));
    const arena = venueFromShow({ name: 'A', zones, seats: { kind: 'arena', seed: 2 } });
    expect(new Set(arena.seats.map((s) => s.zone)).size).toBe(14);
    const field = venueFromShow({ name: 'F', zones, seats: { kind: 'field', seed: 2, seats: 3000 } });
    expect(field.seats).toHaveLength(3000);
  });
});
