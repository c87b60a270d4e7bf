/**
 * Colours in a show file are written either as `[r, g, b]` or as `#rrggbb`
 * (what colour pickers hand out); both become `[r, g, b]` after parsing.
 */
import { z } from 'zod';
import type { Rgb } from '../ccb/types';
import { U8Schema } from './common';

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

export function hexToRgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function rgbToHex(rgb: Rgb): string {
  return '#' + rgb.map((c) => c.toString(16).padStart(2, '0')).join('');
}

export const ColourSchema = z.union([
  z.tuple([U8Schema, U8Schema, U8Schema]),
  z
    .string()
    .regex(HEX_COLOUR, 'must be #rrggbb or [r, g, b]')
    .transform((s): Rgb => hexToRgb(s)),
]);
/** A parsed colour: always `[r, g, b]`, each 0..255. */
export type Colour = Rgb;

/** Named colour lists a designer picks from. */
export const PalettesSchema = z.record(z.string().min(1).max(64), z.array(ColourSchema).min(1).max(64));
export type Palettes = z.output<typeof PalettesSchema>;
