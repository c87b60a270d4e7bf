import { describe, expect, it } from 'vitest';
import { parseShow } from './parse-show';
import { SHOW_LIMITS } from './limits';
import { generatorSeatCount } from './venue-size';

const zones = [{ id: 0, name: 'Z0' }];
const show = (parts: Record<string, unknown>) => parseShow({ version: 1, id: 's', name: 'S', site: 1, venue: { name: 'V', zones, seats: { kind: 'stadium' } }, ...parts });

describe('show limits', () => {
  it('counts a generator spec the way the generators build it', () => {
    expect(generatorSeatCount({ kind: 'stadium' })).toBe(19_200);
    expect(generatorSeatCount({ kind: 'arena' })).toBe(14 * 15 * 18 + 40 * 60);
    expect(generatorSeatCount({ kind: 'stadium', tiers: 8, sections: 400, rows: 200, seatsPerRow: 500 })).toBe(320_000_000);
    expect(generatorSeatCount({ kind: 'field', seats: 30_000 })).toBe(30_000);
  });

  it('refuses a venue over the pixel space of a site, by path, with the limit', () => {
    const r = show({ venue: { name: 'V', zones, seats: { kind: 'stadium', tiers: 8, sections: 400, rows: 200, seatsPerRow: 200 } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([{ path: 'venue.seats', message: expect.stringMatching(/128,000,000 seats; a venue has at most 65,535/) }]);
  });

  it('refuses generator options past their range by name', () => {
    const r = show({ venue: { name: 'V', zones, seats: { kind: 'stadium', tiers: 9 } } });
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['venue.seats.tiers']);
  });

  it('takes a show at the limits and refuses one cue more, naming the count', () => {
    const cues = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `c${from + i}`, number: from + i + 1 }));
    expect(show({ cueLists: [{ id: 'a', name: 'A', cues: cues(SHOW_LIMITS.cues) }] }).ok).toBe(true);
    const over = show({ cueLists: [{ id: 'a', name: 'A', cues: cues(6_000) }, { id: 'b', name: 'B', cues: cues(4_001, 6_000) }] });
    expect(over.ok ? [] : over.errors).toEqual([{ path: 'cueLists', message: '10,001 cues in all; a show has at most 10,000' }]);
  });
});
