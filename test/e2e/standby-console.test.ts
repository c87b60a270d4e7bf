/**
 * A console on the front-of-house tablet through a takeover: Chromium on the
 * primary's Live page (1024x768), the primary killed with -9, and the console
 * moves by itself to the backup, which is now the active controller, still
 * logged in (the backup follows the accounts and their sessions), and GO
 * works there.
 */
import { ensureConsoleBuilt } from '@crowdcue/controller/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepShot, logIn, openLive, waitForColours } from './console-harness';
import { launchChromium } from './crowd-view-browser';
import { goAll, startPair, startRig, type Cleanup } from './standby-harness';

const cleanup: Cleanup = [];
let browser: Browser;

beforeAll(async () => {
  await ensureConsoleBuilt();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

describe('a console through a takeover (1024x768)', () => {
  it('says which controller is active, and follows the backup when the primary dies', async () => {
    const rig = await startRig();
    cleanup.push(() => rig.close());
    const { primary, backup } = await startPair(rig, cleanup);
    const { password } = await goAll(primary);

    const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    await logIn(page, primary.url, 'admin', password);
    await openLive(page);
    const status = page.getByTestId('standby-status');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Active controller \(epoch 1\)/);
    await waitForColours(page.getByTestId('crowd-view'), [[0, 0, 0]], (c) => c.near[0] < c.total * 0.85, { what: 'a lit crowd on the primary', timeoutMs: 20_000, tolerance: 30 });
    await keepShot('standby-primary-1024x768', await page.screenshot());

    primary.child.kill('SIGKILL');
    await backup.line(/taking over from /, 20_000);
    // The console finds its controller gone and goes to the other one by itself.
    await page.waitForURL((url) => url.href.startsWith(backup.url), { timeout: 30_000 });
    await page.locator('[data-testid="connection"][data-status="online"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Active controller \(epoch 2\)/);
    // The crowd view draws the bands the backup drives (not a dark stage).
    await waitForColours(page.getByTestId('crowd-view'), [[0, 0, 0]], (c) => c.near[0] < c.total * 0.85, { what: 'a lit crowd on the backup', timeoutMs: 20_000, tolerance: 30 });
    await keepShot('standby-taken-over-1024x768', await page.screenshot());

    // Still logged in, and live: GO moves the show on the new active controller.
    await openLive(page);
    const go = page.getByTestId('go');
    await expect.poll(() => go.evaluate((b) => !(b as HTMLButtonElement).disabled), { timeout: 30_000 }).toBe(true);
    const before = await page.getByTestId('current-cue').textContent();
    await go.click();
    await expect.poll(() => page.getByTestId('current-cue').textContent(), { timeout: 15_000 }).not.toBe(before);
  }, 240_000);
});
