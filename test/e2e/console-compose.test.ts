/**
 * Designing in a real browser: build a small parade in the editor, save it,
 * and see the controller's rehearsal of it play in the crowd view; import a
 * broken show file and see every error with its path.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepShot, logIn, startConsoleRig, waitForColours, type ConsoleRig, type Rgb } from './console-harness';

const GREEN: Rgb = [0, 255, 0];

let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  rig = await startConsoleRig();
  page = await rig.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await logIn(page, rig.url, 'admin', rig.adminPassword);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

describe('compose and shows in Chromium', () => {
  it('builds a one-block parade, saves it, and the controller preview lights the crowd', async () => {
    await page.getByTestId('nav-shows').click();
    await page.getByTestId('show-open-demo').click();
    await page.getByTestId('nav-compose').click();
    await page.getByTestId('parade-editor').waitFor();
    const parades = await page.getByTestId('parade-select').locator('option').count();
    await page.getByTestId('parade-add').click();
    await expect.poll(() => page.getByTestId('parade-select').locator('option').count()).toBe(parades + 1);
    await page.getByTestId('add-step-COLOR').click();
    await page.getByTestId('step-color-0').fill('#00ff00');
    await page.getByTestId('step-fade').fill('0');
    await page.getByTestId('step-fade').blur();
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status'), { timeout: 10_000 }).toMatch(/^(saved|clean)$/);
    const saved = await rig.server.shows.get('demo');
    const parade = saved.show.parades.at(-1)!;
    expect(parade.tracks[0].steps[0]).toMatchObject({ kind: 'COLOR', colors: [[0, 255, 0]] });

    const crowd = page.getByTestId('crowd-view');
    await page.getByTestId('parade-play').click();
    await expect.poll(() => page.getByTestId('preview-source').textContent()).toBe('controller preview');
    const lit = await waitForColours(crowd, [GREEN], (c) => c.near[0] > 3000, { what: 'the green parade block', shot: 'compose-preview-green' });
    expect(lit.near[0]).toBeGreaterThan(3000);
    await keepShot('compose-page', await page.screenshot());
    // Rehearsal is never on air: the live show's crowd did not turn green.
    const live = rig.server.runtime.current!;
    expect(live.report().planner.byPurpose.parade ?? 0).toBe(0);
  });

  it('refuses a broken show file and lists each problem by its path', async () => {
    await page.getByTestId('nav-shows').click();
    const broken = {
      version: 1,
      id: 'broken',
      name: 'Broken',
      site: 300,
      venue: { name: 'V', zones: [{ id: 0, name: 'Z' }], seats: { kind: 'stadium' } },
      cueLists: [{ id: 'main', name: 'Main', cues: [{ id: 'a', number: 1, fade: -5, looks: { zone99: { kind: 'color', color: '#ff0000' } } }] }],
    };
    await page.getByTestId('show-import-input').setInputFiles({ name: 'broken.show.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await page.getByTestId('show-errors').waitFor();
    await keepShot('shows-import-errors', await page.getByTestId('show-import').screenshot());
    const errors = await page.getByTestId('show-error').allTextContents();
    expect(errors.some((e) => e.startsWith('site:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('cueLists[0].cues[0].fade:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('cueLists[0].cues[0].looks.zone99'))).toBe(true);
    expect(await rig.server.shows.has('broken')).toBe(false);
  });
});
