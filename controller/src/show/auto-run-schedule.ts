/**
 * When things happen if a cue list runs by itself from its first cue: each
 * cue's GO (the first at 0, the next `follow` ms after the one before is
 * complete), when its looks land (GO + delay), the parades cues start and the
 * parades on the show timeline. The engine runs the show live; this is the
 * same timing worked out ahead, for benchmarks and checks.
 */
import { type Cue, cueCompleteMs, type Show } from '@crowdcue/protocol';

export { cueCompleteMs };

export interface ScheduledCue {
  kind: 'cue';
  path: string;
  cue: Cue;
  goMs: number;
  /** GO + delay: when its looks land and its parade starts. */
  looksAtMs: number;
}

export interface ScheduledParade {
  kind: 'parade';
  paradeId: string;
  atMs: number;
  /** The cue path or `timeline[i]` that starts it. */
  from: string;
}

export type ScheduledItem = ScheduledCue | ScheduledParade;

export function autoRunSchedule(show: Show, list = 0): ScheduledItem[] {
  const items: ScheduledItem[] = [];
  const cues = show.cueLists[list]?.cues ?? [];
  let go = 0;
  for (let i = 0; i < cues.length; i++) {
    const cue = cues[i];
    const path = `cueLists[${list}].cues[${i}]`;
    items.push({ kind: 'cue', path, cue, goMs: go, looksAtMs: go + cue.delay });
    if (cue.parade !== undefined) items.push({ kind: 'parade', paradeId: cue.parade, atMs: go + cue.delay, from: path });
    if (cue.follow === null) break;
    go += cueCompleteMs(cue) + cue.follow;
  }
  show.timeline.forEach((entry, i) => items.push({ kind: 'parade', paradeId: entry.parade, atMs: entry.at, from: `timeline[${i}]` }));
  return items.sort((a, b) => (a.kind === 'cue' ? a.looksAtMs : a.atMs) - (b.kind === 'cue' ? b.looksAtMs : b.atMs));
}

/** When the auto-run show is over: the last cue complete, the last parade ended. */
export function autoRunEndMs(show: Show, items: ScheduledItem[] = autoRunSchedule(show)): number {
  let end = 0;
  for (const item of items) {
    if (item.kind === 'cue') end = Math.max(end, item.goMs + cueCompleteMs(item.cue));
    else end = Math.max(end, item.atMs + (show.parades.find((p) => p.id === item.paradeId)?.duration ?? 0));
  }
  return end;
}
