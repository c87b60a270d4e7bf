/**
 * The Live page's timecode panel, in Chromium: the server chases Art-Net
 * timecode (`--timecode artnet:PORT`) sent by the test over loopback; the
 * panel shows the source, the incoming timecode and the lock, and says
 * freewheeling, then lost, when the frames stop.
 */
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameToTimecode } from '@crowdcue/protocol';
import { encodeArtTimecode } from '@crowdcue/controller';
import { keepShot, logIn, openLive, startConsoleRig, type ConsoleRig } from './console-harness';

let rig: ConsoleRig;
let port: number;
const sender = createSocket('udp4');

beforeAll(async () => {
  const probe = createSocket('udp4');
  await new Promise<void>((r) => probe.bind(0, '127.0.0.1', () => r()));
  port = probe.address().port;
  await new Promise<void>((r) => probe.close(() => r()));
  rig = await startConsoleRig({ timecode: `artnet:${port}` });
}, 240_000);
afterAll(async () => {
  sender.close();
  await rig?.close();
});

describe('Live page timecode panel', () => {
  it('shows source, timecode and lock, then freewheeling and lost when timecode stops', async () => {
    const page = await rig.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, rig.url, 'admin', rig.adminPassword);
    await openLive(page);
    const panel = page.getByTestId('timecode-status');
    await panel.waitFor();
    await expect.poll(() => page.getByTestId('timecode-lock').textContent()).toContain('Lost');
    expect(await panel.textContent()).toContain(`artnet:${port}`);

    let stop = false;
    const sending = (async () => {
      for (let n = 0; !stop; n++) {
        const tc = frameToTimecode(25 * 3600 + n, 25, false);
        await new Promise<void>((r) => sender.send(encodeArtTimecode(tc, 25), port, '127.0.0.1', () => r()));
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await expect.poll(() => page.getByTestId('timecode-lock').textContent(), { timeout: 10_000 }).toBe('Locked');
    expect(await page.getByTestId('timecode-value').textContent()).toMatch(/^01:00:0\d:\d\d 25 fps$/);
    await keepShot('timecode-locked', await page.locator('aside.desk').screenshot());
    stop = true;
    await sending;
    await expect.poll(() => page.getByTestId('timecode-lock').textContent(), { timeout: 10_000 }).toContain('Lost');
    await page.close();
  });
});
