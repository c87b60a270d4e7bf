import { parseShow } from '@crowdcue/protocol';
import { venueFromShow } from '@crowdcue/simulator';
import { describe, expect, it } from 'vitest';
import { venueChoiceError, venueOfChoice, type VenueChoice } from './venue-choice';

describe('a venue chosen by kind and size', () => {
  it.each<VenueChoice>([
    { kind: 'stadium', seats: 40_000, zones: 32 },
    { kind: 'arena', seats: 3_000, zones: 6 },
    { kind: 'arena', seats: 12_000, zones: 20 },
    { kind: 'field', seats: 8_000, zones: 9 },
  ])('builds a $kind of about $seats seats in exactly $zones zones, and the show schema takes it', (choice) => {
    const venue = venueOfChoice(choice);
    const map = venueFromShow(venue);
    expect(Math.abs(map.seats.length - choice.seats) / choice.seats).toBeLessThan(0.1);
    expect(venue.zones.length).toBe(choice.zones);
    expect(new Set(map.seats.map((s) => s.zone)).size).toBe(choice.zones);
    const show = parseShow({ version: 1, id: 's', name: 'S', site: 1, venue, cueLists: [] });
    expect(show.ok).toBe(true);
  });

  it('names the field and its limit when a choice cannot be built', () => {
    expect(venueChoiceError({ kind: 'stadium', seats: 70_000, zones: 16 })).toMatch(/^seats must be .* to 65,535/);
    expect(venueChoiceError({ kind: 'field', seats: 5_000, zones: 65 })).toBe('zones must be a whole number from 1 to 64');
    expect(venueChoiceError({ kind: 'arena', seats: 5_000, zones: 1 })).toMatch(/^zones must be .* from 2/);
    expect(() => venueOfChoice({ kind: 'stadium', seats: 10, zones: 4 })).toThrow(/seats must be/);
  });
});
