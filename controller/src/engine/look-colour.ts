/**
 * Colours along a fade, computed the way a band computes them (spec 2.4 COLOR:
 * per channel round(a + (b - a) * f), round = floor(v + 0.5)), so a fade the
 * engine freezes or re-targets lands on the colour the audience is seeing.
 */
import type { ColorLook, Look, Rgb } from '@crowdcue/protocol';

export const BLACK: Rgb = [0, 0, 0];
export const OFF_LOOK: Look = { kind: 'off' };

/** The still colour a look shows; undefined for an effect (its colour moves and depends on the seat). */
export function lookColour(look: Look): Rgb | undefined {
  if (look.kind === 'color') return look.color;
  if (look.kind === 'off') return BLACK;
  return undefined;
}

export function lerpRgb(a: Rgb, b: Rgb, f: number): Rgb {
  const k = f <= 0 ? 0 : f >= 1 ? 1 : f;
  return [0, 1, 2].map((i) => Math.floor(a[i] + (b[i] - a[i]) * k + 0.5)) as Rgb;
}

/** Fraction of a fade done at `t`: 0 before it starts, 1 at its end (a zero fade is done at its start). */
export function fadeProgress(startMs: number, fadeMs: number, t: number): number {
  if (t < startMs) return 0;
  if (fadeMs <= 0) return 1;
  return Math.min(1, (t - startMs) / fadeMs);
}

/**
 * The look a zone shows part-way through a fade from `from` to `to`: a colour
 * when both ends have one, otherwise whichever end the fade is nearer to
 * finishing (a band switches to an effect at once).
 */
export function lookPartWay(from: Look, to: Look, f: number): Look {
  if (f >= 1) return to;
  if (f <= 0) return from;
  const a = lookColour(from);
  const b = lookColour(to);
  if (a === undefined || b === undefined) return to.kind === 'effect' ? to : from;
  return colourLook(lerpRgb(a, b, f));
}

export function colourLook(rgb: Rgb): ColorLook {
  return { kind: 'color', color: rgb };
}

/** Output colour after master (spec 2.4: floor(c * level / 255)). */
export function applyMaster(rgb: Rgb, level: number): Rgb {
  return [0, 1, 2].map((i) => Math.floor((rgb[i] * level) / 255)) as Rgb;
}

/** Same look on air (fade aside). */
export function sameLook(a: Look, b: Look): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'off') return true;
  if (a.kind === 'color' && b.kind === 'color') return a.color.every((c, i) => c === b.color[i]);
  return JSON.stringify({ ...a, fade: undefined }) === JSON.stringify({ ...b, fade: undefined });
}
