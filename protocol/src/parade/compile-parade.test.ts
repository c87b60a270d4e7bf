import { describe, expect, it } from 'vitest';
import { ParadeSchema, type Parade } from '../show/parade';
import { compileParade } from './compile-parade';
import { angleToDir, type StepEffect } from './step-look';

const ZONES = Array.from({ length: 12 }, (_, i) => i);

function parade(steps: unknown[], target: unknown = { all: true }): Parade {
  return ParadeSchema.parse({ id: 'p', name: 'P', duration: 60_000, tracks: [{ id: 't', target, steps }] });
}

function compile(p: Parade) {
  const r = compileParade(p, { venueZones: ZONES, path: 'parades[0]' });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

/** Spec 2.4 cycle position for a band at (x, y, zone), t ms after the start. */
function cycle(e: StepEffect, t: number, x: number, y: number, zone: number): number {
  const th = (e.dir * 2 * Math.PI) / 256;
  const q =
    e.axis === 'LINEAR'
      ? (x * Math.cos(th) + y * Math.sin(th)) / 255
      : e.axis === 'RADIAL'
        ? Math.hypot(x - 128, y - 128) / 128
        : e.axis === 'ZONE'
          ? zone / 64
          : 0;
  return t / e.periodMs - (q * e.spread) / 16;
}

describe('parade compiler', () => {
  it('turns the angle into the dir byte', () => {
    expect(angleToDir(0)).toBe(0);
    expect(angleToDir(90)).toBe(64);
    expect(angleToDir(180)).toBe(128);
    expect(angleToDir(359)).toBe(255);
  });

  it('makes a WAVE one SINE packet on the LINEAR axis that travels along its angle', () => {
    const c = compile(parade([{ id: 'w', at: 1000, duration: 8000, kind: 'WAVE', colors: ['#0000ff'], direction: { axis: 'linear', angle: 90 }, speed: 2000, spread: 32 }]));
    expect(c.steps).toHaveLength(1);
    const [send] = c.steps[0].sends;
    expect(send.atMs).toBe(1000);
    expect(send.target).toEqual({ kind: 'ALL' });
    const e = send.look as StepEffect;
    expect(e).toMatchObject({ shape: 'SINE', axis: 'LINEAR', dir: 64, spread: 32, periodMs: 2000, c1: [0, 0, 255], c2: [0, 0, 0] });
    // two waves across: a band at y = 255 lags one at y = 0 by two whole cycles
    expect(cycle(e, 0, 0, 0, 0) - cycle(e, 0, 0, 255, 0)).toBeCloseTo(2, 6);
    // a crest moves towards +y: the phase a band at y = 0 had, a band further along has later
    expect(cycle(e, 500, 0, 128, 0)).toBeCloseTo(cycle(e, 0, 0, 128 - 255 * (500 / 2000 / 2), 0), 6);
  });

  it('defaults a WAVE to one wave across, along +x', () => {
    const c = compile(parade([{ id: 'w', at: 0, duration: 1000, kind: 'WAVE', colors: [[255, 255, 255]] }]));
    expect(c.steps[0].look).toMatchObject({ axis: 'LINEAR', dir: 0, spread: 16 });
  });

  it('makes a CHASE one SQUARE packet by ZONE, one cycle across consecutive zones', () => {
    const c = compile(parade([{ id: 'c', at: 0, duration: 4000, kind: 'CHASE', colors: ['#ff0000'], speed: 1200 }], { zones: [0, 1, 2, 3, 4, 5, 6, 7] }));
    const e = c.steps[0].look as StepEffect;
    expect(e).toMatchObject({ shape: 'SQUARE', axis: 'ZONE', spread: 128 });
    expect(c.steps[0].sends[0].target).toEqual({ kind: 'ZONES', zones: [0, 1, 2, 3, 4, 5, 6, 7] });
    // each zone one eighth of a cycle behind the one before
    expect(cycle(e, 0, 0, 0, 0) - cycle(e, 0, 0, 0, 1)).toBeCloseTo(1 / 8, 6);
  });

  it('staggers a reversed zone chase, one packet per zone, never starting early', () => {
    const c = compile(parade([{ id: 'c', at: 2000, duration: 4000, kind: 'CHASE', colors: ['#ff0000'], speed: 1000, direction: { axis: 'zone', reverse: true } }], { zones: [2, 3, 4, 5] }));
    const sends = c.steps[0].sends;
    expect(sends.map((s) => s.zones)).toEqual([[5], [4], [3], [2]]);
    expect(sends.map((s) => s.atMs)).toEqual([2000, 2250, 2500, 2750]);
    expect(sends.every((s) => (s.look as StepEffect).axis === 'NONE')).toBe(true);
  });

  it('makes PULSE a SINE and STROBE a SQUARE with every band together', () => {
    const c = compile(
      parade([
        { id: 'p', at: 0, duration: 2000, kind: 'PULSE', colors: ['#ffffff'], direction: { axis: 'linear', angle: 45 } },
        { id: 's', at: 2000, duration: 2000, kind: 'STROBE', colors: ['#ffffff'], speed: 500 },
      ]),
    );
    expect(c.steps[0].look).toMatchObject({ shape: 'SINE', axis: 'NONE' });
    expect(c.steps[1].look).toMatchObject({ shape: 'SQUARE', axis: 'NONE', periodMs: 500, c2: [0, 0, 0] });
  });

  it('makes RAINBOW and SPARKLE effects and a still COLOR an EFFECT that starts on time', () => {
    const c = compile(
      parade([
        { id: 'r', at: 0, duration: 1000, kind: 'RAINBOW', direction: { axis: 'radial' }, speed: 3000 },
        { id: 's', at: 1000, duration: 1000, kind: 'SPARKLE', colors: ['#ffffff', '#000020'], speed: 200 },
        { id: 'c', at: 2000, duration: 1000, kind: 'COLOR', colors: ['#00ff00'] },
        { id: 'f', at: 3000, duration: 1000, kind: 'COLOR', colors: ['#00ff00'], fade: 300 },
      ]),
    );
    expect(c.steps[0].look).toMatchObject({ shape: 'RAINBOW', axis: 'RADIAL', spread: 16, c1: [255, 255, 255] });
    expect(c.steps[1].look).toMatchObject({ shape: 'SPARKLE', c1: [255, 255, 255], c2: [0, 0, 32], periodMs: 200 });
    expect(c.steps[2].look).toMatchObject({ kind: 'effect', c1: [0, 255, 0], c2: [0, 255, 0] });
    expect(c.steps[3].look).toEqual({ kind: 'color', rgb: [0, 255, 0], fadeMs: 300 });
  });

  it('makes a two-colour FADE jump to the first and fade over the step to the second', () => {
    const c = compile(parade([{ id: 'f', at: 500, duration: 3000, kind: 'FADE', colors: ['#ff0000', '#0000ff'] }], { zones: [1, 2] }));
    expect(c.steps[0].sends.map((s) => [s.atMs, s.look])).toEqual([
      [500, { kind: 'color', rgb: [255, 0, 0], fadeMs: 0 }],
      [501, { kind: 'color', rgb: [0, 0, 255], fadeMs: 3000 }],
    ]);
  });

  it('uses ALL when a zone list covers the whole venue and PIXELS for seats', () => {
    const all = compile(parade([{ id: 'c', at: 0, duration: 1000, kind: 'PULSE', colors: ['#fff000'] }], { zones: ZONES }));
    expect(all.steps[0].sends[0].target).toEqual({ kind: 'ALL' });
    const seats = compile(parade([{ id: 'c', at: 0, duration: 1000, kind: 'PULSE', colors: ['#fff000'] }], { pixels: { first: 10, last: 99 } }));
    expect(seats.steps[0].sends[0].target).toEqual({ kind: 'PIXELS', first: 10, last: 99 });
    expect(seats.steps[0].zones).toBe('ALL');
  });

  it('refuses an inward radial wave, naming the step', () => {
    const r = compileParade(parade([{ id: 'w', at: 0, duration: 1000, kind: 'WAVE', colors: ['#ffffff'], direction: { axis: 'radial', outward: false } }]), {
      venueZones: ZONES,
      path: 'parades[3]',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].path).toBe('parades[3].tracks[0].steps[0].direction.outward');
  });

  it('orders steps of every track by start', () => {
    const p = ParadeSchema.parse({
      id: 'p',
      name: 'P',
      duration: 10_000,
      tracks: [
        { id: 'a', target: { zones: [0] }, steps: [{ id: 'a2', at: 3000, duration: 1000, kind: 'COLOR', colors: ['#ff0000'] }] },
        { id: 'b', target: { zones: [1] }, steps: [{ id: 'b1', at: 1000, duration: 1000, kind: 'COLOR', colors: ['#ff0000'] }] },
      ],
    });
    expect(compile(p).steps.map((s) => s.label)).toEqual(['parades[0].tracks[1].steps[0] "b1"', 'parades[0].tracks[0].steps[0] "a2"']);
  });
});
