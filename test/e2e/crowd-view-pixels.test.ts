/**
 * The crowd view's colours, pixel for pixel, against the struct-of-arrays crowd model
 * in headless Chromium: a small stadium whose bands are put in varied states (fades
 * mid-way, every effect shape and axis, a pending effect, images, master, sleep, a
 * clock about to wrap, drifting clocks), drawn at one show time by the WebGL2 shader
 * and by the colour worker, and each band's centre pixel read back and compared with
 * the page's own Crowd.colorOf at the same time (through the view's unlit floor).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCcb, START_ON_RECEIPT, type CcbPacket } from '@crowdcue/protocol';
import { startSimulatePage, type SimulatePage } from '@crowdcue/simulator/node';
import { launchChromium } from './crowd-view-browser';

const SEATS = 480;
/** Bands per state group (by pixel range). */
const GROUP = 24;

let server: SimulatePage;
let browser: Browser;

type Cmd = Omit<CcbPacket, 'site' | 'seq' | 'target'>;

/** The show: [ms before the drawn time, first pixel, last pixel, command]. */
function showPackets(): Array<[number, number, number, Cmd]> {
  const g = (k: number): [number, number] => [k * GROUP, k * GROUP + GROUP - 1];
  const fx = (shape: string, axis: string, extra: Partial<Record<string, unknown>> = {}): Cmd =>
    ({ cmd: 'EFFECT', shape, c1: [250, 120, 10], c2: [5, 60, 230], periodMs: 1700, axis, dir: 37, spread: 40, startMs: START_ON_RECEIPT, ...extra }) as Cmd;
  const at: Array<[number, number, number, Cmd]> = [];
  const put = (msBefore: number, k: number, c: Cmd) => at.push([msBefore, ...g(k), c]);
  put(5000, 0, { cmd: 'COLOR', rgb: [200, 30, 90], fadeMs: 0 } as Cmd);
  put(900, 0, { cmd: 'COLOR', rgb: [10, 250, 140], fadeMs: 2300 } as Cmd); // fading, 39 % of the way
  put(4000, 1, fx('SQUARE', 'NONE'));
  put(4000, 2, fx('SINE', 'LINEAR'));
  put(4000, 3, fx('RAMP', 'RADIAL'));
  put(4000, 4, fx('RAINBOW', 'ZONE'));
  put(4000, 5, fx('SPARKLE', 'LINEAR', { periodMs: 230 }));
  put(4000, 6, fx('SINE', 'ZONE', { dir: 200, spread: 255 }));
  put(4000, 7, fx('RAINBOW', 'LINEAR', { dir: 90 }));
  put(4000, 8, fx('SQUARE', 'RADIAL', { periodMs: 900 }));
  // Images: a palette, an image over two groups, shown with a fade still running.
  put(6000, 9, { cmd: 'COLOR', rgb: [0, 0, 0], fadeMs: 0 } as Cmd);
  put(6000, 10, { cmd: 'COLOR', rgb: [0, 0, 0], fadeMs: 0 } as Cmd);
  at.push([5000, 9 * GROUP, 11 * GROUP - 1, { cmd: 'PALETTE', image: 2, colors: [[255, 0, 0], [30, 200, 255], [255, 255, 255]] } as Cmd]);
  at.push([4500, 9 * GROUP, 11 * GROUP - 1, { cmd: 'IMAGE', image: 2, first: 9 * GROUP, runs: [[GROUP, 1], [GROUP, 2]] } as Cmd]);
  at.push([600, 9 * GROUP, 11 * GROUP - 1, { cmd: 'SHOW_IMAGE', image: 2, fadeMs: 1500, startMs: START_ON_RECEIPT } as Cmd]);
  // Master over an effect and over a fade.
  put(4000, 11, fx('SINE', 'RADIAL'));
  put(3000, 11, { cmd: 'MASTER', level: 100 } as Cmd);
  put(3000, 12, { cmd: 'COLOR', rgb: [255, 201, 77], fadeMs: 0 } as Cmd);
  put(2000, 12, { cmd: 'MASTER', level: 37 } as Cmd);
  // Asleep: black whatever came before.
  put(4000, 13, fx('SINE', 'NONE'));
  put(3000, 13, { cmd: 'SLEEP' } as Cmd);
  // A clock just before its u32 wrap, then an effect running across it.
  put(3000, 14, { cmd: 'SYNC', clockMs: 0xffffffff - 1200 } as Cmd);
  put(2500, 14, fx('RAMP', 'LINEAR', { periodMs: 700 }));
  // An effect waiting to start (pending layer) over a fade, and one whose start has come.
  put(3000, 15, { cmd: 'COLOR', rgb: [90, 90, 255], fadeMs: 0 } as Cmd);
  put(2000, 15, { cmd: 'SYNC', clockMs: 1_000_000 } as Cmd);
  at.push([1900, 15 * GROUP, 15 * GROUP + 11, fx('SINE', 'NONE', { startMs: 1_000_000 + 5000 })]);
  at.push([1900, 15 * GROUP + 12, 16 * GROUP - 1, fx('SQUARE', 'NONE', { startMs: 1_000_000 + 1000, periodMs: 2000 })]);
  put(4000, 16, fx('SPARKLE', 'ZONE', { periodMs: 1000 }));
  put(3000, 17, { cmd: 'COLOR', rgb: [255, 255, 255], fadeMs: 0 } as Cmd);
  put(3000, 18, fx('SINE', 'LINEAR', { periodMs: 60_000, spread: 255 }));
  at.sort((a, b) => b[0] - a[0]);
  return at;
}

interface Comparison {
  backend: string;
  compared: number;
  present: number;
  /** Distinct model colours among the bands: the states really differ. */
  distinct: number;
  maxDiff: number;
  worst: { band: number; got: number[]; want: number[] } | null;
}

/** Applies the show in the page's crowd, draws it at one time and compares every band's centre pixel. */
async function compare(page: Page, drawAt: number): Promise<Comparison> {
  const packets = showPackets().map(([before, first, last, c], k) => [
    drawAt - before,
    Array.from(encodeCcb({ site: 1, seq: (k % 255) + 1, target: { kind: 'PIXELS', first, last }, ...c } as CcbPacket)),
  ]);
  return page.evaluate(async ({ packets, drawAt }) => {
    type View = { backend: string; stop(): void; render(t: number): void; canvas: HTMLCanvasElement; clientPointOf(i: number): [number, number] };
    type CrowdT = { count: number; present: Uint8Array; receive(b: Uint8Array, t: number): void; colorOf(i: number, t: number): number[] };
    const s = (window as unknown as { crowdcueSimulate: { view: View; crowd: CrowdT } }).crowdcueSimulate;
    const { view, crowd } = s;
    view.stop();
    for (const [t, bytes] of packets as Array<[number, number[]]>) crowd.receive(Uint8Array.from(bytes), t);
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    view.render(drawAt);
    if (view.backend === 'worker-canvas2d') {
      // The worker's colours land after the frame that asked for them: the stopped view draws
      // again by itself when the worker is done.
      for (let k = 0; k < 4; k++) {
        await frame();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const canvas = view.canvas;
    const w = canvas.width;
    const h = canvas.height;
    const rect = canvas.getBoundingClientRect();
    const sx = w / rect.width;
    const sy = h / rect.height;
    let pixels: Uint8Array | Uint8ClampedArray;
    let flip = false;
    if (view.backend.startsWith('webgl2')) {
      const gl = canvas.getContext('webgl2')!;
      pixels = new Uint8Array(4 * w * h);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
      flip = true;
    } else {
      pixels = canvas.getContext('2d')!.getImageData(0, 0, w, h).data;
    }
    const unlit = [34, 36, 44];
    let maxDiff = 0;
    let compared = 0;
    let worst: { band: number; got: number[]; want: number[] } | null = null;
    let present = 0;
    const colours = new Set<string>();
    for (let i = 0; i < crowd.count; i++) {
      if (!crowd.present[i]) continue;
      present++;
      const [cx, cy] = view.clientPointOf(i);
      const px = Math.floor((cx - rect.left) * sx);
      let py = Math.floor((cy - rect.top) * sy);
      if (px < 0 || py < 0 || px >= w || py >= h) continue;
      if (flip) py = h - 1 - py;
      const o = 4 * (py * w + px);
      const got = [pixels[o], pixels[o + 1], pixels[o + 2]];
      const [r, g, b] = crowd.colorOf(i, drawAt);
      colours.add(`${r},${g},${b}`);
      // The view's unlit floor (painter.ts shownColor): an off band still shows the seat.
      const dark = 1 - Math.max(r, g, b) / 255;
      const want = [r, g, b].map((c, k) => Math.min(255, Math.round(c + unlit[k] * dark)));
      const d = Math.max(...got.map((c, k) => Math.abs(c - want[k])));
      compared++;
      if (d > maxDiff) {
        maxDiff = d;
        worst = { band: i, got, want };
      }
    }
    return { backend: view.backend, compared, present, distinct: colours.size, maxDiff, worst };
  }, { packets, drawAt });
}

async function openPage(renderer: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}?renderer=${renderer}`);
  await page.waitForFunction(() => (window as unknown as { crowdcueSimulate?: { ready: boolean } }).crowdcueSimulate?.ready === true, undefined, { timeout: 30_000 });
  expect(errors).toEqual([]);
  return page;
}

beforeAll(async () => {
  server = await startSimulatePage({
    port: 0,
    crowd: { venue: { kind: 'stadium', options: { seats: SEATS } }, crowd: { attendance: 1, seed: 5, driftPpm: 80 } },
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('crowd view pixels against the crowd model', () => {
  for (const [renderer, backend] of [['webgl2', 'webgl2-shader'], ['worker', 'worker-canvas2d']] as const) {
    it(`${backend}: every band's pixel is the model's colour within 1 level`, async () => {
      const page = await openPage(renderer);
      try {
        // A show time well into the page's life, with a fraction of a millisecond.
        const drawAt = (await page.evaluate(() => (window as unknown as { crowdcueSimulate: { showNow(): number } }).crowdcueSimulate.showNow())) + 123_456.789;
        const c = await compare(page, drawAt);
        console.log(`${c.backend}: ${c.compared} bands compared (${c.distinct} distinct colours), largest channel difference ${c.maxDiff} level(s)${c.worst ? ` (band ${c.worst.band}: got ${c.worst.got.join(',')}, model ${c.worst.want.join(',')})` : ''}`);
        expect(c.backend).toBe(backend);
        expect(c.compared).toBe(c.present);
        expect(c.distinct).toBeGreaterThan(100);
        expect(c.maxDiff).toBeLessThanOrEqual(1);
      } finally {
        await page.close();
      }
    }, 120_000);
  }
});
