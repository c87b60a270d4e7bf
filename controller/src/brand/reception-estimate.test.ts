import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { buildCrowd, stadiumVenue } from '@crowdcue/simulator';
import { logoOnSeats } from './logo-on-seats';
import { planRepeats } from './preload-repeats';
import { estimateBandsShown, simulateReveal } from './reception-estimate';
import { seatImagePng, seatsPng } from './seats-png';
import { seatMapOf } from './seat-map';
import { placement, stripesPng } from './fixtures.test-util';

describe('bands shown and snapshots', async () => {
  const venue = stadiumVenue({ seats: 3000 });
  const map = seatMapOf(venue);
  const logo = await stripesPng([[255, 0, 0], [0, 0, 255]], 40, 20);
  const out = await logoOnSeats(logo, placement({ zones: [0, 1, 2, 3, 4, 5, 6, 7] }), map, { venueZones: venue.zones.map((z) => z.id), radios: [] });

  it('estimates from coverage and loss, and the simulation agrees', () => {
    const repeats = planRepeats({ lossRate: 0.2 });
    const txs = [{ id: 'a', coverage: 'ALL' as const, lossRate: 0.2 }];
    const crowd = buildCrowd(venue, { attendance: 0.9, seed: 2 });
    const est = estimateBandsShown(crowd, out.image, txs, repeats);
    expect(est.covered).toBeGreaterThan(0.85 * out.image.coveredCount);
    expect(est.expected / est.covered).toBeCloseTo(0.2 ** 0 - 0.2 ** repeats.imageRounds - 2 * 0.2 ** repeats.criticalCopies, 2);
    const sim = simulateReveal(crowd, out.image, out.encoded, repeats, txs, { site: 1, seed: 4 });
    expect(sim.covered).toBe(est.covered);
    expect(Math.abs(sim.right - est.expected) / est.covered).toBeLessThan(0.02);
    // A transmitter that reaches only half the zones: bands elsewhere get nothing.
    const half = estimateBandsShown(crowd, out.image, [{ id: 'b', coverage: [0, 1, 2, 3] }], repeats);
    expect(half.expected).toBeLessThan(0.6 * est.covered);
  });

  it('draws the seat image and a crowd as PNGs', async () => {
    const png = await seatImagePng(map, out.image, { size: 320 });
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 320 });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i] === 255 && data[i + 1] === 0 && data[i + 2] === 0) red++;
    expect(red).toBeGreaterThan(100);
    const crowd = buildCrowd(venue);
    const rgba = new Uint8Array(4 * crowd.count);
    crowd.colorsAt(0, rgba);
    expect((await sharp(await seatsPng(map, rgba)).metadata()).format).toBe('png');
  });
});
