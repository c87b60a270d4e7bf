/**
 * Builds the simulate page (simulator/src/page) with Vite into a cache folder
 * keyed by a hash of the sources it is made from, so a second start (or a
 * parallel test) reuses the bundle instead of building again.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The page's own folder (index.html + main.ts). */
export const PAGE_ROOT = resolve(here, '../page');
const require = createRequire(import.meta.url);

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else if (!entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

/** Folders whose sources end up in the bundle: this package's and the protocol's. */
function sourceRoots(): string[] {
  const protocolIndex = require.resolve('@crowdcue/protocol');
  return [resolve(here, '..'), dirname(protocolIndex)];
}

async function sourceHash(): Promise<string> {
  const h = createHash('sha256');
  const versions = ['vite', 'socket.io-client'].map((name) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return 'none';
    }
  });
  h.update(versions.join(','));
  for (const root of sourceRoots()) {
    for (const file of await listFiles(root)) {
      h.update(file);
      h.update(await readFile(file));
    }
  }
  return h.digest('hex').slice(0, 16);
}

let building: Promise<string> | null = null;

/**
 * The folder holding the built page (index.html + assets/), building it first
 * if this version of the sources has not been built yet.
 */
export function bundledPage(cacheRoot = join(tmpdir(), 'crowdcue-simulate-page')): Promise<string> {
  building ??= (async () => {
    const outDir = join(cacheRoot, await sourceHash());
    if (existsSync(join(outDir, 'index.html'))) return outDir;
    await mkdir(cacheRoot, { recursive: true });
    const staging = `${outDir}.tmp-${process.pid}-${Date.now()}`;
    const { build } = await import('vite');
    await build({
      root: PAGE_ROOT,
      base: './',
      configFile: false,
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 4096 },
    });
    try {
      await rename(staging, outDir);
    } catch (e) {
      // Another process finished the same build first: theirs is identical.
      if (!existsSync(join(outDir, 'index.html'))) throw e;
      await rm(staging, { recursive: true, force: true });
    }
    return outDir;
  })();
  building.catch(() => {
    building = null;
  });
  return building;
}
