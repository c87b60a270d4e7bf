/**
 * The load-time safety check (parades compile, flash limit; safety/check-show)
 * off the live show's loop: it judges every cue chain zone by zone, about
 * 0.5 ms a cue on 64 zones, so a 10,000-cue show would hold the loop for
 * seconds while the current show plays. A large show is checked in a worker
 * task (job 'check-show', worker-jobs.ts) with a deadline; the answer is the
 * same list of problems by path as inline.
 */
import type { Show, ShowError } from '@crowdcue/protocol';
import { checkShow } from '../safety/check-show';
import { cueCount } from './show-validate-task';
import { runWorkerTask } from './worker-task';

/** A 10,000-cue show on 64 zones checks in ~5 s on an idle 2-core machine; leave room for a busy one. */
export const SHOW_CHECK_DEADLINE_MS = 60_000;

/**
 * Below this many cues a show is checked inline. Measured on a 2-core machine:
 * 100 cues with a colour on each of 64 zones check in ~45 ms (400 in ~100 ms,
 * 1,000 in ~360 ms), about what a warm worker round trip costs, so from 100
 * cues the worker keeps the loop free for less than the check would hold it.
 */
export const INLINE_CHECK_CUE_LIMIT = 100;

export async function checkShowOffLoop(show: Show, signal?: AbortSignal): Promise<ShowError[]> {
  if (cueCount(show) < INLINE_CHECK_CUE_LIMIT) return checkShow(show);
  // As JSON text: a string crosses to the worker as one copy, where structured
  // cloning the show object costs about three times as long on this thread.
  return runWorkerTask('check-show', { text: JSON.stringify(show) }, { deadlineMs: SHOW_CHECK_DEADLINE_MS, signal });
}
