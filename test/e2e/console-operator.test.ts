/**
 * The operator's live page in Debian's Chromium, at a 1440x900 laptop and a
 * 1024x768 front-of-house tablet: GO, BLACKOUT, master, the crowd view and the
 * status strip stay on screen across cue changes without the page scrolling;
 * touch targets of 44 px; night mode dims GO without glare and is remembered;
 * no text under 12 px and none pulsing; warnings sit in the strip, over no control.
 * Screenshots go to $CROWDCUE_E2E_SHOTS when it names a folder.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepShot, logIn, openLive, startConsoleRig, type ConsoleRig } from './console-harness';
import { ALWAYS_ON_SCREEN, goColours, inside, liveLayout, luminance, saturation, smallOrPulsingText, smallTargets } from './console-operator-layout';

let rig: ConsoleRig;

beforeAll(async () => {
  rig = await startConsoleRig();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

const CONTROLS = '[data-testid="go"], [data-testid="back"], [data-testid="pause"], [data-testid="stop"], [data-testid="blackout"], [data-testid="master"], [data-testid^="playback-go-"], [data-testid^="goto-"], [data-testid="status-details-toggle"], [data-testid="night-mode"]';

async function waitGoReady(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('go').evaluate((b) => !(b as HTMLButtonElement).disabled && b.getAttribute('data-locked') === 'false')).toBe(true);
}

describe.each([
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
])('live page at $width x $height', (viewport) => {
  let page: Page;
  const name = `${viewport.width}x${viewport.height}`;

  beforeAll(async () => {
    page = await rig.browser.newPage({ viewport, hasTouch: viewport.width < 1200 });
    await logIn(page, rig.url, 'admin', rig.adminPassword);
    await openLive(page);
    await page.locator('[data-testid="live-show"]', { hasText: 'CrowdCue demo: stadium' }).waitFor();
    await page.getByTestId('stop').click();
    await page.getByTestId('stop').click();
  }, 60_000);
  afterAll(async () => {
    await page?.close();
  });

  it('keeps GO, BLACKOUT, master, the crowd view and the status strip on screen across cue changes, the page never scrolling', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      await waitGoReady(page);
      const before = await page.getByTestId('current-cue').textContent();
      await page.getByTestId('go').click();
      // Some demo cues follow on by themselves: any change of cue is a cue change.
      await expect.poll(() => page.getByTestId('current-cue').textContent()).not.toBe(before);
      // Let the page settle after the cue change (the cue list follows the current cue).
      await page.waitForTimeout(150);
      const layout = await liveLayout(page);
      seen.push(`${i + 1}: scrollY ${layout.scrollY}, page ${layout.pageScrollTop}`);
      expect(layout.scrollY, seen.join('\n')).toBe(0);
      expect(layout.pageScrollTop, seen.join('\n')).toBe(0);
      for (const id of ALWAYS_ON_SCREEN) expect(inside(layout.boxes[id], layout.viewport), `${id} at ${JSON.stringify(layout.boxes[id])} after cue ${i + 1}`).toBe(true);
    }
    await keepShot(`operator-live-${name}`, await page.screenshot());
  }, 60_000);

  it('gives every live control a touch target of at least 44 px', async () => {
    expect(await smallTargets(page, 44, CONTROLS)).toEqual([]);
  });

  it('shows no text under 12 px and none pulsing, day and night', async () => {
    const day = await smallOrPulsingText(page, 12);
    expect(day.small).toEqual([]);
    expect(day.pulsing).toEqual([]);
    await page.getByTestId('status-details-toggle').click();
    await page.getByTestId('status-details').waitFor();
    const details = await smallOrPulsingText(page, 12);
    expect(details.small).toEqual([]);
    await keepShot(`operator-details-${name}`, await page.screenshot());
    // The details open over the stage, never over GO, BLACKOUT or master.
    const over = await page.evaluate(() => {
      const d = document.querySelector('[data-testid="status-details"]')!.getBoundingClientRect();
      return ['go', 'blackout', 'master'].filter((id) => {
        const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
        return r.left < d.right && d.left < r.right && r.top < d.bottom && d.top < r.bottom;
      });
    });
    expect(over).toEqual([]);
    await page.getByTestId('status-details-close').click();
  });

  it('night mode: GO dark and unsaturated, remembered on this console across a reload', async () => {
    const day = await goColours(page);
    await page.getByTestId('night-mode').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('night');
    const night = await goColours(page);
    expect(night.backgroundImage).toBe('none');
    expect(luminance(night.background)).toBeLessThan(0.03);
    expect(saturation(night.background)).toBeLessThan(0.4);
    expect(luminance(night.text)).toBeLessThan(0.35);
    // Against the day GO: far less light.
    expect(luminance(night.text) + luminance(night.background)).toBeLessThan(luminance(day.text) + 0.5);
    const nightText = await smallOrPulsingText(page, 12);
    expect(nightText.small).toEqual([]);
    expect(nightText.pulsing).toEqual([]);
    await keepShot(`operator-night-${name}`, await page.screenshot());
    await page.reload();
    await page.getByTestId('go').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('night');
    await page.getByTestId('night-mode').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme ?? 'day')).toBe('day');
  });
});

describe('live page at 1280x800 (touch)', () => {
  it('keeps GO, BLACKOUT, master and the crowd view on screen', async () => {
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    try {
      await logIn(page, rig.url, 'admin', rig.adminPassword);
      await openLive(page);
      await expect.poll(() => page.getByTestId('live-show').textContent()).toBe('CrowdCue demo: stadium');
      const layout = await liveLayout(page);
      for (const id of ALWAYS_ON_SCREEN) expect(inside(layout.boxes[id], layout.viewport), id).toBe(true);
      expect(await smallTargets(page, 44, CONTROLS)).toEqual([]);
      await keepShot('operator-live-1280x800', await page.screenshot());
    } finally {
      await page.close();
    }
  }, 60_000);
});
