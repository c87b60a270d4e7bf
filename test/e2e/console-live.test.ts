/**
 * The product's promise in a real browser: start the controller on a fresh
 * data directory, log in with the admin password it printed, open the live
 * demo, press GO and see the crowd view's pixels take the cue's colours;
 * BLACKOUT and they go dark. Debian's headless Chromium, real pixels.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, openLive, startConsoleRig, waitForColours, type ConsoleRig, type Rgb } from './console-harness';

// The demo's cue 2 "Split": even zones #ff2000, odd zones #0030ff.
const SPLIT_RED: Rgb = [255, 32, 0];
const SPLIT_BLUE: Rgb = [0, 48, 255];

let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  rig = await startConsoleRig();
  page = await rig.browser.newPage({ viewport: { width: 1400, height: 900 } });
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

describe('live console in Chromium', () => {
  it('prints the console address and a one-time admin password, and the password logs in', async () => {
    expect(rig.printed).toContain(`CrowdCue console: ${rig.url}`);
    expect(rig.adminPassword.length).toBeGreaterThanOrEqual(12);
    await logIn(page, rig.url, 'admin', rig.adminPassword);
    await openLive(page);
    await expect.poll(() => page.getByTestId('live-show').textContent()).toBe('CrowdCue demo: stadium');
  });

  it('GO: the crowd view takes the cue colours', async () => {
    const crowd = page.getByTestId('crowd-view');
    const before = await waitForColours(crowd, [SPLIT_RED, SPLIT_BLUE], () => true);
    expect(before.near).toEqual([0, 0]);
    // GO starts the show at cue 1 (a dark house blue); GO again fires cue 2, the red/blue split.
    await page.getByTestId('go').click();
    await expect.poll(() => page.getByTestId('current-cue').textContent()).toMatch(/^1 /);
    // A second GO inside the GO lock-out would be one GO: wait it out, as an operator does.
    await expect.poll(() => page.getByTestId('go').getAttribute('data-locked')).toBe('false');
    await page.getByTestId('go').click();
    await expect.poll(() => page.getByTestId('current-cue').textContent()).toBe('2 Split');
    const lit = await waitForColours(crowd, [SPLIT_RED, SPLIT_BLUE], (c) => c.near[0] > 2000 && c.near[1] > 1000, { what: 'split red and blue', shot: 'live-go-split' });
    // Half the zones each, so about as many red pixels as blue ones.
    expect(lit.near[0] / lit.near[1]).toBeGreaterThan(0.5);
    expect(lit.near[0] / lit.near[1]).toBeLessThan(4);
  });

  it('BLACKOUT: the crowd goes dark, and comes back when it is lifted', async () => {
    const crowd = page.getByTestId('crowd-view');
    await page.getByTestId('blackout').click();
    await expect.poll(() => page.getByTestId('blackout').getAttribute('aria-pressed')).toBe('true');
    await waitForColours(crowd, [SPLIT_RED, SPLIT_BLUE], (c) => c.near[0] + c.near[1] < 50, { what: 'a dark crowd', shot: 'live-blackout' });
    await page.getByTestId('blackout').click();
    await waitForColours(crowd, [SPLIT_RED, SPLIT_BLUE], (c) => c.near[0] > 2000 && c.near[1] > 1000, { what: 'the split back after blackout' });
  });
});
