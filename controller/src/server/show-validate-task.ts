/**
 * A show file validated off the live show's loop: the show model's parser
 * (zod) and the flash check each cost seconds for a show of thousands of cues,
 * so a large show is parsed and checked in a worker task (job 'check-show-file',
 * worker-jobs.ts) that stops at its deadline or when its client has gone. The
 * answer is the protocol's own `checkShowFile`, so it is the same inline or in
 * a worker: errors named by field path, flash problems by cue or step path.
 */
import { checkShowFile, type CheckShowFileResult } from '@crowdcue/protocol';
import { type CheckedShow, ShowValidationError } from '../storage/show-store';
import { jsonSourceOf } from './json-body';
import { runWorkerTask } from './worker-task';

/** A 10,000-cue show (the schema's limit) parses in ~7 s and is flash-checked in ~6 s on a 2-core machine; leave room for a busy one. */
export const SHOW_PARSE_DEADLINE_MS = 60_000;

/**
 * Below this many cues a show parses inline. Measured on a 2-core machine: a
 * worker round trip costs ~45 ms warm (up to ~1 s when the worker loads the
 * parser cold), while a show with full cues parses at ~0.7 ms a cue (10,000
 * cues ~7 s), so 200 cues (~140 ms) is about where the worker starts to pay.
 * Bare cues (id + number) parse far faster (200 cues 1.5 ms): the count is a
 * cheap, conservative proxy, and the answer is the same either way.
 */
export const INLINE_CUE_LIMIT = 200;

/** Cues in a show file, counted without trusting its shape. */
export function cueCount(json: unknown): number {
  if (typeof json !== 'object' || json === null) return 0;
  const lists = (json as { cueLists?: unknown }).cueLists;
  if (!Array.isArray(lists)) return 0;
  let n = 0;
  for (const list of lists) {
    const cues = typeof list === 'object' && list !== null ? (list as { cues?: unknown }).cues : undefined;
    if (Array.isArray(cues)) n += cues.length;
  }
  return n;
}

export async function parseShowOffLoop(json: unknown, signal?: AbortSignal): Promise<CheckShowFileResult> {
  if (cueCount(json) < INLINE_CUE_LIMIT) return checkShowFile(json);
  // A large request body goes over as its text: cloning the parsed object would cost this thread more than the text.
  const source = jsonSourceOf(json);
  return runWorkerTask('check-show-file', source ?? { json }, { deadlineMs: SHOW_PARSE_DEADLINE_MS, signal });
}

/** ShowStore's `validate`: the show and its flash problems, or a ShowValidationError listing every field at fault. */
export async function validateShowOffLoop(json: unknown, signal?: AbortSignal): Promise<CheckedShow> {
  const parsed = await parseShowOffLoop(json, signal);
  if (!parsed.ok) throw new ShowValidationError(parsed.errors);
  return { show: parsed.value, problems: parsed.problems };
}
