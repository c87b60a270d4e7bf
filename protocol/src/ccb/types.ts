/**
 * CCB: the RF payload every band in range receives (protocol spec section 2).
 * Field names are camelCase versions of the spec's names; colours are [r, g, b].
 */
import type { DecodeError } from '../result';

export type Rgb = [r: number, g: number, b: number];

export const CCB_MAX_BYTES = 48;
/** start_ms value meaning "at the moment of receipt". */
export const START_ON_RECEIPT = 0xffffffff;
export const NO_PIXEL = 0xffff;

export type CcbTarget =
  | { kind: 'ALL' }
  /** Zones 0..63, sorted ascending, no duplicates (the u64 mask on air). */
  | { kind: 'ZONES'; zones: number[] }
  | { kind: 'PIXELS'; first: number; last: number };

export type EffectShape = 'SQUARE' | 'SINE' | 'RAMP' | 'RAINBOW' | 'SPARKLE';
export type EffectAxis = 'NONE' | 'LINEAR' | 'RADIAL' | 'ZONE';

/** What an EFFECT animates, apart from when it starts (shared by the packet and host-side models of it). */
export interface EffectParams {
  shape: EffectShape;
  c1: Rgb;
  c2: Rgb;
  periodMs: number;
  axis: EffectAxis;
  dir: number;
  spread: number;
}

export type CcbCommand =
  | { cmd: 'COLOR'; rgb: Rgb; fadeMs: number }
  | ({ cmd: 'EFFECT'; startMs: number } & EffectParams)
  | { cmd: 'MASTER'; level: number }
  | { cmd: 'SYNC'; clockMs: number }
  | { cmd: 'PALETTE'; image: number; colors: Rgb[] }
  /** runs: [len 1..255, palette index or 0xFF = leave unchanged] */
  | { cmd: 'IMAGE'; image: number; first: number; runs: [len: number, index: number][] }
  | { cmd: 'SHOW_IMAGE'; image: number; fadeMs: number; startMs: number }
  | { cmd: 'WAKE' }
  | { cmd: 'SLEEP' }
  /**
   * Many zones' colours in one packet: a band whose zone is listed acts as on a
   * COLOR to `rgb` over `fadeMs`; other bands are unchanged. `form` is how the
   * list goes on air: RUN (consecutive ascending zones, one zone byte) or LIST
   * (a zone byte before every colour).
   */
  | { cmd: 'ZONE_COLORS'; form: ZoneColorsForm; fadeMs: number; zones: ZoneColor[] };

/** How a ZONE_COLORS list is laid out on air (spec 2.2). */
export type ZoneColorsForm = 'RUN' | 'LIST';
/** One ZONE_COLORS entry: a zone 0..63 and the colour its bands fade to. */
export type ZoneColor = [zone: number, rgb: Rgb];

export type CcbCommandName = CcbCommand['cmd'];

export type CcbPacket = { site: number; seq: number; target: CcbTarget } & CcbCommand;

/**
 * A CCB decode error keeps the header it could read: a band records `seq` even
 * for a malformed packet (spec 2.2), so it needs site and seq from a failure.
 */
export interface CcbDecodeError extends DecodeError {
  site?: number;
  seq?: number;
}
