/**
 * What a band should show for one parade step, before it is placed in time.
 * A parade step becomes band-side work: an EFFECT (one packet animates every
 * band of the target in step, spec 2.4) or, for fades, a COLOR.
 */
import type { EffectParams, Rgb } from '../ccb/types';

export interface StepEffect extends EffectParams {
  kind: 'effect';
}

/** A COLOR lands at its time and fades from whatever the band shows. */
export interface StepColor {
  kind: 'color';
  rgb: Rgb;
  fadeMs: number;
}

export type StepLook = StepEffect | StepColor;

export const WHITE: Rgb = [255, 255, 255];
export const BLACK: Rgb = [0, 0, 0];

/** A still colour that starts at an exact band time: an EFFECT whose two colours are the same. */
export function solidEffect(rgb: Rgb): StepEffect {
  return { kind: 'effect', shape: 'SQUARE', c1: rgb, c2: rgb, periodMs: 1000, axis: 'NONE', dir: 0, spread: 0 };
}

/** Degrees (0 = along +x, 90 = along +y) to the EFFECT's `dir` byte: 256 steps per turn. */
export function angleToDir(angleDeg: number): number {
  return (((Math.round((angleDeg * 256) / 360) % 256) + 256) % 256);
}

/** `dir` byte back to degrees (for display). */
export function dirToAngle(dir: number): number {
  return (dir * 360) / 256;
}
