/**
 * The lighting desk on the Live page, in Chromium against the real
 * controller started with `--desk` the way `crowdcue start` takes it: sACN
 * from the `sacn` library's sender over loopback, and the page's desk line
 * says the link, the state, the desk's name and priority, and malformed packets.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureConsoleBuilt, startFromCli, type ControllerServer } from '@crowdcue/controller/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawSender, sacnSender, type SacnTestSender } from '../../controller/src/inputs/desk/desk-senders.test-util';
import { keepShot, logIn, openLive } from './console-harness';
import { launchChromium } from './crowd-view-browser';

let server: ControllerServer;
let browser: Browser;
let page: Page;
let dataDir: string;
let sender: SacnTestSender;
let port = 0;

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

beforeAll(async () => {
  await ensureConsoleBuilt();
  dataDir = await mkdtemp(join(tmpdir(), 'crowdcue-desk-e2e-'));
  const printed: string[] = [];
  server = await startFromCli(
    { dataDir, port: 0, host: '127.0.0.1', transmitters: [], build: false, desk: { protocol: 'sacn', universe: 9, address: 1, zones: 16, holdMs: 5000, port: 0 } },
    { out: (l) => printed.push(l), err: (l) => printed.push(l) },
  );
  const password = /password (\S+)/.exec(printed.find((l) => l.startsWith('admin login:')) ?? '')?.[1] ?? '';
  const url = printed.find((l) => l.startsWith('CrowdCue console: '))!.slice('CrowdCue console: '.length);
  port = Number(/:(\d+)/.exec(server.runtime.snapshot().inputs?.desk?.listening ?? '')?.[1]);
  sender = sacnSender({ universe: 9, port, name: 'grandMA3 FOH', cidByte: 4, priority: 120 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await logIn(page, url, 'admin', password);
  await openLive(page);
}, 120_000);

afterAll(async () => {
  sender?.close();
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the desk line on the Live page', () => {
  it('waits, then shows the desk that is sending, its priority and malformed packets', async () => {
    expect(port).toBeGreaterThan(0);
    await page.getByTestId('desk-status').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('desk-state').textContent()).toBe('waiting');
    const raw = new RawSender(port);
    await raw.send(Buffer.from([1, 2, 3]));
    raw.close();
    const zone0Blue = { 1: 255, 11: 255, 14: 255 };
    await poll(async () => {
      await sender.send(zone0Blue);
      return page.getByTestId('desk-state').textContent();
    }).toBe('receiving');
    const line = await page.getByTestId('desk-status').textContent();
    expect(line).toContain('sACN 9 @ 1');
    expect(line).toContain('grandMA3 FOH');
    expect(line).toContain('priority 120');
    expect(line).toContain('malformed: too-short 1');
    expect(server.runtime.snapshot().zones.find((z) => z.zone === 0)?.source).toBe('desk');
    // Keep the desk sending while the shot is taken, as a desk does.
    const keepSending = setInterval(() => void sender.send(zone0Blue), 23);
    await poll(() => page.getByTestId('desk-status').textContent()).toMatch(/\d+ fps/);
    await keepShot('live-desk', await page.screenshot());
    clearInterval(keepSending);
  }, 120_000);
});
