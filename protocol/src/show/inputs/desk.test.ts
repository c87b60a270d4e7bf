import { describe, expect, it } from 'vitest';
import { DeskInputSchema } from './desk';
import { DESK_CONTROL_CHANNELS, DESK_EFFECTS, deskFootprint, deskMaxZones, deskPeriodMs } from './desk-personality';

describe('desk input config', () => {
  it('fills defaults', () => {
    expect(DeskInputSchema.parse({ protocol: 'sacn', universe: 1, address: 1 })).toEqual({ protocol: 'sacn', universe: 1, address: 1, zones: 16, holdMs: 5000 });
  });

  it('names the field that is wrong', () => {
    const bad = (v: unknown) => DeskInputSchema.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(bad({ protocol: 'sacn', universe: 0, address: 1 })).toEqual(['universe: sACN universes are 1..63999']);
    expect(bad({ protocol: 'artnet', universe: 40000, address: 1 })).toEqual(['universe: Art-Net universes are 0..32767']);
    expect(bad({ protocol: 'sacn', universe: 1, address: 400, zones: 32 })?.[0]).toMatch(/^zones: 32 zones take 266 channels: from address 400 one universe holds at most 12 zones/);
    expect(bad({ protocol: 'sacn', universe: 1, address: 1, interface: 'eth0' })?.[0]).toMatch(/^interface:/);
  });
});

describe('desk personality', () => {
  it('covers every effect value once', () => {
    const covered = DESK_EFFECTS.flatMap((e) => Array.from({ length: e.to - e.from + 1 }, (_, i) => e.from + i));
    expect(covered).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });

  it('fits a universe', () => {
    expect(DESK_CONTROL_CHANNELS).toHaveLength(10);
    expect(deskFootprint(16)).toBe(138);
    expect(deskMaxZones(1)).toBe(62);
    expect(deskFootprint(deskMaxZones(1))).toBeLessThanOrEqual(512);
  });

  it('maps speed to a period from slow to fast', () => {
    expect(deskPeriodMs(0)).toBe(10_000);
    expect(deskPeriodMs(255)).toBe(100);
    expect(deskPeriodMs(128)).toBeLessThan(deskPeriodMs(127));
  });
});
