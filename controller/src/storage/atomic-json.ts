/**
 * JSON documents on disk that survive a crash mid-write: write-file-atomic writes
 * a temp file, fsyncs it and renames it over the old one, so a reader sees the
 * old version or the new one, never half of either. The previous version is kept
 * as `<file>.bak` so an operator can recover from a bad save by hand.
 */
import { copyFile, readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';

export async function readJson(path: string): Promise<unknown | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
}

export async function writeJsonAtomic(path: string, value: unknown, opts: { backup?: boolean } = {}): Promise<void> {
  if (opts.backup) {
    try {
      await copyFile(path, `${path}.bak`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n', { fsync: true, mode: 0o600 });
}
