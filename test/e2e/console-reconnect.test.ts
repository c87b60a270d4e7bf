/**
 * A real controller restart under a live console: `crowdcue start` in a child
 * process, Chromium on its console at 1024x768. Stopped gracefully (the
 * controller closes every console's socket: socket.io will not retry that by
 * itself) and killed with SIGKILL (the transport just drops), the console says
 * "controller offline since hh:mm:ss", GO is disabled and grey, the show clock
 * stands still; started again, the console reconnects on its own with back-off,
 * reads the live show afresh, and only then enables GO. No transport words on screen.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureConsoleBuilt } from '@crowdcue/controller/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepShot, logIn, openLive } from './console-harness';
import { launchChromium } from './crowd-view-browser';
import { freeTcpPort } from '../../controller/src/free-port.test-util';

const BIN = fileURLToPath(new URL('../../controller/bin/crowdcue.js', import.meta.url));

interface Controller {
  child: ChildProcess;
  lines: string[];
  exited: Promise<unknown>;
}

let dir: string;
let port: number;
let controller: Controller | undefined;
let browser: Browser;
let page: Page;
let password: string;

async function startController(): Promise<Controller> {
  const child = spawn(process.execPath, [BIN, 'start', '--data', dir, '--host', '127.0.0.1', '--port', String(port), '--no-build'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  createInterface({ input: child.stderr! }).on('line', (l) => lines.push(l));
  const exited = new Promise((done) => child.once('exit', done));
  const t0 = Date.now();
  while (!lines.some((l) => l.startsWith('CrowdCue console: '))) {
    if (child.exitCode !== null) throw new Error(`crowdcue start exited:\n${lines.join('\n')}`);
    if (Date.now() - t0 > 60_000) throw new Error(`crowdcue start did not come up:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, lines, exited };
}

async function stopController(signal: NodeJS.Signals): Promise<void> {
  const c = controller;
  controller = undefined;
  if (!c || c.child.exitCode !== null) return;
  c.child.kill(signal);
  // A controller that does not stop is a failure of its own, named, not a test timeout.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`crowdcue start still running 30 s after ${signal}; it said:\n${c.lines.slice(-20).join('\n')}`)), 30_000);
  });
  await Promise.race([c.exited, stuck]).finally(() => clearTimeout(timer));
}

/** Records, in the page, every moment GO was enabled and what the link said then. */
async function watchGo(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = window as unknown as { goWhileDown: string[] };
    w.goWhileDown = [];
    const check = () => {
      const go = document.querySelector<HTMLButtonElement>('[data-testid="go"]');
      const link = document.querySelector('[data-testid="strip-link"]')?.getAttribute('data-status');
      if (go && !go.disabled && link !== 'online') w.goWhileDown.push(`GO enabled while the link is ${link}`);
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

beforeAll(async () => {
  await ensureConsoleBuilt();
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-reconnect-'));
  port = await freeTcpPort();
  controller = await startController();
  const printed = () => /admin login: username admin, password (\S+)/.exec(controller!.lines.join('\n'))?.[1];
  for (let i = 0; i < 100 && !printed(); i++) await new Promise((r) => setTimeout(r, 50));
  password = printed() ?? '';
  if (!password) throw new Error(`no admin password printed:\n${controller.lines.join('\n')}`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  await logIn(page, `http://127.0.0.1:${port}/`, 'admin', password);
  await openLive(page);
  await page.locator('[data-testid="live-show"]', { hasText: 'CrowdCue demo: stadium' }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopController('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function goEnabled(): Promise<boolean> {
  return page.getByTestId('go').evaluate((b) => !(b as HTMLButtonElement).disabled);
}

async function expectOfflineAndStill(shot: string): Promise<void> {
  const banner = page.getByTestId('offline-banner');
  await banner.waitFor({ timeout: 15_000 });
  await expect.poll(() => banner.textContent()).toMatch(/controller offline since \d\d:\d\d:\d\d/);
  expect(await goEnabled()).toBe(false);
  // Grey, not the bright GO green.
  const bg = await page.getByTestId('go').evaluate((el) => getComputedStyle(el).backgroundImage + getComputedStyle(el).backgroundColor);
  expect(bg).not.toMatch(/31, 191, 106|21, 153, 79/);
  const t1 = await page.getByTestId('show-time').textContent();
  await page.waitForTimeout(700);
  expect(await page.getByTestId('show-time').textContent()).toBe(t1);
  const shown = await page.locator('body').innerText();
  expect(shown).not.toMatch(/io server|io client|transport (close|error)|ping timeout|websocket error|xhr poll/i);
  await keepShot(shot, await page.screenshot());
}

async function expectBackInSync(): Promise<void> {
  await page
    .locator('[data-testid="connection"][data-status="online"]')
    .waitFor({ timeout: 30_000 })
    .catch((err: Error) => {
      throw new Error(`the console did not come back online within 30 s of the controller's restart (${err.message.split('\n')[0]}); the controller said:\n${controller?.lines.slice(-20).join('\n')}`);
    });
  await expect.poll(goEnabled).toBe(true);
  expect(await page.getByTestId('offline-banner').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { goWhileDown: string[] }).goWhileDown)).toEqual([]);
  // A live console again: GO reaches the restarted controller.
  const before = await page.getByTestId('current-cue').textContent();
  await page.getByTestId('go').click();
  await expect.poll(() => page.getByTestId('current-cue').textContent(), { timeout: 10_000 }).not.toBe(before);
}

describe('the console across a real controller restart (1024x768)', () => {
  it('a graceful restart: offline and still while down, back on its own, GO only once re-synced', async () => {
    await page.getByTestId('go').click();
    await expect.poll(() => page.getByTestId('current-cue').textContent()).toMatch(/^1 /);
    await watchGo(page);
    await stopController('SIGTERM');
    await expectOfflineAndStill('operator-offline-1024x768');
    controller = await startController();
    await expectBackInSync();
  }, 120_000);

  it('a controller killed with SIGKILL: the same', async () => {
    await watchGo(page);
    await stopController('SIGKILL');
    await expectOfflineAndStill('operator-offline-killed-1024x768');
    controller = await startController();
    await expectBackInSync();
  }, 120_000);
});
