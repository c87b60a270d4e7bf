/**
 * Limits on a whole show that no single list can check: cues in all cue lists,
 * parade steps in all parades (see SHOW_LIMITS for why each is what it is).
 */
import { SHOW_LIMITS, formatCount } from './limits';

export interface TotalsIssue {
  path: Array<string | number>;
  message: string;
}

interface Countable {
  cueLists: ReadonlyArray<{ cues: readonly unknown[] }>;
  parades: ReadonlyArray<{ tracks: ReadonlyArray<{ steps: readonly unknown[] }> }>;
}

export function checkShowTotals(show: Countable): TotalsIssue[] {
  const issues: TotalsIssue[] = [];
  const cues = show.cueLists.reduce((n, l) => n + l.cues.length, 0);
  if (cues > SHOW_LIMITS.cues) {
    issues.push({ path: ['cueLists'], message: `${formatCount(cues)} cues in all; a show has at most ${formatCount(SHOW_LIMITS.cues)}` });
  }
  const steps = show.parades.reduce((n, p) => n + p.tracks.reduce((m, t) => m + t.steps.length, 0), 0);
  if (steps > SHOW_LIMITS.paradeSteps) {
    issues.push({ path: ['parades'], message: `${formatCount(steps)} parade steps in all; a show has at most ${formatCount(SHOW_LIMITS.paradeSteps)}` });
  }
  return issues;
}
