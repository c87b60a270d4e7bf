/**
 * Temp files of atomic writes (atomic-json.ts) that a crash left behind. An
 * atomic write goes to `<file>.<number>` and is renamed over `<file>`; a failed
 * write removes its temp file and so does a normal exit, but a kill -9 or a
 * power cut mid-write leaves it, and a controller that crash-loops at start-up
 * would pile them up in the data directory. Start-up sweeps them, before
 * anything in this process writes (so no live write is ever taken away).
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** write-file-atomic's temp name: the target, a dot and a u32 in decimal. */
const TEMP = /\.json\.\d{1,10}$/;

export function isTempFileName(name: string): boolean {
  return TEMP.test(name);
}

/** Removes every orphan temp file under dataDir; answers their paths relative to it. */
export async function sweepTempFiles(dataDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dataDir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const orphans = names.filter(isTempFileName).sort();
  for (const name of orphans) await rm(join(dataDir, name), { force: true });
  return orphans;
}
