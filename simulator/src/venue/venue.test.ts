import { describe, expect, it } from 'vitest';
import { arenaVenue } from './arena';
import { bandPositions } from './band-position';
import { fieldVenue } from './field';
import { stadiumVenue } from './stadium';
import type { VenueMap } from './types';

function checkVenue(v: VenueMap) {
  const labels = new Set<string>();
  const zoneIds = new Set(v.zones.map((z) => z.id));
  const wrong: string[] = [];
  v.seats.forEach((s, i) => {
    if (s.pixel !== i) wrong.push(`pixel of seat ${i} is ${s.pixel}`);
    if (!zoneIds.has(s.zone)) wrong.push(`seat ${i} in unlisted zone ${s.zone}`);
    labels.add(`${s.section}/${s.row}/${s.seat}`);
  });
  expect(wrong.slice(0, 5)).toEqual([]);
  expect(labels.size).toBe(v.seats.length);
  expect(v.zones.every((z) => z.id >= 0 && z.id < 64)).toBe(true);
  const { x, y } = bandPositions(v);
  expect(Math.min(...x)).toBe(0);
  expect(Math.max(...x)).toBe(255);
  expect(Math.min(...y)).toBe(0);
  expect(Math.max(...y)).toBe(255);
}

describe('stadiumVenue', () => {
  it('makes about 20,000 seats in 16 zones by default, labelled and numbered in seat order', () => {
    const v = stadiumVenue();
    expect(v.seats.length).toBe(2 * 24 * 20 * 20);
    expect(v.zones.length).toBe(16);
    expect(new Set(v.seats.map((s) => s.zone)).size).toBe(16);
    expect(v.seats[0]).toMatchObject({ section: '101', row: '1', seat: '1', zone: 0, pixel: 0 });
    expect(v.seats[v.seats.length - 1]).toMatchObject({ section: '224', row: '20', seat: '20', zone: 15 });
    checkVenue(v);
  });

  it('keeps a zone a slice of the bowl on every tier and puts outer rows further out', () => {
    const v = stadiumVenue({ tiers: 2, sections: 8, rowsPerSection: 5, seatsPerRow: 4, zones: 4 });
    const zoneOf = (section: string) => v.seats.find((s) => s.section === section)!.zone;
    expect(zoneOf('101')).toBe(zoneOf('201'));
    expect(zoneOf('103')).toBe(1);
    const r = (s: { x: number; y: number }) => Math.hypot(s.x / 60, s.y / 40);
    const front = v.seats.find((s) => s.section === '101' && s.row === '1')!;
    const back = v.seats.find((s) => s.section === '201' && s.row === '5')!;
    expect(r(back)).toBeGreaterThan(r(front));
  });

  it('sizes sections from an approximate seat count', () => {
    const v = stadiumVenue({ seats: 30_000, sections: 20, tiers: 2 });
    expect(Math.abs(v.seats.length - 30_000)).toBeLessThan(1500);
  });

  it('rejects impossible options by name', () => {
    expect(() => stadiumVenue({ zones: 65, sections: 80 })).toThrow(/zones/);
    expect(() => stadiumVenue({ tiers: 0 })).toThrow(/tiers/);
  });

  it('gives pixel 0xFFFF to seats past 65,534', () => {
    const v = stadiumVenue({ tiers: 1, sections: 10, rowsPerSection: 80, seatsPerRow: 100 });
    expect(v.seats.length).toBe(80_000);
    expect(v.seats[65_534].pixel).toBe(65_534);
    expect(v.seats[65_535].pixel).toBe(0xffff);
  });
});

describe('arenaVenue', () => {
  it('has a bowl and a standing floor in their own zones', () => {
    const v = arenaVenue({ seed: 3 });
    const floor = v.seats.filter((s) => s.section.startsWith('FLOOR'));
    expect(floor.length).toBe(40 * 60);
    expect(v.seats.length - floor.length).toBe(14 * 15 * 18);
    const bowlZones = new Set(v.seats.filter((s) => !s.section.startsWith('FLOOR')).map((s) => s.zone));
    const floorZones = new Set(floor.map((s) => s.zone));
    expect(bowlZones.size).toBe(10);
    expect(floorZones.size).toBe(4);
    for (const z of floorZones) expect(bowlZones.has(z)).toBe(false);
    checkVenue(v);
  });

  it('is reproducible from its seed', () => {
    expect(arenaVenue({ seed: 5 }).seats).toEqual(arenaVenue({ seed: 5 }).seats);
    expect(arenaVenue({ seed: 5 }).seats).not.toEqual(arenaVenue({ seed: 6 }).seats);
  });
});

describe('fieldVenue', () => {
  it('places the asked number of people in blocks, densest near the stage', () => {
    const v = fieldVenue({ people: 5000, zones: 12, seed: 2 });
    expect(v.seats.length).toBe(5000);
    expect(new Set(v.seats.map((s) => s.zone)).size).toBe(12);
    const front = v.seats.filter((s) => s.y < 40).length;
    const back = v.seats.filter((s) => s.y > 70).length;
    expect(front).toBeGreaterThan(back);
    checkVenue(v);
  });

  it('numbers pixels from the stage backwards', () => {
    const v = fieldVenue({ people: 2000, seed: 9 });
    expect(v.seats[0].y).toBeLessThan(v.seats[v.seats.length - 1].y);
    expect(fieldVenue({ people: 2000, seed: 9 }).seats).toEqual(v.seats);
  });
});
