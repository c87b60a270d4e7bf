/**
 * A playback's fader: it scales the intensity of what the playback
 * contributes, the way a band scales by master (floor(c * level / 255)), so a
 * fader at 128 and master at 255 look like the fader at 255 and master at 128.
 */
import type { Look, Rgb } from '@crowdcue/protocol';
import { applyMaster } from '../engine/look-colour';

export function scaleLook(look: Look, level: number): Look {
  if (level >= 255 || look.kind === 'off') return look;
  if (look.kind === 'color') return { ...look, color: applyMaster(look.color, level) };
  const colors = look.colors.map((c) => applyMaster(c, level)) as [Rgb, Rgb];
  return { ...look, colors };
}
