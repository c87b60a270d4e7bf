import type { OnAirPacketInfo } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { PacketFeed, packetBytes } from './packet-feed';

const pkt = (rf: string, endMs: number, extra: Partial<OnAirPacketInfo> = {}): OnAirPacketInfo => ({
  rf, startMs: endMs - 8, endMs, transmitterId: 'tx', ...extra,
});

function recorder() {
  const got: Array<[string, number]> = [];
  return { got, receive: (b: Uint8Array, at: number) => got.push([Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''), at]) };
}

describe('PacketFeed', () => {
  it('reads hex and binary packets, refuses garbage', () => {
    expect(Array.from(packetBytes('2a01ff')!)).toEqual([0x2a, 0x01, 0xff]);
    expect(Array.from(packetBytes(new Uint8Array([1, 2]))!)).toEqual([1, 2]);
    expect(packetBytes('abc')).toBeNull();
    expect(packetBytes('zz')).toBeNull();
  });

  it('delivers packets in air order at their end times, holding early ones', () => {
    const r = recorder();
    const feed = new PacketFeed(r);
    feed.push([pkt('03', 300), pkt('01', 100)]);
    feed.push([pkt('02', 200)]);
    expect(feed.drain(150)).toBe(1);
    expect(r.got).toEqual([['01', 100]]);
    expect(feed.waiting).toBe(2);
    feed.drain(1000);
    expect(r.got).toEqual([['01', 100], ['02', 200], ['03', 300]]);
  });

  it('keeps arrival order for packets that ended together', () => {
    const r = recorder();
    const feed = new PacketFeed(r);
    feed.push([pkt('0a', 50), pkt('0b', 50)]);
    feed.drain(50);
    expect(r.got.map((g) => g[0])).toEqual(['0a', '0b']);
  });

  it('skips Xyloband and unreadable packets, counting them', () => {
    const r = recorder();
    const feed = new PacketFeed(r);
    feed.push([pkt('01', 1, { format: 'xyloband' }), pkt('xyz', 1), pkt('02', Number.NaN), pkt('03', 1)]);
    feed.drain(10);
    expect(r.got).toEqual([['03', 1]]);
    expect(feed.skipped).toBe(3);
  });

  it('drops waiting packets when the crowd is replaced', () => {
    const a = recorder();
    const b = recorder();
    const feed = new PacketFeed(a);
    feed.push([pkt('01', 500)]);
    feed.setReceiver(b);
    feed.drain(1000);
    expect(a.got).toEqual([]);
    expect(b.got).toEqual([]);
  });

  it('places packets on the crowd time line it is given', () => {
    const r = recorder();
    // Show ms 60_000 is crowd time 1_000 here.
    const feed = new PacketFeed(r, (ms) => ms - 59_000);
    feed.push([pkt('01', 60_250)]);
    expect(feed.drain(1_200)).toBe(0);
    feed.drain(1_250);
    expect(r.got).toEqual([['01', 1_250]]);
  });
});
