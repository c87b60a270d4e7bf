/**
 * Uploaded logos on a hot-standby pair. A brand sequence's logo is drawn onto
 * the seats when its slot comes (BrandService.planFor), so a backup that takes
 * over must hold every logo the active controller holds.
 *
 * Logos are not sent on the follow stream: one is up to 2 MB, and a heartbeat
 * queued behind it on the same connection could be late enough to look like a
 * dead primary. The stream carries only the list of logo files (`logos`); the
 * backup fetches each one it lacks on a request of its own
 * (`GET /api/standby/logo/:file`). A logo file never changes once written (its
 * name is its content's hash), so one that is there is the right one.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { LOGO_FILE, logoDir } from '../brand/logo-store';
import { CopyRounds, getFromActive } from './standby-fetch';

/** The logo files of a data directory, sorted: the images before their records, so a record is never there without its image. */
export async function listLogoFiles(dataDir: string): Promise<string[]> {
  const names = await readdir(logoDir(dataDir)).catch(() => [] as string[]);
  const isRecord = (n: string) => (n.endsWith('.json') ? 1 : 0);
  return names.filter((n) => LOGO_FILE.test(n)).sort((a, b) => isRecord(a) - isRecord(b) || a.localeCompare(b));
}

export interface LogoFetcherOptions {
  /** The active controller's base URL. */
  url: string;
  key: string;
  dataDir: string;
  log: (level: 'warn' | 'error', message: string) => void;
}

/** The backup's side: fetches, one at a time, the listed logo files it does not have. */
export class LogoFetcher extends CopyRounds {
  private wanted: string[] = [];

  constructor(private readonly o: LogoFetcherOptions) {
    super();
  }

  /** The active controller's list of logo files, as the stream said it (a list arriving while fetching replaces the rest of the last). */
  listed(files: string[]): void {
    // Names become paths here: only a logo file's name is taken, whoever calls.
    this.wanted = files.filter((f) => LOGO_FILE.test(f));
    this.kick();
  }

  protected async round(): Promise<'done' | 'failed'> {
    const dir = logoDir(this.o.dataDir);
    await mkdir(dir, { recursive: true });
    for (let next = this.take(dir); next !== undefined && !this.stopped; next = this.take(dir)) {
      try {
        await writeFileAtomic(join(dir, next), await getFromActive(this.o.url, `api/standby/logo/${next}`, this.o.key), { fsync: true, mode: 0o600 });
      } catch (err) {
        this.o.log('warn', `could not copy logo ${next} from the active controller: ${err instanceof Error ? err.message : String(err)}; trying again in ${CopyRounds.RETRY_MS / 1000} s`);
        // The next round starts with this one, then the rest of the list.
        this.wanted = [next, ...this.wanted];
        return 'failed';
      }
    }
    return 'done';
  }

  /** The next listed file not here yet. */
  private take(dir: string): string | undefined {
    while (this.wanted.length > 0) {
      const name = this.wanted.shift()!;
      if (!existsSync(join(dir, name))) return name;
    }
    return undefined;
  }
}
