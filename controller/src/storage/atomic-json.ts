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
import { setImmediate as nextTurn } from 'node:timers/promises';
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

/**
 * Text is encoded to UTF-8 in slices of this many characters, each in a turn
 * of its own: a 10,000-cue show is 4 MB of indented JSON, and encoding it in
 * one go (with the collection of the garbage it makes) held the loop 50-70 ms.
 */
const ENCODE_SLICE = 256 * 1024;

/** `text` as UTF-8, a slice per turn of the loop when it is long. */
export async function encodeInTurns(text: string): Promise<Buffer> {
  if (text.length <= ENCODE_SLICE) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + ENCODE_SLICE);
    // A slice never ends between the two halves of a surrogate pair.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    await nextTurn();
    parts.push(Buffer.from(text.slice(at, end), 'utf8'));
    at = end;
  }
  return Buffer.concat(parts);
}

async function readBytes(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function readText(path: string): Promise<string | undefined> {
  return (await readBytes(path))?.toString('utf8');
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

/**
 * Writes `value` as indented JSON. For a large show (megabytes of JSON) each
 * step is tens of milliseconds on the live show's thread, so the steps take
 * turns of their own: the known-good backup is copied as bytes (never decoded
 * and encoded again), and the new text is encoded a slice per turn.
 */
export async function writeJsonAtomic(path: string, value: unknown, opts: WriteJsonOptions = {}): Promise<void> {
  if (opts.backup === 'known-good') {
    const bytes = await readBytes(path);
    if (bytes !== undefined) await writeFileAtomic(backupPath(path), bytes, { fsync: true, mode: 0o600 });
  } else if (opts.backup) {
    const text = await readText(path);
    const parsed = text === undefined ? undefined : parse(path, text);
    const good = parsed?.ok === true && (typeof opts.backup === 'boolean' || opts.backup.check(parsed.value).ok);
    if (good && text !== undefined) await writeFileAtomic(backupPath(path), text, { fsync: true, mode: 0o600 });
  }
  const text = JSON.stringify(value, null, 2) + '\n';
  await writeFileAtomic(path, await encodeInTurns(text), { fsync: true, mode: 0o600 });
}
