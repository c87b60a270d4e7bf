/**
 * Helpers for driving the crowd view in Debian's headless Chromium: launching
 * it, waiting for the simulate page, and reading real pixels off screenshots.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** The page's test handle (window.crowdcueSimulate), reduced to plain data. */
export interface PageProbe {
  ready: boolean;
  packets: number;
  badMessages: number;
  lastError?: string;
  backend?: string;
  rendererInfo?: string;
  bands?: number;
}

export function probe(page: Page): Promise<PageProbe> {
  return page.evaluate(() => {
    const s = (window as unknown as { crowdcueSimulate?: Record<string, unknown> & { view?: { backend: string; rendererInfo: string }; crowd?: { count: number } } }).crowdcueSimulate;
    if (!s) return { ready: false, packets: 0, badMessages: 0 };
    return {
      ready: s.ready as boolean,
      packets: s.packets as number,
      badMessages: s.badMessages as number,
      lastError: s.lastError as string | undefined,
      backend: s.view?.backend,
      rendererInfo: s.view?.rendererInfo,
      bands: s.crowd?.count,
    };
  });
}

/** Waits until the page's crowd has heard at least `packets` transmissions, then two more frames. */
export async function waitForPackets(page: Page, packets: number, timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const s = (window as unknown as { crowdcueSimulate?: { ready: boolean; packets: number } }).crowdcueSimulate;
      return !!s && s.ready && s.packets >= n;
    },
    packets,
    { timeout: timeoutMs, polling: 20 },
  );
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

export type Rgb = [number, number, number];

export interface PixelCensus {
  total: number;
  /** Pixels that are not the background. */
  lit: number;
  red: number;
  green: number;
  blue: number;
  /** Grey-ish pixels (off bands in the unlit shade). */
  grey: number;
}

/**
 * Classifies every pixel of a PNG: background (within `tolerance` of `bg`) or
 * not, and among the rest which are clearly red, green, blue or grey.
 */
export async function censusOf(png: Buffer, bg: Rgb, tolerance = 12): Promise<PixelCensus> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const c: PixelCensus = { total: info.width * info.height, lit: 0, red: 0, green: 0, blue: 0, grey: 0 };
  for (let p = 0; p < data.length; p += 3) {
    const r = data[p];
    const g = data[p + 1];
    const b = data[p + 2];
    if (Math.abs(r - bg[0]) <= tolerance && Math.abs(g - bg[1]) <= tolerance && Math.abs(b - bg[2]) <= tolerance) continue;
    c.lit++;
    const hi = Math.max(r, g, b);
    const lo = Math.min(r, g, b);
    if (hi - lo < 20) c.grey++;
    else if (r === hi && r > 1.8 * Math.max(g, b)) c.red++;
    else if (g === hi && g > 1.8 * Math.max(r, b)) c.green++;
    else if (b === hi && b > 1.8 * Math.max(r, g)) c.blue++;
  }
  return c;
}
