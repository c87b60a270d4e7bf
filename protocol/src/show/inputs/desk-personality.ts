/**
 * The DMX personality a lighting desk patches to drive the crowd: the one
 * source of truth for the controller's decoder, the docs table and the
 * fixture profile a desk imports (all generated from these tables).
 *
 * Layout from the patch's start address: the control channels (master,
 * blackout, GO and level of four playbacks), then per zone eight channels
 * (intensity, red, green, blue, effect, speed, spread, direction).
 */
import type { EffectShape } from '../../ccb/types';
import type { EFFECT_AXES } from '../look';

/** What a control channel does. */
export type DeskControlRole = 'master' | 'blackout' | 'go' | 'level';
/** What a zone channel does. */
export type DeskZoneRole = 'intensity' | 'red' | 'green' | 'blue' | 'effect' | 'speed' | 'spread' | 'direction';

export interface DeskControlChannel {
  role: DeskControlRole;
  /** Playback slot 0..3 (the show's cue lists in order), for go and level. */
  playback?: number;
  name: string;
  /** What a value does, as the docs and the fixture profile say it. */
  does: string;
}

export interface DeskZoneChannel {
  role: DeskZoneRole;
  name: string;
  does: string;
}

/** Playback slots on the desk: the show's first four cue lists. */
export const DESK_PLAYBACKS = 4;
/** A value at or above this is "on" (blackout, GO). */
export const DESK_ON = 128;

export const DESK_CONTROL_CHANNELS: readonly DeskControlChannel[] = [
  { role: 'master', name: 'Master', does: 'scales every zone intensity the desk sends (0 = the desk lets go of the crowd)' },
  { role: 'blackout', name: 'Blackout', does: `${DESK_ON}-255: the show's blackout on; back below ${DESK_ON}: off (on change only)` },
  ...Array.from({ length: DESK_PLAYBACKS }, (_, i): DeskControlChannel[] => [
    { role: 'go', playback: i, name: `Playback ${i + 1} GO`, does: `GO on cue list ${i + 1} when it rises through ${DESK_ON}` },
    { role: 'level', playback: i, name: `Playback ${i + 1} level`, does: `cue list ${i + 1}'s fader 0..255, taken once the desk moves it` },
  ]).flat(),
];

export const DESK_ZONE_CHANNELS: readonly DeskZoneChannel[] = [
  { role: 'intensity', name: 'Intensity', does: 'zone dimmer, times master; 0 with no effect = the desk lets go of the zone' },
  { role: 'red', name: 'Red', does: 'colour, 0..255' },
  { role: 'green', name: 'Green', does: 'colour, 0..255' },
  { role: 'blue', name: 'Blue', does: 'colour, 0..255' },
  { role: 'effect', name: 'Effect', does: 'band-side effect between the zone colour and dark (table below)' },
  { role: 'speed', name: 'Speed', does: 'effect period: 0 = 10 s, 255 = 0.1 s (exponential); the flash limit slows what is too fast' },
  { role: 'spread', name: 'Spread', does: 'phase across the axis: spread/16 cycles end to end' },
  { role: 'direction', name: 'Direction', does: 'wave direction, 0..255 = 0..359 degrees' },
];

/** One range of the effect channel. */
export interface DeskEffectRange {
  from: number;
  to: number;
  name: string;
  /** null: no effect, the zone shows its colour. */
  shape: EffectShape | null;
  axis: (typeof EFFECT_AXES)[number];
}

export const DESK_EFFECTS: readonly DeskEffectRange[] = [
  { from: 0, to: 15, name: 'No effect (colour)', shape: null, axis: 'NONE' },
  { from: 16, to: 31, name: 'Pulse', shape: 'SINE', axis: 'NONE' },
  { from: 32, to: 47, name: 'Strobe', shape: 'SQUARE', axis: 'NONE' },
  { from: 48, to: 63, name: 'Ramp', shape: 'RAMP', axis: 'NONE' },
  { from: 64, to: 79, name: 'Rainbow', shape: 'RAINBOW', axis: 'NONE' },
  { from: 80, to: 95, name: 'Sparkle', shape: 'SPARKLE', axis: 'NONE' },
  { from: 96, to: 111, name: 'Wave', shape: 'SINE', axis: 'LINEAR' },
  { from: 112, to: 127, name: 'Chase', shape: 'SQUARE', axis: 'LINEAR' },
  { from: 128, to: 143, name: 'Rainbow wave', shape: 'RAINBOW', axis: 'LINEAR' },
  { from: 144, to: 159, name: 'Radial wave', shape: 'SINE', axis: 'RADIAL' },
  { from: 160, to: 255, name: 'No effect (reserved)', shape: null, axis: 'NONE' },
];

/** Effect period at speed 0 and 255, ms. */
export const DESK_PERIOD_SLOWEST_MS = 10_000;
export const DESK_PERIOD_FASTEST_MS = 100;

/** Effect period for a speed channel value: exponential, so every step feels alike. */
export function deskPeriodMs(speed: number): number {
  const s = Math.max(0, Math.min(255, speed)) / 255;
  return Math.round(DESK_PERIOD_SLOWEST_MS * (DESK_PERIOD_FASTEST_MS / DESK_PERIOD_SLOWEST_MS) ** s);
}

/** Degrees for a direction channel value. */
export function deskDirectionDeg(value: number): number {
  return Math.round((Math.max(0, Math.min(255, value)) * 360) / 256) % 360;
}

export function deskEffectOf(value: number): DeskEffectRange {
  return DESK_EFFECTS.find((e) => value >= e.from && value <= e.to) ?? DESK_EFFECTS[0];
}

/** Channels the patch takes for `zones` zones. */
export function deskFootprint(zones: number): number {
  return DESK_CONTROL_CHANNELS.length + zones * DESK_ZONE_CHANNELS.length;
}

/** The most zones one universe carries from `address` (1-based). */
export function deskMaxZones(address: number): number {
  return Math.max(0, Math.floor((512 - (address - 1) - DESK_CONTROL_CHANNELS.length) / DESK_ZONE_CHANNELS.length));
}

/** Zone counts the fixture profile offers as modes. */
export const DESK_PROFILE_MODES: readonly number[] = [8, 16, 32];
