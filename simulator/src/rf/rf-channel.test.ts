import { encodeCcb, type Rgb } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { Crowd } from '../crowd/crowd';
import { RfChannel, type RfDelivery } from './rf-channel';

const color = (seq: number, rgb: Rgb) => encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, cmd: 'COLOR', rgb, fadeMs: 0 });

/** Bands 0..9 at x = 0..90 in zone 0 (left), 10..19 at x = 100..190 in zone 1 (right). */
function line(n = 20): Crowd {
  return new Crowd(Array.from({ length: n }, (_, i) => ({ site: 1, zone: i < n / 2 ? 0 : 1, pixel: i, x: i, y: 0 })));
}
const fxCrowd = () => {
  const c = line();
  for (let i = 0; i < c.count; i++) c.fx[i] = 10 * i;
  return c;
};

describe('RfChannel', () => {
  it('lands a transmission in covered bands at its end, with airtime from bitrate and overhead', () => {
    const crowd = line();
    const got: RfDelivery[] = [];
    const rf = new RfChannel(crowd, { transmitters: [{ id: 'left', coverage: [0], bitrate: 8000, overhead: 12 }], onDelivery: (d) => got.push(d) });
    const bytes = color(1, [255, 0, 0]);
    const { endMs } = rf.transmit({ transmitterId: 'left', rf: bytes, startMs: 100 });
    expect(endMs).toBe(100 + ((12 + bytes.length) * 8) / 8);
    expect(rf.advanceTo(endMs - 0.5)).toEqual([]);
    const [d] = rf.advanceTo(endMs);
    expect(d.reachedCount).toBe(10);
    expect(got).toEqual([d]);
    expect(crowd.colorOf(0, endMs)).toEqual([255, 0, 0]);
    expect(crowd.colorOf(15, endMs)).toEqual([0, 0, 0]);
  });

  it('loses about the loss rate of packets, reproducibly from the seed', () => {
    const crowd = new Crowd(Array.from({ length: 5000 }, (_, i) => ({ site: 1, zone: 0, pixel: i, x: 0, y: 0 })));
    const count = (seed: number, lossRate: number) => {
      const rf = new RfChannel(crowd, { seed, transmitters: [{ id: 't', coverage: 'ALL', lossRate }] });
      rf.transmit({ transmitterId: 't', rf: color(seed % 255 + 1, [1, 1, 1]), startMs: 0, endMs: 1 });
      return rf.flush()[0].reached;
    };
    expect(count(1, 0.2).reduce((s, v) => s + v, 0) / 5000).toBeGreaterThan(0.77);
    expect(count(1, 0.2).reduce((s, v) => s + v, 0) / 5000).toBeLessThan(0.83);
    expect(count(2, 0.05).reduce((s, v) => s + v, 0) / 5000).toBeGreaterThan(0.93);
    expect([...count(3, 0.2)]).toEqual([...count(3, 0.2)]);
  });

  it('overlapping transmissions of one transmitter reach nobody', () => {
    const crowd = line();
    const rf = new RfChannel(crowd, { transmitters: [{ id: 't', coverage: 'ALL' }] });
    rf.transmit({ transmitterId: 't', rf: color(1, [9, 0, 0]), startMs: 0, endMs: 10 });
    rf.transmit({ transmitterId: 't', rf: color(2, [0, 9, 0]), startMs: 5, endMs: 15 });
    rf.transmit({ transmitterId: 't', rf: color(3, [0, 0, 9]), startMs: 15, endMs: 25 });
    const ds = rf.flush();
    expect(ds.map((d) => [d.collision, d.reachedCount])).toEqual([
      ['channel', 0],
      ['channel', 0],
      ['none', 20],
    ]);
    expect(crowd.colorOf(3, 30)).toEqual([0, 0, 9]);
  });

  it('a band in range of two overlapping transmitters gets neither, unless the bytes are the same', () => {
    const crowd = fxCrowd();
    const rf = new RfChannel(crowd, {
      transmitters: [
        { id: 'a', coverage: { kind: 'circle', x: 0, y: 0, radius: 120, edge: 0 } },
        { id: 'b', coverage: { kind: 'circle', x: 190, y: 0, radius: 120, edge: 0 } },
      ],
    });
    // a reaches bands 0..12, b bands 7..19: 7..12 hear both.
    rf.transmit({ transmitterId: 'a', rf: color(1, [1, 0, 0]), startMs: 0, endMs: 10 });
    rf.transmit({ transmitterId: 'b', rf: color(2, [0, 1, 0]), startMs: 8, endMs: 18 });
    const [da, db] = rf.flush();
    expect(da.reachedCount).toBe(7);
    expect(da.lostToOverlap).toBe(6);
    expect(db.reachedCount).toBe(7);
    expect(crowd.colorOf(10, 20)).toEqual([0, 0, 0]);
    expect(crowd.colorOf(0, 20)).toEqual([1, 0, 0]);
    expect(crowd.colorOf(19, 20)).toEqual([0, 1, 0]);
    // The same packet in step from both: everybody gets it once.
    const same = color(3, [0, 0, 7]);
    rf.transmit({ transmitterId: 'a', rf: same, startMs: 100, endMs: 110 });
    rf.transmit({ transmitterId: 'b', rf: same, startMs: 101, endMs: 111 });
    const [sa, sb] = rf.flush();
    expect(sa.reachedCount + sb.reachedCount).toBe(13 + 13);
    for (let i = 0; i < 20; i++) expect(crowd.colorOf(i, 120)).toEqual([0, 0, 7]);
  });

  it('holds transmissions for settleMs so a late-reported overlap still counts', () => {
    const crowd = line();
    const rf = new RfChannel(crowd, { settleMs: 20, transmitters: [{ id: 'a', coverage: 'ALL' }, { id: 'b', coverage: 'ALL' }] });
    rf.transmit({ transmitterId: 'a', rf: color(1, [1, 0, 0]), startMs: 0, endMs: 10 });
    expect(rf.advanceTo(15)).toEqual([]);
    rf.transmit({ transmitterId: 'b', rf: color(2, [0, 1, 0]), startMs: 8, endMs: 18 });
    expect(rf.advanceTo(30).map((d) => d.reachedCount)).toEqual([0]);
    expect(rf.advanceTo(40).map((d) => d.reachedCount)).toEqual([0]);
    expect(rf.pending).toBe(0);
  });

  it('names an unknown transmitter', () => {
    const rf = new RfChannel(line(), { transmitters: [{ id: 'a', coverage: 'ALL' }] });
    expect(() => rf.transmit({ transmitterId: 'x', rf: color(1, [0, 0, 0]), startMs: 0 })).toThrow(/no transmitter 'x'.*have a/);
  });
});
