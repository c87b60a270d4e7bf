import { encodeCcb } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { stadiumVenue } from '../venue/stadium';
import { buildCrowd } from './build-crowd';

const venue = stadiumVenue({ tiers: 1, sections: 12, rowsPerSection: 10, seatsPerRow: 20, zones: 12 });

describe('buildCrowd', () => {
  it('puts a band in each seat by default, with the venue\'s zones, pixels and scaled positions', () => {
    const crowd = buildCrowd(venue);
    expect(crowd.count).toBe(2400);
    expect(crowd.bandCount).toBe(2400);
    expect(crowd.zone[0]).toBe(venue.seats[0].zone);
    expect(crowd.pixel[2399]).toBe(2399);
    expect(Math.max(...crowd.x)).toBe(255);
    expect(crowd.fx[5]).toBeCloseTo(venue.seats[5].x, 3);
    expect(crowd.seatOf(3)).toBe(venue.seats[3]);
    expect(crowd.site[0]).toBe(1);
  });

  it('is reproducible from the seed and leaves about the right share of seats empty', () => {
    const a = buildCrowd(venue, { attendance: 0.8, seed: 4 });
    const b = buildCrowd(venue, { attendance: 0.8, seed: 4 });
    const c = buildCrowd(venue, { attendance: 0.8, seed: 5 });
    expect([...a.present]).toEqual([...b.present]);
    expect([...a.present]).not.toEqual([...c.present]);
    expect(a.bandCount / a.count).toBeGreaterThan(0.75);
    expect(a.bandCount / a.count).toBeLessThan(0.85);
  });

  it('puts the asked share to sleep and drifts clocks within the bound', () => {
    const crowd = buildCrowd(venue, { asleepShare: 0.25, driftPpm: 50, seed: 2 });
    const asleep = crowd.count - crowd.awake.reduce((s, v) => s + v, 0);
    expect(asleep / crowd.count).toBeGreaterThan(0.2);
    expect(asleep / crowd.count).toBeLessThan(0.3);
    // 1000 s of show time: clocks stay within ±50 ms of each other's mean, and do spread.
    const clocks = Array.from({ length: crowd.count }, (_, i) => crowd.clockOf(i, 1_000_000) - 1_000_000);
    expect(Math.max(...clocks.map(Math.abs))).toBeLessThanOrEqual(50);
    expect(Math.max(...clocks) - Math.min(...clocks)).toBeGreaterThan(50);
  });

  it('makes a crowd that obeys packets for its site', () => {
    const crowd = buildCrowd(venue, { site: 9, attendance: 0.5 });
    crowd.receive(encodeCcb({ site: 9, seq: 1, target: { kind: 'ZONES', zones: [3] }, cmd: 'COLOR', rgb: [0, 0, 255], fadeMs: 0 }), 0);
    const lit = new Set<number>();
    for (let i = 0; i < crowd.count; i++) if (crowd.colorOf(i, 0)[2] === 255) lit.add(crowd.zone[i]);
    expect([...lit]).toEqual([3]);
  });

  it('names bad options', () => {
    expect(() => buildCrowd(venue, { attendance: 1.5 })).toThrow(/attendance/);
    expect(() => buildCrowd(venue, { site: 256 })).toThrow(/site/);
  });
});
