/** A parade step's look in show-file terms (what the console draws in its zone grid, what the mixer reports). */
import type { Look } from '@crowdcue/protocol';
import { dirToAngle, type StepLook } from '@crowdcue/protocol';

export function stepLookAsLook(look: StepLook): Look {
  if (look.kind === 'color') return { kind: 'color', color: look.rgb, fade: look.fadeMs };
  return {
    kind: 'effect',
    shape: look.shape,
    colors: [look.c1, look.c2],
    period: Math.max(1, Math.min(0xffff, Math.round(look.periodMs))),
    axis: look.axis,
    direction: Math.round(dirToAngle(look.dir)) % 360,
    spread: look.spread,
  };
}
