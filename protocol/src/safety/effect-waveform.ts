/**
 * What one band shows over one cycle of a band-side EFFECT (spec 2.4), as a
 * function of its phase. Every band of an effect runs the same waveform, only
 * shifted in time by its position, so one band's waveform decides the flash
 * rate of all of them.
 */
import type { EffectShape } from '../ccb/types';
import type { Rgb } from '../ccb/types';

const round = (v: number) => Math.floor(v + 0.5);

function mix(c1: Rgb, c2: Rgb, w: number): Rgb {
  return [round(c2[0] + (c1[0] - c2[0]) * w), round(c2[1] + (c1[1] - c2[1]) * w), round(c2[2] + (c1[2] - c2[2]) * w)];
}

/** HSV (hue in degrees, s = 1) to RGB, channels rounded, as the band does it. */
export function hueToRgb(hueDeg: number, value: number): Rgb {
  const h = (((hueDeg % 360) + 360) % 360) / 60;
  const x = 1 - Math.abs((h % 2) - 1);
  const sector = Math.floor(h);
  const table: Array<[number, number, number]> = [
    [1, x, 0],
    [x, 1, 0],
    [0, 1, x],
    [0, x, 1],
    [x, 0, 1],
    [1, 0, x],
  ];
  const [r, g, b] = table[sector] ?? table[0];
  const v = value * 255;
  return [round(r * v), round(g * v), round(b * v)];
}

/**
 * Colour at phase `p` in [0, 1). SPARKLE has no fixed waveform (each cycle a
 * band is c1 or c2 by a hash); it shows c1 for p < 0.5 here so that callers
 * that only want the colours it can show see both.
 */
export function effectColorAtPhase(shape: EffectShape, c1: Rgb, c2: Rgb, p: number): Rgb {
  switch (shape) {
    case 'SQUARE':
    case 'SPARKLE':
      return p < 0.5 ? c1 : c2;
    case 'SINE':
      return mix(c1, c2, 0.5 - 0.5 * Math.cos(2 * Math.PI * p));
    case 'RAMP':
      return mix(c1, c2, p);
    case 'RAINBOW':
      return hueToRgb(p * 360, Math.max(c1[0], c1[1], c1[2]) / 255);
  }
}
