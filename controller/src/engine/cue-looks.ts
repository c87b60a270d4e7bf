/**
 * Which looks a cue sets on which venue zones, with each zone's fade.
 * `all` covers every venue zone; a zone's own key wins over `all`; keys for
 * zones the venue does not have are ignored.
 */
import { lookForZone, type Cue, type Look } from '@crowdcue/protocol';
import { OFF_LOOK } from './look-colour';

export interface ZoneCueLook {
  look: Look;
  fadeMs: number;
  /** Tracking found no cue up to here that lights the zone: the list lets go of it (other playbacks show there). */
  unlit?: boolean;
}

/** A look's fade in a cue: its own, else the cue's; an effect starts at once. */
export function lookFadeMs(look: Look, cue: Cue): number {
  if (look.kind === 'effect') return 0;
  return look.fade ?? cue.fade;
}

/** The looks a GO on `cue` sets: only the zones it names (others keep theirs). */
export function cueLooks(cue: Cue, venueZones: readonly number[]): Map<number, ZoneCueLook> {
  const out = new Map<number, ZoneCueLook>();
  for (const zone of venueZones) {
    const look = lookForZone(cue.looks, zone);
    if (look !== undefined) out.set(zone, { look, fadeMs: lookFadeMs(look, cue) });
  }
  return out;
}

/**
 * The looks of every zone as if the list had played from its first cue up to
 * `index` (tracking: a zone keeps the last look a cue gave it; never given one,
 * it is off). Used by GOTO and BACK; fades are the target cue's.
 */
export function trackedLooks(cues: readonly Cue[], index: number, venueZones: readonly number[]): Map<number, ZoneCueLook> {
  const target = cues[index];
  const out = new Map<number, ZoneCueLook>();
  for (const zone of venueZones) {
    let look: Look = OFF_LOOK;
    let lit = false;
    for (let i = 0; i <= index; i++) {
      const l = lookForZone(cues[i].looks, zone);
      if (l !== undefined) {
        look = l;
        lit = true;
      }
    }
    out.set(zone, { look, fadeMs: look.kind === 'effect' ? 0 : (look.fade ?? target.fade), ...(lit ? {} : { unlit: true }) });
  }
  return out;
}

/** The longest fade of a cue: its own, or a colour look's own when longer. */
export function cueFadeMs(cue: Cue): number {
  let fade = cue.fade;
  for (const look of Object.values(cue.looks)) if (look.kind !== 'effect' && look.fade !== undefined) fade = Math.max(fade, look.fade);
  return fade;
}
