/**
 * Cross-checks of the timecode input against the rest of the show: chasing
 * cue lists exist, and every cue timecode exists at the input's frame rate.
 */
import { parseTimecode } from '../../timecode/timecode';
import type { CueList } from '../cue';
import type { Inputs } from './index';

export interface TimecodeIssue {
  path: Array<string | number>;
  message: string;
}

export function checkTimecodeInput(show: { inputs?: Inputs; cueLists: readonly CueList[] }): TimecodeIssue[] {
  const issues: TimecodeIssue[] = [];
  const input = show.inputs?.timecode;
  const ids = new Set(show.cueLists.map((l) => l.id));
  input?.cueLists?.forEach((id, i) => {
    if (!ids.has(id)) issues.push({ path: ['inputs', 'timecode', 'cueLists', i], message: `no cue list '${id}' (cue lists: ${[...ids].join(', ') || 'none'})` });
  });
  const rate = input?.rate;
  if (rate === undefined) return issues;
  show.cueLists.forEach((list, l) =>
    list.cues.forEach((cue, c) => {
      if (cue.timecode === undefined) return;
      const r = parseTimecode(cue.timecode, rate);
      if (!r.ok) issues.push({ path: ['cueLists', l, 'cues', c, 'timecode'], message: `${r.error} (inputs.timecode.rate is ${rate})` });
    }),
  );
  return issues;
}
