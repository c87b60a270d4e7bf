/**
 * A brand in Debian's headless Chromium: logs in, uploads a logo, sees it on
 * the crowd with its cost, saves and schedules the sequence; an operator
 * approves it; it plays (the brand runtime path in virtual time, then the
 * proof-of-play record from what went on air) and the brand finds it in its
 * reports, played, with a snapshot.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrandService } from '@crowdcue/controller';
import { playSlot } from '../../controller/src/brand/played-slot.test-util';
import brandPlugin from '../../controller/src/server/plugins/brand';
import { registerConsoleStatic } from '../../controller/src/server/plugins/console-static';
import { createTestApp, type TestApp } from '../../controller/src/server/test-app';
import { demoShowInput } from '../../controller/src/show/demo-show';
import { ShowStore } from '../../controller/src/storage/show-store';
import { launchChromium } from './crowd-view-browser';

const consoleConfig = fileURLToPath(new URL('../../console-ui/vite.config.ts', import.meta.url));

describe('brand console in Chromium', () => {
  let dir: string;
  let t: TestApp;
  let service: BrandService;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crowdcue-brand-e2e-'));
    const dist = join(dir, 'dist');
    await build({ configFile: consoleConfig, logLevel: 'error', build: { outDir: dist, emptyOutDir: true, sourcemap: false } });
    const shows = new ShowStore(dir);
    await shows.init();
    const demo = demoShowInput();
    await shows.save({ ...demo, venue: { ...demo.venue, seats: { kind: 'stadium', seed: 1, seats: 4000 } } }, 'test');
    service = await BrandService.open({ dataDir: dir, shows });
    t = await createTestApp({
      shows,
      extend: async (app) => {
        await app.register(brandPlugin, { service });
        await registerConsoleStatic(app, { root: dist });
      },
    });
    await t.as('brand', { username: 'acme-user', brand: 'acme' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    service?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads a logo, sees it on the crowd, schedules it, and finds it in the report after it played', async () => {
    await page.goto(base + '/');
    await page.getByTestId('login-username').fill('acme-user');
    await page.getByTestId('login-password').fill('acme-user-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('brand-page').waitFor();

    await page.getByTestId('brand-new').click();
    const logo = await sharp({ create: { width: 60, height: 30, channels: 3, background: '#ff0000' } })
      .composite([{ input: { create: { width: 30, height: 30, channels: 3, background: '#0000ff' } }, left: 30, top: 0 }])
      .png()
      .toBuffer();
    await page.getByTestId('brand-upload-input').setInputFiles({ name: 'acme.png', mimeType: 'image/png', buffer: logo });
    await page.locator('[data-testid="brand-preview"][data-ready="yes"]').waitFor();
    await expect.poll(() => page.getByTestId('brand-cost').textContent()).toMatch(/IMAGE packets/);
    expect(await page.getByTestId('brand-palette').locator('span').count()).toBeGreaterThanOrEqual(2);
    // The crowd view shows the seat image: red and blue bands on the canvas.
    const shot = await page.getByTestId('brand-preview').locator('canvas').screenshot();
    const { data, info } = await sharp(shot).raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    let blue = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      if (data[i] > 200 && data[i + 1] < 60 && data[i + 2] < 60) red++;
      if (data[i + 2] > 200 && data[i] < 60 && data[i + 1] < 60) blue++;
    }
    expect(red).toBeGreaterThan(50);
    expect(blue).toBeGreaterThan(50);

    await page.getByTestId('brand-name').fill('Acme tonight');
    await page.getByTestId('brand-save').click();
    const row = page.getByTestId('brand-sequence-row');
    await row.waitFor();
    expect(await row.textContent()).toContain('Acme tonight');
    await row.getByTestId('brand-schedule-open').click();
    await page.getByTestId('brand-schedule-submit').click();
    await page.getByTestId('brand-schedule-result').waitFor();
    await expect.poll(() => row.textContent()).toMatch(/awaiting approval/);

    // An operator approves; the sequence plays through the brand runtime path.
    const operator = await t.as('operator');
    const [view] = (await (await operator({ method: 'GET', url: '/api/brand/sequences' })).json()) as Array<{ sequence: { id: string } }>;
    expect((await operator({ method: 'POST', url: `/api/brand/shows/demo/sequences/${view.sequence.id}/approve`, payload: { approved: true } })).statusCode).toBe(200);
    const demo = demoShowInput();
    const { result, air } = await playSlot(service, 'demo', view.sequence.id, 30_000, demo.site, demo.venue.zones.map((z) => z.id));
    const playedAt = Date.now();
    await service.recordPlay('demo', result, { wallClock: (ms) => new Date(playedAt - result.scheduledEndMs + ms), air });

    await page.reload();
    const report = page.getByTestId('brand-report-row');
    await report.waitFor();
    expect(await report.textContent()).toContain('Acme tonight');
    await report.click();
    await page.getByTestId('brand-report-timeline').waitFor();
    const snapshot = page.getByTestId('brand-report-snapshot');
    await expect.poll(() => snapshot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    expect(await page.getByTestId('brand-report-bands').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('brand-report-status').getAttribute('data-status')).toBe('played');
    expect(await page.getByTestId('brand-report-csv').getAttribute('href')).toMatch(/\/api\/brand\/reports\/\d+\/csv/);
  }, 120_000);
});
