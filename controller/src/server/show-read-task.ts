/**
 * Show files read off the live show's loop: checking a stored show is the show
 * model's parser (seconds for thousands of cues) after a JSON.parse of the
 * pretty-printed file, so a large file is read, parsed and checked (and its
 * `.bak` tried when it is damaged) in a worker task (job 'read-stored-show',
 * worker-jobs.ts). The answer comes back in parts, each built on this thread
 * in a turn of its own (answer-in-parts.ts): no JSON.parse of megabytes here.
 * The show store keeps the result until the file changes.
 */
import { stat } from 'node:fs/promises';
import type { StoredShow } from '@crowdcue/protocol';
import { backupPath, readJsonRecovering, type RecoveredJson } from '../storage/atomic-json';
import { checkStored } from '../storage/show-store';
import { type AnswerInParts, inParts } from './answer-in-parts';
import { runWorkerTask } from './worker-task';

/** A 10,000-cue show on 64 zones is a 120 MB file: ~6 s to read and check on an idle 2-core machine. */
export const SHOW_READ_DEADLINE_MS = 60_000;

/**
 * Files smaller than this are read inline. Measured on a 2-core machine:
 * JSON.parse and the show parser together cost ~45 ms a MB of pretty-printed
 * show file, so 512 KiB is ~25 ms, below a warm worker round trip (~45 ms).
 */
export const INLINE_READ_BYTES = 512 * 1024;

const size = (path: string) => stat(path).then((s) => s.size, () => 0);

/** Worker side: the whole read with its recovery, handed back in parts (answer-in-parts.ts). */
export async function readStoredShowInParts(path: string): Promise<AnswerInParts<RecoveredJson<StoredShow>>> {
  return inParts(await readJsonRecovering(path, checkStored));
}

/** ShowStore's `readStored`: inline for small files, else in a worker task. */
export async function readStoredOffLoop(path: string): Promise<RecoveredJson<StoredShow>> {
  if (Math.max(await size(path), await size(backupPath(path))) < INLINE_READ_BYTES) return readJsonRecovering(path, checkStored);
  return runWorkerTask('read-stored-show', { path }, { deadlineMs: SHOW_READ_DEADLINE_MS });
}
