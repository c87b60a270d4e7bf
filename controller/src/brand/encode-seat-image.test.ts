import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CCB_MAX_BYTES, START_ON_RECEIPT, encodeCcb, type CcbPacket } from '@crowdcue/protocol';
import { buildCrowd, stadiumVenue, type VenueMap } from '@crowdcue/simulator';
import { encodeBrandPacket } from './brand-packet';
import { encodeSeatImage, packRuns, pixelRuns, type EncodedSeatImage } from './encode-seat-image';
import { logoOnSeats } from './logo-on-seats';
import { UNCOVERED, type SeatImage } from './reduce-palette';
import { seatMapOf } from './seat-map';
import { gradientPng, gridVenue, placement, stripesPng } from './fixtures.test-util';

const SITE = 9;

/** Plays PALETTE, IMAGE packets and a SHOW_IMAGE into a fresh crowd and returns each seat's colour after. */
function showOnCrowd(venue: VenueMap, encoded: EncodedSeatImage): Uint8Array {
  const crowd = buildCrowd(venue, { site: SITE });
  let seq = 1;
  const next = () => (seq = (seq % 255) + 1);
  crowd.receive(encodeBrandPacket(encoded.palette, SITE, next()), 10);
  for (const p of encoded.images) crowd.receive(encodeBrandPacket(p, SITE, next()), 20);
  const show: CcbPacket = { site: SITE, seq: next(), target: encoded.showTarget, cmd: 'SHOW_IMAGE', image: encoded.slot, fadeMs: 0, startMs: START_ON_RECEIPT };
  crowd.receive(encodeCcb(show), 30);
  const rgb = new Uint8Array(3 * crowd.count);
  crowd.colorsAt(40, rgb, 'rgb');
  return rgb;
}

function expectExact(venue: VenueMap, image: SeatImage, rgb: Uint8Array): void {
  let wrong = 0;
  for (let i = 0; i < venue.seats.length; i++) {
    const want = image.index[i] === UNCOVERED ? [0, 0, 0] : image.palette[image.index[i]];
    if (rgb[3 * i] !== want[0] || rgb[3 * i + 1] !== want[1] || rgb[3 * i + 2] !== want[2]) wrong++;
  }
  expect(wrong).toBe(0);
}

describe('encodeSeatImage', () => {
  it('bands decoding the packets reproduce the seat image exactly (grid, part of the zones)', async () => {
    const venue = gridVenue(60, 30, 10);
    const map = seatMapOf(venue);
    const logo = await gradientPng(40, 40);
    const out = await logoOnSeats(logo, placement({ zones: [1, 2, 4], background: [10, 0, 0] }), map, { venueZones: [0, 1, 2, 3, 4, 5], radios: [] });
    for (const p of [out.encoded.palette, ...out.encoded.images]) expect(p.length).toBeLessThanOrEqual(CCB_MAX_BYTES);
    expect(out.encoded.showTarget).toEqual({ kind: 'ZONES', zones: [1, 2, 4] });
    expectExact(venue, out.image, showOnCrowd(venue, out.encoded));
  });

  it('bands decoding the packets reproduce the seat image exactly (stadium, whole venue)', async () => {
    const venue = stadiumVenue({ seats: 4000 });
    const map = seatMapOf(venue);
    const logo = await stripesPng([[255, 0, 0], [255, 255, 255], [0, 0, 255], [255, 200, 0]], 64, 32);
    const out = await logoOnSeats(logo, placement({ rotation: 30 }), map, { venueZones: venue.zones.map((z) => z.id), radios: [] });
    expect(out.encoded.showTarget).toEqual({ kind: 'ALL' });
    expect(out.image.coveredCount).toBe(venue.seats.length);
    expectExact(venue, out.image, showOnCrowd(venue, out.encoded));
    // Far fewer packets than seats.
    expect(out.encoded.images.length).toBeLessThan(venue.seats.length / 20);
  });

  it('round-trips any seat image, with gaps and pixel numbers no seat holds (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1, 2, 3, UNCOVERED, -1), { minLength: 1, maxLength: 1500 }), fc.integer({ min: 0, max: 7 }), (cells, slot) => {
        // -1: that pixel number is skipped by the venue (no seat holds it).
        const venue = gridVenue(cells.length, 1);
        venue.seats = venue.seats.filter((_, i) => cells[i] !== -1);
        const kept = cells.filter((c) => c !== -1);
        if (kept.length === 0) return;
        const image: SeatImage = { palette: [[255, 0, 0], [0, 255, 0], [0, 0, 255], [9, 9, 9]], index: Uint8Array.from(kept), coveredCount: kept.filter((c) => c !== UNCOVERED).length };
        const encoded = encodeSeatImage(image, seatMapOf(venue), { slot, venueZones: [0], wholeZones: false });
        for (const p of encoded.images) expect(p.length).toBeLessThanOrEqual(CCB_MAX_BYTES);
        if (image.coveredCount > 0) expectExact(venue, image, showOnCrowd(venue, encoded));
      }),
      { numRuns: 150 },
    );
  });
});

describe('pixelRuns and packRuns', () => {
  it('splits runs at 255 and lets unheld pixel numbers join a run', () => {
    const values = Int16Array.from([UNCOVERED, 1, 1, -1, 1, 2, -1, -1, UNCOVERED, UNCOVERED]);
    const { runs, starts } = pixelRuns(values);
    expect(starts[0]).toBe(1);
    expect(runs).toEqual([{ len: 4, index: 1 }, { len: 3, index: 2 }]);
    expect(pixelRuns(new Int16Array(600).fill(3)).runs.map((r) => r.len)).toEqual([255, 255, 90]);
  });

  it('uses the fewest packets: bridges a short gap, drops a gap at a packet edge', () => {
    const run = (index: number) => ({ len: 1, index });
    // 30 runs of colour split by one gap in the middle: 2 packets either way; the gap is never carried at an edge.
    const runs = [...Array.from({ length: 15 }, () => run(0)), run(UNCOVERED), ...Array.from({ length: 15 }, () => run(1))];
    const packets = packRuns(runs, 20);
    expect(packets).toHaveLength(2);
    for (const p of packets) {
      expect(runs[p.from].index).not.toBe(UNCOVERED);
      expect(runs[p.to].index).not.toBe(UNCOVERED);
    }
    // 3 + gap + 3 fits in one packet of 20 runs.
    expect(packRuns([run(0), run(1), run(0), run(UNCOVERED), run(1), run(0), run(1)], 20)).toEqual([{ from: 0, to: 6 }]);
  });
});
