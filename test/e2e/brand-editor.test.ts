/**
 * The brand logo editor in Chromium, on a 1440x900 laptop and a 1024x768
 * tablet: upload a logo and see it on the seat map, drag it and scale it in
 * place, pick zones on the map, read the cost in plain words, and schedule
 * it: a time that has passed is refused in plain words, a cue slot reads as
 * a start and a length with the cue's name.
 */
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepShot, logIn, startConsoleRig, type ConsoleRig } from './console-harness';

const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900, cue: 0 },
  { name: 'tablet', width: 1024, height: 768, cue: 5 },
] as const;

let rig: ConsoleRig;
let logo: Buffer;

beforeAll(async () => {
  rig = await startConsoleRig();
  await rig.server.accounts.create({ username: 'acme-user', role: 'brand', password: 'acme-user-password', brand: 'acme' });
  logo = await sharp({ create: { width: 60, height: 30, channels: 3, background: '#ff0000' } })
    .composite([{ input: { create: { width: 30, height: 30, channels: 3, background: '#0000ff' } }, left: 30, top: 0 }])
    .png()
    .toBuffer();
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

interface Placement {
  x: number;
  y: number;
  scale: number;
  zones?: number[];
}

/** Every placement the editor asks the controller to preview, latest last. */
function previews(page: Page): Placement[] {
  const seen: Placement[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/preview') && r.method() === 'POST') seen.push(r.postDataJSON() as Placement);
  });
  return seen;
}

describe.each(VIEWPORTS)('brand editor at $width x $height', ({ name, width, height, cue }) => {
  it('places, scales and picks zones on the seat map, says the cost plainly, and schedules in plain words', async () => {
    const context = await rig.browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const asked = previews(page);
    const latest = () => asked.at(-1);
    await logIn(page, rig.url, 'acme-user', 'acme-user-password');
    await page.getByTestId('brand-page').waitFor();
    await page.getByTestId('brand-new').click();
    await page.getByTestId('brand-upload-input').setInputFiles({ name: 'acme.png', mimeType: 'image/png', buffer: logo });
    await page.locator('[data-testid="brand-preview"][data-ready="yes"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('brand-cost-words').textContent()).toMatch(/^Your logo needs [\d.]+ s of radio time, loaded onto the bands [\w\s.]+ before your slot\.$/);

    // The map, the controls and the cost sit side by side on a laptop and fit the tablet's width.
    const stage = (await page.getByTestId('brand-preview').boundingBox())!;
    const cost = (await page.getByTestId('brand-cost').boundingBox())!;
    expect(stage.x + stage.width).toBeLessThanOrEqual(width);
    expect(cost.x + cost.width).toBeLessThanOrEqual(width);
    expect(cost.x).toBeGreaterThan(stage.x + stage.width - 1);
    expect(stage.y).toBeLessThan(height);

    // Drag the logo to the right: x grows.
    const box = (await page.getByTestId('brand-logo-box').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + stage.width * 0.12, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    // The preview asked for once the drag settles (a slow drag may ask on the way too).
    await expect.poll(() => latest()?.x ?? 0, { timeout: 15_000 }).toBeGreaterThan(0.55);

    // Drag the corner towards the centre: the logo gets smaller, the size field says so.
    const handle = (await page.getByTestId('brand-logo-handle').boundingBox())!;
    const after = (await page.getByTestId('brand-logo-box').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    // To a fifth of the box's size out from its centre: scale 0.4.
    await page.mouse.move(after.x + after.width * 0.7, after.y + after.height * 0.7, { steps: 6 });
    await page.mouse.up();
    const scale = Number(await page.getByTestId('brand-scale').inputValue());
    expect(scale).toBeGreaterThan(0.3);
    expect(scale).toBeLessThan(0.5);
    await expect.poll(() => latest()?.scale, { timeout: 15_000 }).toBe(scale);

    // Pick zones on the map: a click on the seats takes that seat's zone out of the logo.
    await page.getByTestId('brand-mode-zones').click();
    const canvas = (await page.getByTestId('brand-preview-canvas').boundingBox())!;
    let summary = 'On every zone';
    for (let k = 1; k < 20 && summary === 'On every zone'; k++) {
      await page.mouse.click(canvas.x + canvas.width * (k / 40), canvas.y + canvas.height / 2);
      summary = (await page.getByTestId('brand-zone-summary').textContent()) ?? '';
    }
    expect(summary).toMatch(/^On zones [\d, ]+$/);
    const off = (await page.locator('[data-testid^="brand-zone-"][aria-pressed="false"]').count());
    expect(off).toBe(1);
    await page.locator('[data-testid="brand-preview"][data-ready="yes"]').waitFor();
    await keepShot(`brand-editor-${name}`, await page.screenshot());

    await page.getByTestId('brand-name').fill(`Acme ${name}`);
    await page.getByTestId('brand-save').click();
    const row = page.getByTestId('brand-sequence-row').filter({ hasText: `Acme ${name}` });
    await row.waitFor();
    await row.getByTestId('brand-schedule-open').click();

    // A time that has passed, said as such.
    await page.getByTestId('brand-schedule-time').fill('2020-01-01T20:00');
    await page.getByTestId('brand-schedule-submit').click();
    await expect.poll(() => page.getByTestId('brand-schedule-error').textContent(), { timeout: 30_000 }).toBe('that time has passed: pick a time later than now');
    await keepShot(`brand-schedule-error-${name}`, await page.screenshot());

    // A cue slot: a start and a length, with the cue's name.
    await page.getByTestId('brand-schedule-kind').selectOption('cue');
    const cueOption = page.getByTestId('brand-schedule-cue').locator('option').nth(cue);
    const label = (await cueOption.textContent()) ?? '';
    await page.getByTestId('brand-schedule-cue').selectOption({ index: cue });
    expect(await page.getByTestId('brand-schedule-when').textContent()).toBe(`starts on cue ${(await cueOption.getAttribute('value')) ?? ''} “${label}”, lasts 12 s`);
    await page.getByTestId('brand-schedule-submit').click();
    await expect.poll(() => page.getByTestId('brand-schedule-result').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`Scheduled: starts on cue \\d+ “${label}”, lasts 12 s`));
    await expect.poll(() => row.textContent()).toMatch(new RegExp(`starts on cue \\d+ “${label}”, lasts 12 s`));
    await keepShot(`brand-schedule-cue-${name}`, await page.screenshot());
    await context.close();
  }, 180_000);
});
