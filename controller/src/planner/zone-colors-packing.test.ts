import { channelHoldUs, type Rgb } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import type { PlanLook } from './plan-look';
import { packLooks, packZoneColors } from './zone-colors-packing';
import { groupZones } from './zone-groups';

const radio = { bitrate: 38_400, overhead: 13 };
const hold = (repeat: number) => (len: number) => channelHoldUs(len, repeat, 2, radio) / 1000;
const grey = (v: number): Rgb => [v, v, v];
const colour = (rgb: Rgb, fadeMs = 0): PlanLook => ({ kind: 'color', rgb, fadeMs });

describe('packZoneColors', () => {
  it('packs 64 consecutive zones into five RUNs, 13 zones a packet', () => {
    const packed = packZoneColors(Array.from({ length: 64 }, (_, z): [number, Rgb] => [z, grey(z)]), hold(0));
    expect(packed.packets.map((p) => [p.form, p.zones.length])).toEqual([['RUN', 13], ['RUN', 13], ['RUN', 13], ['RUN', 13], ['RUN', 12]]);
    expect(packed.packets.flatMap((p) => p.zones.map(([z]) => z))).toEqual(Array.from({ length: 64 }, (_, z) => z));
  });

  it('lists scattered zones, in zone order, whatever order they came in', () => {
    const packed = packZoneColors([[40, grey(1)], [3, grey(2)], [17, grey(3)]], hold(1));
    expect(packed.packets).toEqual([{ form: 'LIST', zones: [[3, grey(2)], [17, grey(3)], [40, grey(1)]] }]);
  });
});

describe('packLooks', () => {
  const venue = Array.from({ length: 64 }, (_, z) => z);
  const groups = (looks: Array<[number, PlanLook]>) => groupZones(looks, venue);

  it('keeps a colour many zones share as COLOR and packs the few-zone colours', () => {
    const looks: Array<[number, PlanLook]> = venue.map((z) => [z, colour(z < 48 ? [1, 1, 1] : grey(z))]);
    const packed = packLooks(groups(looks), hold(1));
    expect(packed.groups.map((g) => g.zones.length)).toEqual([48]);
    expect(packed.packs.map((p) => [p.form, p.zones.length])).toEqual([['RUN', 13], ['RUN', 3]]);
    expect(packed.packs[0].looks.get(48)).toEqual(colour(grey(48)));
  });

  it('keeps COLOR when packing would cost more, for a lone colour, for effects, and per fade', () => {
    const halves = packLooks(groups(venue.map((z) => [z, colour(z % 2 ? [1, 0, 0] : [0, 0, 1])])), hold(1));
    expect([halves.groups.length, halves.packs.length]).toEqual([2, 0]);
    const lone = packLooks(groups([[3, colour([1, 2, 3])]]), hold(1));
    expect([lone.groups.length, lone.packs.length]).toEqual([1, 0]);
    const wave: PlanLook = { kind: 'effect', shape: 'SINE', c1: [1, 0, 0], c2: [0, 0, 0], periodMs: 500, axis: 'NONE', dir: 0, spread: 0, startMs: 0 };
    const mixed = packLooks(groups([[0, wave], [1, colour(grey(1), 100)], [2, colour(grey(2), 100)], [3, colour(grey(3), 900)], [4, colour(grey(4), 900)]]), hold(1));
    expect(mixed.groups.map((g) => g.look.kind)).toEqual(['effect']);
    expect(mixed.packs.map((p) => [p.fadeMs, p.zones.map(([z]) => z)])).toEqual([[100, [1, 2]], [900, [3, 4]]]);
  });
});
