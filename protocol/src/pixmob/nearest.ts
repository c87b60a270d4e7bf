/**
 * What CrowdCue asks for → the nearest thing a PixMob code can say (spec 5.4).
 *
 * Colour: the band keeps the upper 6 bits of each channel, so a colour maps
 * exactly when every channel is a multiple of 4 up to 252. Otherwise each
 * channel has two neighbouring levels (one, for 0 and for 252..255), and of
 * those (up to 8) colours the one nearest in CIELAB (CIE76 delta E, D65) is
 * taken. Rounding each channel alone can be off by delta E 3.3; this keeps
 * every colour within 2.1, under the just-noticeable 2.3. A pure colour stays
 * pure: a channel at 0 has no other level to go to.
 *
 * Durations: the 8 times a field can hold (0, 32, 96, 192, 480, 960, 2400,
 * 3840 ms) are compared by ratio (600 ms goes to 480, as 600/480 < 960/600;
 * 700 ms to 960), since durations are perceived in proportion; anything under
 * 16 ms is 0.
 *
 * Chance: the nearest of the 8 shares (100, 88, 67, 50, 32, 16, 10, 4 %).
 */
import type { Rgb } from '../ccb/types';
import { linear } from '../safety/flash-metrics';
import { PIXMOB_CHANCES_PCT, PIXMOB_TIMES_MS } from './ir-code';

// The formula is a dozen lines, and the sRGB half of it is the flash check's own.
const D65 = [0.95047, 1, 1.08883];
const labF = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27) * t / 116 + 16 / 116);

/** sRGB (0..255) → CIELAB (D65). */
export function cielab([r, g, b]: Rgb): [number, number, number] {
  const R = linear(r);
  const G = linear(g);
  const B = linear(b);
  const x = labF((0.4124 * R + 0.3576 * G + 0.1805 * B) / D65[0]);
  const y = labF(0.2126 * R + 0.7152 * G + 0.0722 * B);
  const z = labF((0.0193 * R + 0.1192 * G + 0.9505 * B) / D65[2]);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIE76 colour difference. */
export function deltaE(a: Rgb, b: Rgb): number {
  const p = cielab(a);
  const q = cielab(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

const clamp = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));
const below = (v: number): number => Math.min(252, Math.floor(clamp(v) / 4) * 4);
const above = (v: number): number => Math.min(252, Math.ceil(clamp(v) / 4) * 4);

/** The colour a band shows for `rgb`: the nearest (CIELAB) of the 6-bit colours around it. */
export function pixmobColour(rgb: Rgb): Rgb {
  const lo = rgb.map(below);
  const hi = rgb.map(above);
  if (lo.every((v, i) => v === hi[i])) return [lo[0], lo[1], lo[2]];
  const want: Rgb = [clamp(rgb[0]), clamp(rgb[1]), clamp(rgb[2])];
  let best: Rgb = [lo[0], lo[1], lo[2]];
  let bestE = Infinity;
  for (let m = 0; m < 8; m++) {
    const c: Rgb = [m & 1 ? hi[0] : lo[0], m & 2 ? hi[1] : lo[1], m & 4 ? hi[2] : lo[2]];
    const e = deltaE(want, c);
    if (e < bestE - 1e-12) {
      best = c;
      bestE = e;
    }
  }
  return best;
}

/** Whether the band shows `rgb` exactly. */
export function pixmobColourExact(rgb: Rgb): boolean {
  return rgb.every((v) => Number.isInteger(v) && v >= 0 && v <= 252 && v % 4 === 0);
}

/** The 3-bit time key nearest to `ms` (by ratio). */
export function pixmobTimeKey(ms: number): number {
  if (!(ms >= 16)) return 0;
  let best = 1;
  for (let k = 1; k < PIXMOB_TIMES_MS.length; k++) {
    if (Math.abs(Math.log(ms / PIXMOB_TIMES_MS[k])) < Math.abs(Math.log(ms / PIXMOB_TIMES_MS[best]))) best = k;
  }
  return best;
}

/** The time key that says `ms` exactly, or undefined. */
export function pixmobExactTimeKey(ms: number): number | undefined {
  const k = PIXMOB_TIMES_MS.indexOf(ms);
  return k < 0 ? undefined : k;
}

/** The 3-bit chance key nearest to `pct` percent. */
export function pixmobChanceKey(pct: number): number {
  let best = 0;
  for (let k = 1; k < PIXMOB_CHANCES_PCT.length; k++) {
    if (Math.abs(PIXMOB_CHANCES_PCT[k] - pct) < Math.abs(PIXMOB_CHANCES_PCT[best] - pct)) best = k;
  }
  return best;
}
