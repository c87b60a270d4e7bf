/**
 * Reads the personality (`DESK_CONTROL_CHANNELS`, `DESK_ZONE_CHANNELS`, in
 * protocol) out of a universe: what the desk asks of each zone and of the
 * show. Pure: the same slots always read the same.
 */
import {
  DESK_CONTROL_CHANNELS,
  DESK_PLAYBACKS,
  DESK_ZONE_CHANNELS,
  deskDirectionDeg,
  deskEffectOf,
  deskPeriodMs,
  type DeskZoneRole,
  type EffectLook,
  type Rgb,
} from '@crowdcue/protocol';

export interface DeskZoneAsk {
  /** Venue zone id (desk zone n is venue zone n - 1). */
  zone: number;
  /** Colour times intensity times master, unrounded (0..255 each). */
  rgb: [number, number, number];
  /** A band-side effect between the colour and dark, or null for the still colour. */
  effect: EffectLook | null;
}

export interface DeskControls {
  master: number;
  blackout: number;
  /** Per playback slot: GO and level channel values. */
  playbacks: Array<{ go: number; level: number }>;
  zones: DeskZoneAsk[];
}

const ZONE_AT = Object.fromEntries(DESK_ZONE_CHANNELS.map((c, i) => [c.role, i])) as Record<DeskZoneRole, number>;
const MASTER_AT = DESK_CONTROL_CHANNELS.findIndex((c) => c.role === 'master');
const BLACKOUT_AT = DESK_CONTROL_CHANNELS.findIndex((c) => c.role === 'blackout');
const GO_AT = Array.from({ length: DESK_PLAYBACKS }, (_, i) => DESK_CONTROL_CHANNELS.findIndex((c) => c.role === 'go' && c.playback === i));
const LEVEL_AT = Array.from({ length: DESK_PLAYBACKS }, (_, i) => DESK_CONTROL_CHANNELS.findIndex((c) => c.role === 'level' && c.playback === i));

/** `slots`: the universe from slot 1; `address`: the patch's start, 1-based. */
export function readDeskControls(slots: Uint8Array, address: number, zones: number): DeskControls {
  const base = address - 1;
  const at = (i: number) => slots[base + i] ?? 0;
  const master = at(MASTER_AT);
  const out: DeskControls = {
    master,
    blackout: at(BLACKOUT_AT),
    playbacks: GO_AT.map((g, i) => ({ go: at(g), level: at(LEVEL_AT[i]) })),
    zones: [],
  };
  const zoneBase = DESK_CONTROL_CHANNELS.length;
  for (let z = 0; z < zones; z++) {
    const o = zoneBase + z * DESK_ZONE_CHANNELS.length;
    const ch = (role: DeskZoneRole) => at(o + ZONE_AT[role]);
    const scale = (ch('intensity') / 255) * (master / 255);
    const rgb: [number, number, number] = [ch('red') * scale, ch('green') * scale, ch('blue') * scale];
    const fx = deskEffectOf(ch('effect'));
    const effect: EffectLook | null =
      fx.shape === null
        ? null
        : {
            kind: 'effect',
            shape: fx.shape,
            colors: [rgb.map(Math.round) as Rgb, [0, 0, 0]],
            period: deskPeriodMs(ch('speed')),
            axis: fx.axis,
            direction: deskDirectionDeg(ch('direction')),
            spread: ch('spread'),
          };
    out.zones.push({ zone: z, rgb, effect });
  }
  return out;
}
