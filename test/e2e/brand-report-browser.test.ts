/**
 * Proof of play in Debian's headless Chromium, on a laptop (1440x900) and a
 * tablet (1024x768): a slot overwritten by a parade in its middle is reported
 * as partial, naming the parade and the moment; a slot that sent nothing is
 * reported as not played, with the reason; and the PDF report downloaded from
 * the page carries the same figures (its text extracted with unpdf).
 *
 * The slots are played in virtual time through a planner on a recording
 * transmitter (what went on air is what the report replays); the parade's
 * packet is put on the air record in the slot's middle.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProofOfPlayRecord } from '@crowdcue/protocol';
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrandService } from '@crowdcue/controller';
import { stripesPng } from '../../controller/src/brand/fixtures.test-util';
import { otherColour, playSlot } from '../../controller/src/brand/played-slot.test-util';
import { shareText } from '../../controller/src/brand/proof-of-play-pdf';
import brandPlugin from '../../controller/src/server/plugins/brand';
import { registerConsoleStatic } from '../../controller/src/server/plugins/console-static';
import { createTestApp, type TestApp } from '../../controller/src/server/test-app';
import { demoShowInput } from '../../controller/src/show/demo-show';
import { ShowStore } from '../../controller/src/storage/show-store';
import { launchChromium } from './crowd-view-browser';

const consoleConfig = fileURLToPath(new URL('../../console-ui/vite.config.ts', import.meta.url));
/** Screenshots for a person to look at. */
const SHOTS = process.env.CROWDCUE_SHOTS ?? join(tmpdir(), 'crowdcue-shots');
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];
const acme = { username: 'acme-user', role: 'brand' as const, brand: 'acme' };

describe('proof-of-play reports in Chromium', () => {
  let dir: string;
  let t: TestApp;
  let service: BrandService;
  let browser: Browser;
  let base: string;
  let partial: ProofOfPlayRecord;
  let notPlayed: ProofOfPlayRecord;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crowdcue-report-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    const dist = join(dir, 'dist');
    await build({ configFile: consoleConfig, logLevel: 'error', build: { outDir: dist, emptyOutDir: true, sourcemap: false } });
    const shows = new ShowStore(dir);
    await shows.init();
    const demo = demoShowInput();
    await shows.save({ ...demo, venue: { ...demo.venue, seats: { kind: 'stadium', seed: 1, seats: 4000 } } }, 'test');
    service = await BrandService.open({ dataDir: dir, shows });
    const logo = await service.uploadLogo(await stripesPng([[255, 204, 0], [255, 255, 255]], 60, 30), acme, 'acme.png');
    const steps = [{ kind: 'reveal' as const, duration: 4000, fade: 0 }, { kind: 'hold' as const, duration: 4000 }];
    await service.createSequence('demo', { id: 'acme-half-time', name: 'Acme half time', logo: { asset: logo.asset, zones: [0, 1, 2, 3] } as never, steps }, acme);
    await service.createSequence('demo', { id: 'acme-encore', name: 'Acme encore', logo: { asset: logo.asset, zones: [0, 1, 2, 3] } as never, steps }, acme);

    const zones = demo.venue.zones.map((z) => z.id);
    const t0 = Date.parse('2026-12-04T21:00:00.000Z');
    const wallClock = (ms: number) => new Date(t0 + ms);
    // Half time from 30 s: on air in full, until a parade's colour lands on three of its four zones 5 s in.
    const played = await playSlot(service, 'demo', 'acme-half-time', 30_000, demo.site, zones);
    const parade = otherColour(demo.site, [0, 80, 255], [0, 1, 2], 35_000, "parade 'Stadium wave' (show timeline)");
    partial = await service.recordPlay('demo', played.result, { wallClock, air: [...played.air, parade] });
    // The encore at 60 s: its preload never reached the air, so nothing went out; the crowd kept the cue's look.
    const cue = otherColour(demo.site, [200, 0, 255], 'ALL', 59_000, 'a cue');
    notPlayed = await service.recordPlay(
      'demo',
      {
        ...played.result,
        sequenceId: 'acme-encore',
        name: 'Acme encore',
        scheduledStartMs: 60_000,
        scheduledEndMs: 68_000,
        actualStartMs: 68_000,
        actualEndMs: 68_000,
        revealMs: 60_000,
        preload: { sent: 0, total: played.result.preload?.total ?? 40, late: played.result.preload?.total ?? 40, unrouted: 0, lastLandMs: -Infinity, done: true },
        showImageCopies: 0,
        airtime: [{ transmitterId: 'virtual', transmissions: 0, airMs: 0 }],
      },
      { wallClock, air: [cue] },
    );

    t = await createTestApp({
      shows,
      extend: async (app) => {
        await app.register(brandPlugin, { service });
        await registerConsoleStatic(app, { root: dist });
      },
    });
    await t.as('brand', { username: acme.username, brand: acme.brand });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    service?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the replay judged the slots: one partial (pre-empted by the parade), one not played', () => {
    expect(partial.status).toBe('partial');
    expect(partial.figures!.start.share).toBeGreaterThan(0.9);
    expect(partial.figures!.end.share).toBeLessThan(0.5);
    expect(notPlayed.status).toBe('not-played');
    expect(notPlayed.figures!.middle.share).toBeLessThan(0.05);
  });

  async function openReports(page: Page): Promise<void> {
    await page.goto(base + '/');
    await page.getByTestId('login-username').fill(acme.username);
    await page.getByTestId('login-password').fill('acme-user-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('brand-reports').locator('[data-testid="brand-report-row"]').first().waitFor();
  }

  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;

    it(`${size}: the list marks each slot, a pre-empted slot reads partial with the parade and the figures, and its PDF carries them`, async () => {
      const page = await browser.newPage({ viewport, acceptDownloads: true });
      try {
        await openReports(page);
        const row = (id: number) => page.locator(`[data-testid="brand-report-row"][data-report="${id}"]`);
        expect(await row(partial.id).getByTestId('brand-report-status').getAttribute('data-status')).toBe('partial');
        expect(await row(notPlayed.id).getByTestId('brand-report-status').getAttribute('data-status')).toBe('not-played');
        expect(await row(notPlayed.id).textContent()).toContain('not played');
        await page.getByTestId('brand-reports').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `brand-reports-${size}.png`), fullPage: true });

        await row(partial.id).click();
        await page.getByTestId('brand-report-timeline').waitFor();
        expect(await page.getByTestId('brand-report-status').textContent()).toBe('partial');
        const reasons = (await page.getByTestId('brand-report-reasons').textContent()) ?? '';
        expect(reasons).toContain("by parade 'Stadium wave' (show timeline) on zones 0, 1, 2");
        expect(reasons).toMatch(/overwritten at 21:00:35\.\d UTC, 5\.\d s into the slot/);
        const f = partial.figures!;
        for (const [k, s] of [['start', f.start], ['middle', f.middle], ['end', f.end]] as const) {
          expect(await page.getByTestId(`brand-report-share-${k}`).locator('.value').textContent()).toBe(`${(s.share * 100).toFixed(1)}%`);
        }
        expect(await page.getByTestId('brand-report-shown').textContent()).toContain(`${(f.shownMs / 1000).toFixed(1)} s`);
        const snapshot = page.getByTestId('brand-report-snapshot');
        await expect.poll(() => snapshot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
        // Nothing spills sideways on a tablet.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await page.screenshot({ path: join(SHOTS, `brand-report-partial-${size}.png`), fullPage: true });

        // The PDF behind the page's link, with the same figures.
        const href = await page.getByTestId('brand-report-pdf').getAttribute('href');
        expect(href).toBe(`/api/brand/reports/${partial.id}/report.pdf`);
        const res = await page.request.get(base + href);
        expect(res.status()).toBe(200);
        expect(res.headers()['content-type']).toBe('application/pdf');
        const pdf = await getDocumentProxy(new Uint8Array(await res.body()));
        const { text } = await extractText(pdf, { mergePages: true });
        const flat = text.replace(/\s+/g, ' ');
        expect(flat).toContain('Acme half time');
        expect(flat).toContain('PARTIAL');
        expect(flat).toContain(`acme · ${demoShowInput().name} at ${demoShowInput().venue.name}`);
        expect(flat).toContain("parade 'Stadium wave' (show timeline) on zones 0, 1, 2");
        for (const s of [f.start, f.middle, f.end]) expect(flat).toContain(shareText(s, f.seats));
        expect(flat).toContain(`${(f.shownMs / 1000).toFixed(1)} s of ${(f.spanMs / 1000).toFixed(1)} s`);
        expect(flat).toContain('Timeline');
      } finally {
        await page.close();
      }
    }, 60_000);

    it(`${size}: a slot that sent nothing reads not played, with why, and shows the cue's crowd`, async () => {
      const page = await browser.newPage({ viewport });
      try {
        await openReports(page);
        await page.locator(`[data-testid="brand-report-row"][data-report="${notPlayed.id}"]`).click();
        await page.getByTestId('brand-report-timeline').waitFor();
        expect(await page.getByTestId('brand-report-status').textContent()).toBe('not played');
        const reasons = (await page.getByTestId('brand-report-reasons').textContent()) ?? '';
        expect(reasons).toMatch(/nothing went on air for this slot: its preload was late \(0 of \d+ packets on air by the reveal at 21:01:00\.0 UTC\)/);
        expect(await page.getByTestId('brand-report-share-middle').locator('.value').textContent()).toMatch(/^[0-4]\.\d%$/);
        expect(await page.getByTestId('brand-report-figures').textContent()).toContain('not at all');
        const snapshot = page.getByTestId('brand-report-snapshot');
        await expect.poll(() => snapshot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await page.screenshot({ path: join(SHOTS, `brand-report-not-played-${size}.png`), fullPage: true });
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
