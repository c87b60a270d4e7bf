/**
 * The real controller and its console, for end-to-end tests and benchmarks:
 * the server started in-process the way `crowdcue start` starts it (temp data
 * directory, port 0, the admin password read off the printed line), Debian's
 * Chromium logged in, and the crowd view read back as real pixels.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ControllerServer } from '@crowdcue/controller/server';
import { ensureConsoleBuilt, startFromCli } from '@crowdcue/controller/server';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium } from './crowd-view-browser';

export type Rgb = [number, number, number];

export interface ConsoleRig {
  server: ControllerServer;
  url: string;
  adminPassword: string;
  /** Every line the start command printed. */
  printed: string[];
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the console if stale (once per run: other files wait on the lock), starts the server and Chromium. */
export async function startConsoleRig(opts: { transmitters?: string[]; timecode?: string } = {}): Promise<ConsoleRig> {
  await ensureConsoleBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'crowdcue-e2e-'));
  const printed: string[] = [];
  const server = await startFromCli(
    { dataDir, port: 0, host: '127.0.0.1', transmitters: opts.transmitters ?? [], build: false, ...(opts.timecode ? { timecode: opts.timecode } : {}) },
    { out: (l) => printed.push(l), err: (l) => printed.push(l) },
  );
  const line = printed.find((l) => l.startsWith('admin login:'));
  const password = /password (\S+)/.exec(line ?? '')?.[1];
  if (!password) throw new Error(`no admin password printed:\n${printed.join('\n')}`);
  const url = printed.find((l) => l.startsWith('CrowdCue console: '))!.slice('CrowdCue console: '.length);
  const browser = await launchChromium();
  return {
    server,
    url,
    adminPassword: password,
    printed,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function logIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav').waitFor();
}

export async function openLive(page: Page): Promise<void> {
  await page.getByTestId('nav-live').click();
  await page.locator('[data-testid="connection"][data-status="online"]').waitFor();
  await page.getByTestId('crowd-view').waitFor();
}

export interface ColourCount {
  /** Pixels within `tolerance` of each colour asked for. */
  near: number[];
  total: number;
}

/** Screenshots an element and counts pixels near each colour (max channel difference). */
export async function countColours(target: Locator, colours: Rgb[], tolerance = 40): Promise<ColourCount & { png: Buffer }> {
  const png = await target.screenshot();
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const near = colours.map(() => 0);
  for (let p = 0; p < data.length; p += 3) {
    for (let k = 0; k < colours.length; k++) {
      const c = colours[k];
      if (Math.abs(data[p] - c[0]) <= tolerance && Math.abs(data[p + 1] - c[1]) <= tolerance && Math.abs(data[p + 2] - c[2]) <= tolerance) near[k]++;
    }
  }
  return { near, total: info.width * info.height, png };
}

/** Keeps a screenshot for a person to look at when CROWDCUE_E2E_SHOTS names a folder. */
export async function keepShot(name: string | undefined, png: Buffer): Promise<void> {
  const dir = process.env.CROWDCUE_E2E_SHOTS;
  if (!dir || !name) return;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.png`), png);
}

/** Polls screenshots until `ok` holds (or throws with the last counts). */
export async function waitForColours(
  target: Locator,
  colours: Rgb[],
  ok: (c: ColourCount) => boolean,
  opts: { timeoutMs?: number; tolerance?: number; what?: string; /** name to keep the screenshot under in $CROWDCUE_E2E_SHOTS */ shot?: string } = {},
): Promise<ColourCount & { png: Buffer }> {
  const end = Date.now() + (opts.timeoutMs ?? 15_000);
  let last: (ColourCount & { png: Buffer }) | undefined;
  for (;;) {
    last = await countColours(target, colours, opts.tolerance);
    if (ok(last)) {
      await keepShot(opts.shot, last.png);
      return last;
    }
    if (Date.now() > end) throw new Error(`${opts.what ?? 'colours'} not seen: near ${JSON.stringify(last.near)} of ${last.total} pixels`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
