/**
 * How long a cue takes, from its GO to complete: the engine plays it, the
 * flash check and the auto-run schedule work it out ahead, all from here.
 */
import type { Cue } from './cue';

/**
 * From GO to complete: delay, then the longest fade (the cue's, or a look's
 * own), then hang (cue.ts: "fades to its looks over fade, then holds for hang").
 */
export function cueCompleteMs(cue: Cue): number {
  let fade = cue.fade;
  for (const look of Object.values(cue.looks)) if (look.kind !== 'effect' && look.fade !== undefined) fade = Math.max(fade, look.fade);
  return cue.delay + fade + cue.hang;
}
