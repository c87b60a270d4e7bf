/**
 * JSON documents on disk that survive a crash mid-write: write-file-atomic writes
 * a temp file, fsyncs it and renames it over the old one, so a reader sees the
 * old version or the new one, never half of either. The previous good version
 * is kept as `<file>.bak` (itself written atomically), and `readJsonRecovering`
 * falls back to it when the file is damaged (cut short by a full disk, edited by
 * hand into the wrong shape). This is the one owner of that rule for shows,
 * accounts and runtime.json.
 */
import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';

/** Checks a parsed document's shape: the value to use, or what is wrong with it. */
export type JsonCheck<T> = (raw: unknown) => { ok: true; value: T } | { ok: false; error: string };

export type RecoveredJson<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  /** The file is damaged; `<file>.bak` was good and is what `value` holds. */
  | { status: 'recovered'; value: T; problem: string }
  /** Neither the file nor its `.bak` is usable; `problem` says why for both. */
  | { status: 'damaged'; problem: string };

export const backupPath = (path: string): string => `${path}.bak`;

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parse(path: string, text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const why = text.trim() === '' ? 'empty' : `not valid JSON (${(err as Error).message})`;
    return { ok: false, error: `${path}: ${why}` };
  }
}

export async function readJson(path: string): Promise<unknown | undefined> {
  const text = await readText(path);
  if (text === undefined) return undefined;
  const parsed = parse(path, text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

async function readChecked<T>(path: string, check: JsonCheck<T>): Promise<{ ok: true; value: T } | { ok: false; error: string } | undefined> {
  let text: string | undefined;
  try {
    text = await readText(path);
  } catch (err) {
    return { ok: false, error: `${path}: ${(err as Error).message}` };
  }
  if (text === undefined) return undefined;
  const parsed = parse(path, text);
  if (!parsed.ok) return parsed;
  const checked = check(parsed.value);
  return checked.ok ? checked : { ok: false, error: `${path}: ${checked.error}` };
}

/**
 * Reads a document, and its `.bak` when the document itself is damaged. A
 * missing document with a good `.bak` is recovered too (a crash between the
 * backup and the rename cannot happen with atomic writes, but a hand delete can).
 */
export async function readJsonRecovering<T>(path: string, check: JsonCheck<T>): Promise<RecoveredJson<T>> {
  const main = await readChecked(path, check);
  if (main?.ok) return { status: 'ok', value: main.value };
  const bak = await readChecked(backupPath(path), check);
  if (main === undefined) return bak?.ok ? { status: 'recovered', value: bak.value, problem: `${path}: missing` } : { status: 'missing' };
  if (bak?.ok) return { status: 'recovered', value: bak.value, problem: main.error };
  return { status: 'damaged', problem: bak ? `${main.error}; ${bak.error}` : `${main.error}; no ${backupPath(path)}` };
}

export interface WriteJsonOptions {
  /**
   * Keep the version being replaced as `<file>.bak`, but only when it is good
   * (valid JSON passing `check` when given): a damaged file never overwrites the
   * good copy beside it. `'known-good'`: the caller has just read and checked
   * the file, so it is copied without being parsed again (a large show).
   */
  backup?: boolean | { check: JsonCheck<unknown> } | 'known-good';
}

export async function writeJsonAtomic(path: string, value: unknown, opts: WriteJsonOptions = {}): Promise<void> {
  if (opts.backup === 'known-good') {
    const text = await readText(path);
    if (text !== undefined) await writeFileAtomic(backupPath(path), text, { fsync: true, mode: 0o600 });
  } else if (opts.backup) {
    const text = await readText(path);
    const parsed = text === undefined ? undefined : parse(path, text);
    const good = parsed?.ok === true && (typeof opts.backup === 'boolean' || opts.backup.check(parsed.value).ok);
    if (good && text !== undefined) await writeFileAtomic(backupPath(path), text, { fsync: true, mode: 0o600 });
  }
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n', { fsync: true, mode: 0o600 });
}
