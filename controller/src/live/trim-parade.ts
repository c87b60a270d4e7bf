/**
 * A parade joined part-way: what is still to play `elapsedMs` after its start.
 * Times stay relative to the parade's own start, so the planner places every
 * effect on the band clock exactly where the full run would have put it (a
 * wave picked up after a restart is in the same phase as if it never stopped).
 */
import type { CompiledParade } from '@crowdcue/protocol';

export function trimParade(parade: CompiledParade, elapsedMs: number): CompiledParade {
  if (elapsedMs <= 0) return parade;
  const steps = parade.steps
    .filter((step) => step.endMs > elapsedMs)
    .map((step) => {
      // The send in force now (the latest that has started) and every later one.
      let inForce = -1;
      step.sends.forEach((s, i) => {
        if (s.atMs <= elapsedMs) inForce = i;
      });
      return inForce <= 0 ? step : { ...step, sends: step.sends.slice(inForce) };
    });
  return { ...parade, steps };
}
