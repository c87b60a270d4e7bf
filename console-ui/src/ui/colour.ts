/** Colours between the show model ([r, g, b]) and the browser (#rrggbb, CSS). */
import { hexToRgb, rgbToHex, type Look } from '@crowdcue/protocol';

export type Rgb = [number, number, number];

export const toHex = (c: readonly number[]): string => rgbToHex([c[0], c[1], c[2]]);
export const fromHex = (hex: string): Rgb => hexToRgb(hex) as Rgb;

/** A CSS background that shows a look at a glance: its colour, its two effect colours, or dark. */
export function lookSwatch(look: Look | null | undefined): string {
  if (!look || look.kind === 'off') return '#05060a';
  if (look.kind === 'color') return toHex(look.color);
  if (look.shape === 'RAINBOW') return 'linear-gradient(90deg, #f00, #ff0, #0f0, #0ff, #00f, #f0f)';
  return `linear-gradient(90deg, ${toHex(look.colors[0])} 50%, ${toHex(look.colors[1])} 50%)`;
}

/** A short description: `#ff2000 fade 2s`, `SINE 1.5s LINEAR`, `off`. */
export function lookText(look: Look | null | undefined): string {
  if (!look) return '—';
  if (look.kind === 'off') return 'off';
  if (look.kind === 'color') return `${toHex(look.color)}${look.fade !== undefined ? ` fade ${look.fade / 1000}s` : ''}`;
  return `${look.shape} ${look.period / 1000}s${look.axis !== 'NONE' ? ` ${look.axis}` : ''}`;
}

export const QUICK_COLOURS: Rgb[] = [
  [255, 0, 0], [255, 96, 0], [255, 176, 0], [255, 255, 0], [0, 255, 64], [0, 224, 255],
  [0, 64, 255], [128, 0, 255], [255, 0, 192], [255, 255, 255], [255, 208, 144], [0, 0, 0],
];
