/**
 * The formulas of spec 2.4 that both band models share, so the reference band
 * and the crowd compute bit-identical colours from the same inputs.
 */

/** Spec `round`: floor(v + 0.5). */
export function roundHalfUp(v: number): number {
  return Math.floor(v + 0.5);
}

/** One channel of a mix: `round(b + (a - b) * w)` (SINE, RAMP, and SQUARE with w = 0 or 1). */
export function mixChannel(a: number, b: number, w: number): number {
  return Math.floor(b + (a - b) * w + 0.5);
}

/** One channel of a fade from `a` to `b`, `f` in 0..1: `round(a + (b - a) * f)`. */
export function fadeChannel(a: number, b: number, f: number): number {
  return Math.floor(a + (b - a) * f + 0.5);
}

/** Master scaling: floor(c * level / 255). */
export function masterChannel(c: number, level: number): number {
  return Math.floor((c * level) / 255);
}

/** Axis codes (spec 2.3 EFFECT `axis`). */
export const AXIS_NONE = 0;
export const AXIS_LINEAR = 1;
export const AXIS_RADIAL = 2;
export const AXIS_ZONE = 3;

/** Shape codes (spec 2.3 EFFECT `shape`). */
export const SHAPE_SQUARE = 1;
export const SHAPE_SINE = 2;
export const SHAPE_RAMP = 3;
export const SHAPE_RAINBOW = 4;
export const SHAPE_SPARKLE = 5;

/** `th = dir * 2pi / 256` as cos and sin, computed once per packet. */
export function direction(dir: number): { cos: number; sin: number } {
  const th = (dir * 2 * Math.PI) / 256;
  return { cos: Math.cos(th), sin: Math.sin(th) };
}

/** A band's phase lag `q * spread / 16` for an effect (spec 2.4 position `q`). */
export function phaseLag(axis: number, x: number, y: number, zone: number, spread: number, cos: number, sin: number): number {
  let q: number;
  switch (axis) {
    case AXIS_LINEAR:
      q = (x * cos + y * sin) / 255;
      break;
    case AXIS_RADIAL:
      q = Math.sqrt((x - 128) * (x - 128) + (y - 128) * (y - 128)) / 128;
      break;
    case AXIS_ZONE:
      q = zone / 64;
      break;
    default:
      q = 0;
  }
  return (q * spread) / 16;
}

/** SINE weight of c1 at phase p. */
export function sineWeight(p: number): number {
  return 0.5 - 0.5 * Math.cos(2 * Math.PI * p);
}

/** SPARKLE's hash (spec 2.4): one band in eight (h < 32) shows c1 in each cycle k. */
export function sparkleHash(pixel: number, k: number): number {
  let h = Math.imul(pixel ^ Math.imul(k, 0x9e3779b1), 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  return h & 0xff;
}

/**
 * RAINBOW: HSV to RGB with hue `p * 360`, saturation 1 and value `v / 255`
 * (v = max(r1, g1, b1)), each channel rounded; writes r, g, b at out[o..o+2].
 */
export function rainbowInto(p: number, v: number, out: Uint8Array | number[], o: number): void {
  const h = p * 6;
  let i = Math.floor(h);
  if (i > 5) i = 5;
  const f = h - i;
  const up = Math.floor(v * f + 0.5);
  const down = Math.floor(v * (1 - f) + 0.5);
  switch (i) {
    case 0:
      out[o] = v; out[o + 1] = up; out[o + 2] = 0;
      break;
    case 1:
      out[o] = down; out[o + 1] = v; out[o + 2] = 0;
      break;
    case 2:
      out[o] = 0; out[o + 1] = v; out[o + 2] = up;
      break;
    case 3:
      out[o] = 0; out[o + 1] = down; out[o + 2] = v;
      break;
    case 4:
      out[o] = up; out[o + 1] = 0; out[o + 2] = v;
      break;
    default:
      out[o] = v; out[o + 1] = 0; out[o + 2] = down;
  }
}
