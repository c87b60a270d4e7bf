/** Byte values of CCB commands, targets, shapes and axes (spec 2, 2.3, 2.4). */
import type { CcbCommandName, CcbTarget, EffectAxis, EffectShape, ZoneColorsForm } from './types';

export const CCB_CMD: Readonly<Record<CcbCommandName, number>> = {
  COLOR: 0x01,
  EFFECT: 0x02,
  MASTER: 0x03,
  SYNC: 0x04,
  PALETTE: 0x05,
  IMAGE: 0x06,
  SHOW_IMAGE: 0x07,
  WAKE: 0x08,
  SLEEP: 0x09,
  ZONE_COLORS: 0x0a,
};

export const CCB_TARGET: Readonly<Record<CcbTarget['kind'], number>> = { ALL: 0x00, ZONES: 0x01, PIXELS: 0x02 };

export const CCB_SHAPE: Readonly<Record<EffectShape, number>> = { SQUARE: 1, SINE: 2, RAMP: 3, RAINBOW: 4, SPARKLE: 5 };

export const CCB_AXIS: Readonly<Record<EffectAxis, number>> = { NONE: 0, LINEAR: 1, RADIAL: 2, ZONE: 3 };

/** Reverse lookup: byte value to name, or undefined for an unknown value. */
export function codeName<K extends string>(table: Readonly<Record<K, number>>, code: number): K | undefined {
  for (const k in table) if (table[k] === code) return k;
  return undefined;
}

/** Palette slots a band keeps (PALETTE, IMAGE, SHOW_IMAGE `image`). */
export const CCB_IMAGE_SLOTS = 8;
export const CCB_MAX_PALETTE = 12;
/** IMAGE run index meaning "leave this band unchanged". */
export const CCB_KEEP_INDEX = 0xff;

/** ZONE_COLORS `form` byte values; any other value is a form this band does not know (ignored). */
export const CCB_ZONE_COLORS_FORM: Readonly<Record<ZoneColorsForm, number>> = { RUN: 1, LIST: 2 };
/** Bytes before the entries of a ZONE_COLORS: `form`, `fade_ms`. */
export const ZONE_COLORS_HEAD = 3;
/** Bytes per entry on air: RUN has one `first` byte then 3 per colour; LIST 4 per entry. */
export const ZONE_COLORS_ENTRY: Readonly<Record<ZoneColorsForm, number>> = { RUN: 3, LIST: 4 };
