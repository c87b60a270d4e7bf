/**
 * Live overrides are not refused but slowed: an effect that would flash
 * faster than the limit keeps its shape and colours and gets the shortest
 * period that is within the limit; the operator gets a warning saying so.
 */
import type { Look } from '../show/look';
import { effectFlashesPerSecond, minSafePeriodMs } from './effect-flash-rate';
import { perSecond } from './flash-limit';

export interface ClampedLook {
  look: Look;
  /** Set when the look was changed to stay within the limit. */
  warning?: string;
}

const PERIOD_MAX = 0xffff;

export function clampLook(look: Look, limit: number): ClampedLook {
  if (look.kind !== 'effect') return { look };
  const [c1, c2] = look.colors;
  const rate = effectFlashesPerSecond({ shape: look.shape, c1, c2, periodMs: look.period });
  if (rate <= limit + 1e-9) return { look };
  const safe = minSafePeriodMs({ shape: look.shape, c1, c2 }, limit);
  if (safe === null) return { look };
  if (safe > PERIOD_MAX) {
    return {
      look: { kind: 'color', color: c1 },
      warning: `${look.shape} every ${look.period} ms flashes ${perSecond(rate)}, limit ${perSecond(limit)}: shown as a still colour`,
    };
  }
  return {
    look: { ...look, period: safe },
    warning: `${look.shape} every ${look.period} ms flashes ${perSecond(rate)}, limit ${perSecond(limit)}: slowed to every ${safe} ms`,
  };
}
