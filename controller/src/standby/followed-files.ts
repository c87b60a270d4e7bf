/**
 * The data-directory files a backup keeps in step (accounts.json and every
 * shows/<id>.json): read whole when a backup connects, then looked at twice a
 * second and sent again when one changed (size or mtime) or went away. Shows
 * and accounts change by hand, seldom: polling costs nothing and needs no hook
 * in their stores.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FOLLOWED_FILE } from './follow-messages';

export const FILE_POLL_MS = 500;

async function listFollowed(dataDir: string): Promise<string[]> {
  const shows = await readdir(join(dataDir, 'shows')).catch(() => [] as string[]);
  return ['accounts.json', ...shows.map((n) => `shows/${n}`)].filter((p) => FOLLOWED_FILE.test(p));
}

export class FollowedFiles {
  private readonly seen = new Map<string, string>();

  constructor(private readonly dataDir: string) {}

  /** Files that changed (or all, the first time), with their content; null = deleted. */
  async changes(): Promise<Array<{ path: string; content: string | null }>> {
    const out: Array<{ path: string; content: string | null }> = [];
    const now = new Set(await listFollowed(this.dataDir));
    for (const path of now) {
      const s = await stat(join(this.dataDir, path)).catch(() => null);
      if (!s) continue;
      const tag = `${s.size}:${s.mtimeMs}`;
      if (this.seen.get(path) === tag) continue;
      const content = await readFile(join(this.dataDir, path), 'utf8').catch(() => null);
      if (content === null) continue;
      this.seen.set(path, tag);
      out.push({ path, content });
    }
    for (const path of [...this.seen.keys()]) {
      if (!now.has(path)) {
        this.seen.delete(path);
        out.push({ path, content: null });
      }
    }
    return out;
  }
}
