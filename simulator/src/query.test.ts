import { encodeCcb } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { buildCrowd } from './crowd/build-crowd';
import { Crowd } from './crowd/crowd';
import { colorOfSeat, seatIndex, snapshot } from './query';
import { stadiumVenue } from './venue/stadium';

const venue = stadiumVenue({ tiers: 1, sections: 4, rowsPerSection: 3, seatsPerRow: 5, zones: 4 });

describe('query', () => {
  it('finds a seat by labels or index and tells its colour; null for an empty seat', () => {
    const crowd = buildCrowd(venue, { attendance: 0.5, seed: 3 });
    crowd.receive(encodeCcb({ site: 1, seq: 1, target: { kind: 'ZONES', zones: [2] }, cmd: 'COLOR', rgb: [0, 200, 0], fadeMs: 1000 }), 0);
    const i = seatIndex(crowd, { section: '103', row: 2, seat: '4' });
    expect(venue.seats[i]).toMatchObject({ section: '103', row: '2', seat: '4', zone: 2 });
    const present = [...crowd.present.keys()].filter((k) => crowd.present[k] && crowd.zone[k] === 2);
    const empty = [...crowd.present.keys()].find((k) => !crowd.present[k])!;
    expect(colorOfSeat(crowd, present[0], 500)).toEqual([0, 100, 0]);
    expect(colorOfSeat(crowd, empty, 500)).toBeNull();
  });

  it('names a seat that does not exist', () => {
    const crowd = buildCrowd(venue);
    expect(() => seatIndex(crowd, { section: '109', row: 1, seat: 1 })).toThrow(/no seat section 109 row 1 seat 1 in Stadium/);
    expect(() => seatIndex(crowd, 60)).toThrow(/no seat 60/);
    const bare = new Crowd([{ site: 1, zone: 0, pixel: 0, x: 0, y: 0 }]);
    expect(() => seatIndex(bare, { section: 'A', row: 1, seat: 1 })).toThrow(/no venue/);
  });

  it('snapshots every seat and counts colours', () => {
    const crowd = buildCrowd(venue);
    crowd.receive(encodeCcb({ site: 1, seq: 1, target: { kind: 'ZONES', zones: [0] }, cmd: 'COLOR', rgb: [255, 0, 0], fadeMs: 0 }), 0);
    const snap = snapshot(crowd, 10);
    expect(snap.rgba).toHaveLength(4 * 60);
    expect(snap.histogram()).toEqual([
      { rgb: [0, 0, 0], bands: 45 },
      { rgb: [255, 0, 0], bands: 15 },
    ]);
    expect(snap.colorOf(0)).toEqual([255, 0, 0]);
  });
});
