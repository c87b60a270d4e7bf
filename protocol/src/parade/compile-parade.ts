/**
 * Parade compiler: a parade (tracks of timed steps) becomes a list of
 * band-side sends, each placed at an offset from the parade's start.
 *
 * - WAVE: SINE on the step's axis (default LINEAR at 0 deg), spread 0 means
 *   one wave across the venue (spread 16: spec 2.4 spreads spread/16 cycles).
 * - CHASE: SQUARE along the step's axis (default zone order); with spread 0
 *   one cycle runs across the target's zones.
 * - PULSE: SINE, every band together. STROBE: SQUARE, every band together.
 * - RAINBOW: hue cycle, value from the first colour (white by default).
 * - SPARKLE: one band in eight shows the first colour each period.
 * - COLOR: a still colour starting exactly at the step (an EFFECT whose two
 *   colours are equal, sent ahead), or a COLOR fading in when `fade` > 0.
 * - FADE: COLOR fading over `fade` (or the whole step); with two colours it
 *   first jumps to the first, then fades to the second.
 *
 * A band keeps only one waiting layer (spec 2.4: COLOR and EFFECT cancel a
 * layer still waiting for its start), so the planner sends each step only
 * after the previous step on the same bands has started.
 *
 * Two directions have no single-packet form: spec 2.4 only delays phase as
 * the axis position grows. Zone order reversed (and a zone chase whose zones
 * are not consecutive, or too few for one packet's spread) is drawn with one
 * packet per zone, each starting a little later; a radial wave inwards
 * cannot be drawn band-side and is refused.
 */
import type { CcbTarget, Rgb } from '../ccb/types';
import type { Parade, ParadeDirection, ParadeStep, ParadeTarget } from '../show/parade';
import type { ShowError } from '../show/format-issues';
import { BLACK, WHITE, angleToDir, solidEffect, type StepEffect, type StepLook } from './step-look';

export interface ParadeSend {
  /** ms from the parade's start: when an EFFECT starts, or when a COLOR lands. */
  atMs: number;
  target: CcbTarget;
  /** Zones the send reaches, for routing and layer keeping; 'ALL' for every zone (or seats anywhere). */
  zones: number[] | 'ALL';
  look: StepLook;
}

export interface CompiledStep {
  /** Path in the show file, e.g. `parades[1].tracks[0].steps[2]`. */
  path: string;
  /** Path and name for messages: `parades[1].tracks[0].steps[2] "wave"`. */
  label: string;
  kind: ParadeStep['kind'];
  atMs: number;
  endMs: number;
  /** Zones the step covers ('ALL' for every zone or a seat range). */
  zones: number[] | 'ALL';
  pixels?: { first: number; last: number };
  /** The look the step shows (the first send's, for a staggered zone chase). */
  look: StepLook;
  sends: ParadeSend[];
}

export interface CompiledParade {
  id: string;
  name: string;
  durationMs: number;
  /** Every step of every track, by start time. */
  steps: CompiledStep[];
}

export type CompileParadeResult = { ok: true; value: CompiledParade } | { ok: false; errors: ShowError[] };

export interface CompileParadeOptions {
  /** Zone ids of the venue (an `all` target covers these). */
  venueZones: number[];
  /** Path of the parade in the show file, for messages. Default `parades[?]`. */
  path?: string;
}

function targetOf(target: ParadeTarget, venueZones: number[]): { ccb: CcbTarget; zones: number[] | 'ALL'; list: number[]; pixels?: { first: number; last: number } } {
  if ('zones' in target) {
    const list = [...new Set(target.zones)].sort((a, b) => a - b);
    const all = venueZones.length > 0 && venueZones.every((z) => list.includes(z));
    return all ? { ccb: { kind: 'ALL' }, zones: 'ALL', list } : { ccb: { kind: 'ZONES', zones: list }, zones: list, list };
  }
  if ('all' in target) return { ccb: { kind: 'ALL' }, zones: 'ALL', list: [...venueZones].sort((a, b) => a - b) };
  const { first, last } = target.pixels;
  return { ccb: { kind: 'PIXELS', first, last }, zones: 'ALL', list: [...venueZones].sort((a, b) => a - b), pixels: { first, last } };
}

const SHAPE: Record<'WAVE' | 'CHASE' | 'PULSE' | 'STROBE' | 'RAINBOW' | 'SPARKLE', StepEffect['shape']> = {
  WAVE: 'SINE',
  CHASE: 'SQUARE',
  PULSE: 'SINE',
  STROBE: 'SQUARE',
  RAINBOW: 'RAINBOW',
  SPARKLE: 'SPARKLE',
};

function directionFor(step: ParadeStep): ParadeDirection {
  const d = step.direction;
  if (step.kind === 'PULSE' || step.kind === 'STROBE' || step.kind === 'SPARKLE') return { axis: 'none' };
  if (d.axis !== 'none') return d;
  if (step.kind === 'WAVE') return { axis: 'linear', angle: 0 };
  if (step.kind === 'CHASE') return { axis: 'zone', reverse: false };
  return d;
}

function consecutive(list: number[]): boolean {
  return list.every((z, i) => i === 0 || z === list[i - 1] + 1);
}

interface Problem {
  field: string;
  message: string;
}

/** One step's sends, at offsets from the step's start. */
export function compileStep(
  step: ParadeStep,
  zoneList: number[],
  target: CcbTarget,
  zones: number[] | 'ALL',
): { sends: Array<Omit<ParadeSend, 'atMs'> & { offsetMs: number }>; look: StepLook } | { problem: Problem } {
  const c = step.colors;
  if (step.kind === 'COLOR') {
    const rgb = c[0] ?? WHITE;
    const look: StepLook = step.fade > 0 ? { kind: 'color', rgb, fadeMs: step.fade } : solidEffect(rgb);
    return { sends: [{ offsetMs: 0, target, zones, look }], look };
  }
  if (step.kind === 'FADE') {
    const fadeMs = Math.min(0xffff, step.fade > 0 ? step.fade : step.duration);
    if (c.length >= 2) {
      const to: StepLook = { kind: 'color', rgb: c[1], fadeMs };
      return {
        sends: [
          { offsetMs: 0, target, zones, look: { kind: 'color', rgb: c[0], fadeMs: 0 } },
          { offsetMs: 1, target, zones, look: to },
        ],
        look: to,
      };
    }
    const look: StepLook = { kind: 'color', rgb: c[0] ?? BLACK, fadeMs };
    return { sends: [{ offsetMs: 0, target, zones, look }], look };
  }

  const shape = SHAPE[step.kind];
  const c1: Rgb = c[0] ?? WHITE;
  const c2: Rgb = step.kind === 'RAINBOW' ? BLACK : (c[1] ?? BLACK);
  const periodMs = step.speed;
  const dir = directionFor(step);
  const base: StepEffect = { kind: 'effect', shape, c1, c2, periodMs, axis: 'NONE', dir: 0, spread: 0 };

  switch (dir.axis) {
    case 'none': {
      return { sends: [{ offsetMs: 0, target, zones, look: base }], look: base };
    }
    case 'linear': {
      const look: StepEffect = { ...base, axis: 'LINEAR', dir: angleToDir(dir.angle), spread: step.spread || 16 };
      return { sends: [{ offsetMs: 0, target, zones, look }], look };
    }
    case 'radial': {
      if (!dir.outward) {
        return {
          problem: {
            field: 'direction.outward',
            message: 'a radial wave inwards cannot be drawn band-side (spec 2.4 delays phase outwards only); use outward or a linear angle',
          },
        };
      }
      const look: StepEffect = { ...base, axis: 'RADIAL', spread: step.spread || 16 };
      return { sends: [{ offsetMs: 0, target, zones, look }], look };
    }
    case 'zone': {
      const n = zoneList.length;
      // One packet when the phase can grow with the zone number: spec 2.4 shifts
      // zone z by z * spread / 1024 cycles.
      if (!dir.reverse) {
        if (step.spread > 0) {
          const look: StepEffect = { ...base, axis: 'ZONE', spread: step.spread };
          return { sends: [{ offsetMs: 0, target, zones, look }], look };
        }
        const auto = Math.round(1024 / Math.max(1, n));
        if (consecutive(zoneList) && auto <= 255) {
          const look: StepEffect = { ...base, axis: 'ZONE', spread: auto };
          return { sends: [{ offsetMs: 0, target, zones, look }], look };
        }
      }
      if (target.kind === 'PIXELS') {
        return { problem: { field: 'direction', message: 'a zone-order chase on a seat range must run forwards' } };
      }
      // Staggered: each zone its own packet, starting later by its lag, never early.
      const order = dir.reverse ? [...zoneList].reverse() : zoneList;
      const lagOf = (z: number, rank: number): number => {
        if (step.spread > 0) {
          const pos = dir.reverse ? zoneList[n - 1] - z : z - zoneList[0];
          const cycles = (pos / 64) * (step.spread / 16);
          return cycles - Math.floor(cycles);
        }
        return rank / n;
      };
      const sends = order.map((z, rank) => ({
        offsetMs: Math.round(lagOf(z, rank) * periodMs),
        target: { kind: 'ZONES', zones: [z] } as CcbTarget,
        zones: [z],
        look: base as StepLook,
      }));
      return { sends, look: base };
    }
  }
}

export function compileParade(parade: Parade, opts: CompileParadeOptions): CompileParadeResult {
  const path = opts.path ?? 'parades[?]';
  const errors: ShowError[] = [];
  const steps: CompiledStep[] = [];
  parade.tracks.forEach((track, t) => {
    const target = targetOf(track.target, opts.venueZones);
    track.steps.forEach((step, s) => {
      const stepPath = `${path}.tracks[${t}].steps[${s}]`;
      const label = `${stepPath} "${step.id}"`;
      if (step.kind !== 'RAINBOW' && step.kind !== 'COLOR' && step.kind !== 'FADE' && step.colors.length === 0) {
        errors.push({ path: `${stepPath}.colors`, message: `a ${step.kind} step needs at least one colour` });
        return;
      }
      const r = compileStep(step, target.list, target.ccb, target.zones);
      if ('problem' in r) {
        errors.push({ path: `${stepPath}.${r.problem.field}`, message: r.problem.message });
        return;
      }
      steps.push({
        path: stepPath,
        label,
        kind: step.kind,
        atMs: step.at,
        endMs: step.at + step.duration,
        zones: target.zones,
        pixels: target.pixels,
        look: r.look,
        sends: r.sends.map(({ offsetMs, ...send }) => ({ ...send, atMs: step.at + offsetMs })),
      });
    });
  });
  if (errors.length > 0) return { ok: false, errors };
  steps.sort((a, b) => a.atMs - b.atMs);
  return { ok: true, value: { id: parade.id, name: parade.name, durationMs: parade.duration, steps } };
}
