/**
 * Builds the web console (console-ui/dist) when it is missing or older than
 * its sources, through Vite's build API, so `npm start` on a fresh clone
 * serves a console without a separate build step. The build goes to a
 * scratch folder and is swapped in whole; a lock file keeps two processes
 * (parallel test files, two servers) from building at once.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
export const CONSOLE_DIR = join(repo, 'console-ui');

/** What the console bundle is made from (aliases in console-ui/vite.config.ts). */
const SOURCES = [
  'console-ui/src',
  'console-ui/index.html',
  'console-ui/vite.config.ts',
  'console-ui/package.json',
  'protocol/src',
  'simulator/src',
];

export interface ConsoleBuildOptions {
  consoleDir?: string;
  /** Progress lines ("building the console: 120 modules"). */
  progress?: (line: string) => void;
  /** Build even when the bundle looks current. */
  force?: boolean;
}

export interface ConsoleBuildResult {
  built: boolean;
  /** Why it was (or was not) built. */
  reason: string;
  ms: number;
}

async function newestMtime(path: string): Promise<number> {
  let st;
  try {
    st = await stat(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : st.mtimeMs;
  let newest = 0;
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    newest = Math.max(newest, await newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why the console needs building, or null when dist/ is current. */
export async function consoleStaleReason(consoleDir = CONSOLE_DIR): Promise<string | null> {
  const index = join(consoleDir, 'dist', 'index.html');
  if (!existsSync(index)) return 'console-ui/dist is missing';
  const builtAt = (await stat(index)).mtimeMs;
  const root = resolve(consoleDir, '..');
  let newest = 0;
  for (const s of SOURCES) newest = Math.max(newest, await newestMtime(join(root, s)));
  return newest > builtAt ? 'the console sources changed since the last build' : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Holds `<consoleDir>/.build-lock` while `work` runs; waits for another holder (a stale lock, over 5 minutes, is taken over). */
async function withLock<T>(consoleDir: string, work: () => Promise<T>, progress: (line: string) => void): Promise<T> {
  const lock = join(consoleDir, '.build-lock');
  let told = false;
  for (;;) {
    try {
      const fh = await open(lock, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 5 * 60_000) {
        await rm(lock, { force: true });
        continue;
      }
      if (!told) progress('waiting for another console build to finish ...');
      told = true;
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

/** Builds the console if it is missing or stale (or `force`). */
export async function ensureConsoleBuilt(opts: ConsoleBuildOptions = {}): Promise<ConsoleBuildResult> {
  const consoleDir = opts.consoleDir ?? CONSOLE_DIR;
  const progress = opts.progress ?? (() => undefined);
  const started = performance.now();
  const first = opts.force ? 'a build was asked for' : await consoleStaleReason(consoleDir);
  if (!first) return { built: false, reason: 'console-ui/dist is up to date', ms: 0 };
  return withLock(consoleDir, async () => {
    // Someone else may have built it while we waited.
    const reason = opts.force ? first : await consoleStaleReason(consoleDir);
    if (!reason) return { built: false, reason: 'built by another process meanwhile', ms: performance.now() - started };
    progress(`building the console (${reason}) ...`);
    await buildInto(consoleDir, progress);
    const ms = performance.now() - started;
    progress(`console built in ${(ms / 1000).toFixed(1)} s`);
    return { built: true, reason, ms };
  }, progress);
}

async function buildInto(consoleDir: string, progress: (line: string) => void): Promise<void> {
  const { build } = await import('vite');
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const scratch = join(consoleDir, `.dist-build-${tag}`);
  const old = join(consoleDir, `.dist-old-${tag}`);
  const dist = join(consoleDir, 'dist');
  let modules = 0;
  let lastReport = performance.now();
  await mkdir(scratch, { recursive: true });
  try {
    await build({
      configFile: join(consoleDir, 'vite.config.ts'),
      root: consoleDir,
      logLevel: 'warn',
      build: { outDir: scratch, emptyOutDir: true },
      plugins: [
        {
          name: 'crowdcue-build-progress',
          transform() {
            modules++;
            const now = performance.now();
            if (now - lastReport > 1000) {
              lastReport = now;
              progress(`  ${modules} modules ...`);
            }
            return null;
          },
          writeBundle() {
            progress(`  ${modules} modules, bundle written`);
          },
        },
      ],
    });
    if (existsSync(dist)) await rename(dist, old);
    await rename(scratch, dist);
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}
