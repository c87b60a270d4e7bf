/**
 * Show files read off the live show's loop: checking a stored show is the show
 * model's parser (seconds for thousands of cues) after a JSON.parse of the
 * pretty-printed file, so a large file is read, parsed and checked (and its
 * `.bak` tried when it is damaged) in a worker task (job 'read-stored-show',
 * worker-jobs.ts). The answer comes back as compact JSON text: one string
 * copy across the thread and one JSON.parse here, a fraction of the work.
 * The show store keeps the result until the file changes.
 */
import { stat } from 'node:fs/promises';
import type { StoredShow } from '@crowdcue/protocol';
import { backupPath, readJsonRecovering, type RecoveredJson } from '../storage/atomic-json';
import { checkStored } from '../storage/show-store';
import { runWorkerTask } from './worker-task';

/** A 10,000-cue show on 64 zones is a 120 MB file: ~6 s to read and check on an idle 2-core machine. */
export const SHOW_READ_DEADLINE_MS = 60_000;

/**
 * Files smaller than this are read inline. Measured on a 2-core machine:
 * JSON.parse and the show parser together cost ~45 ms a MB of pretty-printed
 * show file, so 512 KiB is ~25 ms, below a warm worker round trip (~45 ms).
 */
export const INLINE_READ_BYTES = 512 * 1024;

/** What the worker answers: the RecoveredJson of the file, its stored show as JSON text. */
export type StoredShowText =
  | { status: 'missing' }
  | { status: 'ok'; text: string }
  | { status: 'recovered'; text: string; problem: string }
  | { status: 'damaged'; problem: string };

const size = (path: string) => stat(path).then((s) => s.size, () => 0);

/** Worker side: the whole read with its recovery, the show handed back as text. */
export async function readStoredShowText(path: string): Promise<StoredShowText> {
  const read = await readJsonRecovering(path, checkStored);
  if (read.status === 'ok') return { status: 'ok', text: JSON.stringify(read.value) };
  if (read.status === 'recovered') return { status: 'recovered', text: JSON.stringify(read.value), problem: read.problem };
  return read;
}

/** ShowStore's `readStored`: inline for small files, else in a worker task. */
export async function readStoredOffLoop(path: string): Promise<RecoveredJson<StoredShow>> {
  if (Math.max(await size(path), await size(backupPath(path))) < INLINE_READ_BYTES) return readJsonRecovering(path, checkStored);
  const read = await runWorkerTask('read-stored-show', { path }, { deadlineMs: SHOW_READ_DEADLINE_MS });
  if (read.status === 'ok') return { status: 'ok', value: JSON.parse(read.text) as StoredShow };
  if (read.status === 'recovered') return { status: 'recovered', value: JSON.parse(read.text) as StoredShow, problem: read.problem };
  return read;
}
