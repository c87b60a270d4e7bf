/**
 * A device (or a loose cable) spewing random bytes at 100 KB/s over a real pty:
 * the driver counts the bad frames and keeps the terminal readable, one line
 * per cause and then one count per second, instead of a line per bad frame.
 */
import { hasSocat } from '@crowdcue/simulator/node';
import { openTransmitter, type OpenedTransmitter } from '@crowdcue/controller';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPtyRig, type PtyRig } from './serial-rig';

const available = hasSocat();
const NOISE_S = 3;
let rig: PtyRig;
let tx: OpenedTransmitter;
const printed: string[] = [];

describe.skipIf(!available && !process.env.CI)('random bytes on a real pty (socat)', () => {
  beforeAll(async () => {
    rig = await startPtyRig();
    tx = openTransmitter(`serial:${rig.hostPath}`, {
      reconnectMinMs: 50,
      reconnectMaxMs: 400,
      ccl: { helloTimeoutMs: 200, helloAttempts: 2 },
      log: (level, message) => printed.push(`${level}: ${message}`),
    });
    await tx.start();
  }, 30_000);

  afterAll(async () => {
    await tx?.stop();
    await rig?.close();
  });

  it(`100 KB/s of noise for ${NOISE_S} s prints a handful of lines per cause, not one per bad frame`, async () => {
    expect(tx.health().state).toBe('up');
    const before = printed.length;
    const badBefore = tx.health().badFrames;
    rig.device.command(`noise 100000 ${NOISE_S}`);
    await rig.device.waitFor((ls) => ls.some((l) => l.ev === 'noise-done'), (NOISE_S + 5) * 1000, 'the noise to end');
    // Let the last second's counts come out.
    await new Promise((r) => setTimeout(r, 1200));
    const lines = printed.slice(before);
    const badFrames = tx.health().badFrames - badBefore;
    // The noise did reach the driver: hundreds of bad frames a second.
    expect(badFrames).toBeGreaterThan(100 * NOISE_S);
    // Per cause: its first line, then at most one count a second (+1 for a window cut by the end).
    const causes = new Set(lines.map((l) => l.replace(/^\w+: /, '').replace(/^\d+ more of \((.*)\) in the last second$/, '$1').replace(/\b\d+(\.\d+)?\b/g, '#')));
    expect(lines.length).toBeLessThanOrEqual(causes.size * (NOISE_S + 3));
    expect(lines.length).toBeLessThan(badFrames / 10);
    expect(lines.some((l) => / more of \(bad frames from the device/.test(l))).toBe(true);
  }, 30_000);
});
