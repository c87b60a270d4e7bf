/**
 * The simulate page in a real headless Chromium: CCL SENDs go into the virtual
 * transmitter, its on-air transmissions reach the page over socket.io, the
 * page's own crowd decodes them and the renderer draws them. Checked on real
 * screenshot pixels, with WebGL2 and with the Canvas 2D fallback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile, mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCcb, type Rgb } from '@crowdcue/protocol';
import { startSimulatePage, TestHost, VirtualTransmitter, type SimulatePage } from '@crowdcue/simulator/node';
import { censusOf, launchChromium, probe, waitForPackets, type PixelCensus } from './crowd-view-browser';

const BACKGROUND: [number, number, number] = [8, 9, 13];
const here = dirname(fileURLToPath(import.meta.url));
const shotDir = join(here, '../../bench-results/screenshots');

let server: SimulatePage;
let device: VirtualTransmitter;
let host: TestHost;
let browser: Browser;
let seq = 0;

/** One COLOR to every band, through CCL into the virtual transmitter and onto the air. */
async function sendColor(rgb: Rgb): Promise<void> {
  seq = (seq % 255) + 1;
  const rf = encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, cmd: 'COLOR', rgb, fadeMs: 0 });
  const reply = await host.request({ type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf });
  expect(reply.type).toBe('ACK');
}

async function shoot(page: Page, name: string): Promise<PixelCensus> {
  const png = await page.locator('#view canvas').screenshot();
  await mkdir(shotDir, { recursive: true });
  await writeFile(join(shotDir, `${name}.png`), png);
  return censusOf(png, BACKGROUND);
}

async function openPage(renderer: 'webgl2' | 'canvas2d'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 960, height: 640 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}?renderer=${renderer}`);
  await page.waitForFunction(() => (window as unknown as { crowdcueSimulate?: { ready: boolean } }).crowdcueSimulate?.ready === true, undefined, { timeout: 20_000 });
  expect(errors).toEqual([]);
  return page;
}

beforeAll(async () => {
  server = await startSimulatePage({ port: 0, crowd: { venue: { kind: 'stadium' }, crowd: { attendance: 0.9, seed: 3 } } });
  device = new VirtualTransmitter({ crowd: server, statusIntervalMs: 0 });
  host = new TestHost(device.connect());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  device?.close();
  await server?.close();
});

describe('crowdcue simulate page', () => {
  it('shows the venue, then every band red, then blue (WebGL2)', async () => {
    const page = await openPage('webgl2');
    const p = await probe(page);
    expect(p.backend).toBe('webgl2-shader');
    expect(p.bands).toBe(19_200);
    expect(await page.locator('#venue').textContent()).toBe('Stadium');
    expect(await page.locator('#bands').textContent()).toMatch(/^17,\d{3} of 19,200 seats$/);

    // Before any packet: the bowl is drawn in the unlit shade, nothing red.
    const dark = await shoot(page, 'simulate-webgl2-unlit');
    expect(dark.lit / dark.total).toBeGreaterThan(0.05);
    expect(dark.grey / dark.lit).toBeGreaterThan(0.8);
    expect(dark.red).toBe(0);

    await sendColor([255, 0, 0]);
    await waitForPackets(page, 1);
    const red = await shoot(page, 'simulate-webgl2-red');
    expect(red.lit / red.total).toBeGreaterThan(0.05);
    expect(red.red / red.lit).toBeGreaterThan(0.8);
    expect(red.blue).toBe(0);
    expect(await page.locator('#packets').textContent()).toBe('1');

    await sendColor([0, 0, 255]);
    await waitForPackets(page, 2);
    const blue = await shoot(page, 'simulate-webgl2-blue');
    expect(blue.blue / blue.lit).toBeGreaterThan(0.8);
    expect(blue.red).toBe(0);
    await page.close();
  });

  it('names the seat, zone and colour of the band under the pointer', async () => {
    const page = await openPage('webgl2');
    const target = await page.evaluate(() => {
      const s = (window as unknown as { crowdcueSimulate: { crowd: { present: Uint8Array; count: number }; venue: { seats: Array<{ section: string; row: string; seat: string; zone: number }> }; view: { clientPointOf(i: number): [number, number] } } }).crowdcueSimulate;
      let i = Math.floor(s.crowd.count / 3);
      while (!s.crowd.present[i]) i++;
      return { i, seat: s.venue.seats[i], at: s.view.clientPointOf(i) };
    });
    await page.mouse.move(target.at[0], target.at[1]);
    const card = page.locator('.crowd-view-tooltip');
    await card.waitFor({ state: 'visible' });
    const text = await card.textContent();
    expect(text).toContain(`Section ${target.seat.section} · Row ${target.seat.row} · Seat ${target.seat.seat}`);
    expect(text).toContain(`Zone ${target.seat.zone}`);
    // The replayed packets left every band blue.
    expect(text).toContain('#0000ff');

    // Zooming in about the pointer keeps the same band under it (within the pointer's whole-pixel rounding, magnified).
    const before = await page.evaluate((i) => (window as unknown as { crowdcueSimulate: { view: { clientPointOf(i: number): [number, number] } } }).crowdcueSimulate.view.clientPointOf(i), target.i);
    await page.mouse.wheel(0, -400);
    const after = await page.evaluate(
      ([i, x, y]) => {
        const v = (window as unknown as { crowdcueSimulate: { view: { clientPointOf(i: number): [number, number]; bandAt(x: number, y: number): number } } }).crowdcueSimulate.view;
        return { at: v.clientPointOf(i), under: v.bandAt(x, y) };
      },
      [target.i, target.at[0], target.at[1]] as const,
    );
    expect(Math.abs(after.at[0] - before[0])).toBeLessThan(3);
    expect(Math.abs(after.at[1] - before[1])).toBeLessThan(3);
    expect(after.under).toBe(target.i);
    await page.close();
  });

  it('draws the same with the Canvas 2D fallback', async () => {
    const page = await openPage('canvas2d');
    expect((await probe(page)).backend).toBe('canvas2d');
    // A page that opens late catches up: the replay left every band blue.
    const blue = await shoot(page, 'simulate-canvas2d-blue');
    expect(blue.lit / blue.total).toBeGreaterThan(0.05);
    expect(blue.blue / blue.lit).toBeGreaterThan(0.8);

    await sendColor([255, 0, 0]);
    await waitForPackets(page, 3);
    const red = await shoot(page, 'simulate-canvas2d-red');
    expect(red.red / red.lit).toBeGreaterThan(0.8);
    expect(red.blue).toBe(0);
    // Both painters cover about the same area.
    expect(Math.abs(red.lit - blue.lit) / blue.lit).toBeLessThan(0.05);
    await page.close();
  });

  it('sizes the canvas for the device pixel ratio, swaps crowds and cleans up (renderer API)', async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 400 }, deviceScaleFactor: 2 });
    await page.goto(`${server.url}?renderer=webgl2`);
    await page.waitForFunction(() => (window as unknown as { crowdcueSimulate?: { ready: boolean } }).crowdcueSimulate?.ready === true, undefined, { timeout: 20_000 });
    const result = await page.evaluate(async () => {
      const view = (window as unknown as { crowdcueSimulate: { view: import('@crowdcue/simulator/renderer').CrowdView } }).crowdcueSimulate.view;
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      const sized = { css: view.canvas.clientWidth, device: view.canvas.width };
      view.stop();
      // A stand-in crowd of four bands in a square, one of them an empty seat.
      const count = 4;
      const stand = {
        count,
        x: [0, 10, 0, 10],
        y: [0, 0, 10, 10],
        zone: [1, 2, 3, 4],
        colorsAt(_t: number, out: Uint8Array) {
          out.set([255, 255, 0, 255, 255, 255, 0, 255, 255, 255, 0, 255, 255, 255, 255, 0]);
        },
      };
      view.setCrowd(stand);
      view.render(0);
      await frame();
      const corner = view.bandAt(...view.clientPointOf(0));
      const empty = view.bandAt(...view.clientPointOf(3));
      const parent = view.canvas.parentElement;
      view.destroy();
      return { sized, corner, empty, canvasGone: !parent?.querySelector('canvas'), tooltipGone: !document.querySelector('.crowd-view-tooltip') };
    });
    expect(result.sized.device).toBe(result.sized.css * 2);
    expect(result.corner).toBe(0);
    // Empty seats are not drawn and cannot be hovered.
    expect(result.empty).toBe(-1);
    expect(result.canvasGone).toBe(true);
    expect(result.tooltipGone).toBe(true);
    await page.close();
  });

  it('ignores a hostile air message and says why', async () => {
    const page = await openPage('canvas2d');
    const before = (await probe(page)).packets;
    server.feed({ rf: 'not hex', endMs: 0 });
    await page.waitForFunction(() => (window as unknown as { crowdcueSimulate: { badMessages: number } }).crowdcueSimulate.badMessages > 0, undefined, { timeout: 5000 });
    const p = await probe(page);
    expect(p.packets).toBe(before);
    expect(p.lastError).toMatch(/rf/);
    await page.close();
  });
});

describe('crowdcue simulate --port (the command, as a child process)', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('serves the live page; a controller on TCP lights the crowd in it', async () => {
    const bin = resolve(here, '../../controller/bin/crowdcue.js');
    child = spawn(process.execPath, [bin, 'simulate', '--listen', 'tcp://127.0.0.1:0', '--port', '0', '--venue', 'arena', '--seats', '4000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const started = new Promise<{ tcpPort: number; url: string }>((resolveStarted, reject) => {
      const look = () => {
        const tcp = /at tcp:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        const page = /live crowd page at (http:\/\/\S+)/.exec(out);
        if (tcp && page) resolveStarted({ tcpPort: Number(tcp[1]), url: page[1] });
      };
      child?.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        look();
      });
      child?.stderr?.on('data', (c: Buffer) => (out += c.toString()));
      child?.once('exit', (code) => reject(new Error(`crowdcue simulate exited (${code}): ${out}`)));
    });
    const { tcpPort, url } = await started;

    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { crowdcueSimulate?: { ready: boolean } }).crowdcueSimulate?.ready === true, undefined, { timeout: 20_000 });
    expect(await page.locator('#venue').textContent()).toBe('Arena');

    const socket = connect(tcpPort, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const controller = new TestHost(socket);
    const rf = encodeCcb({ site: 1, seq: 9, target: { kind: 'ALL' }, cmd: 'COLOR', rgb: [0, 255, 0], fadeMs: 0 });
    expect((await controller.request({ type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf })).type).toBe('ACK');
    await waitForPackets(page, 1);
    const green = await shoot(page, 'simulate-command-arena-green');
    expect(green.lit / green.total).toBeGreaterThan(0.02);
    expect(green.green / green.lit).toBeGreaterThan(0.8);
    socket.destroy();
    await page.close();
  });
});
