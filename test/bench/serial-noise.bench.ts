/**
 * `npm run bench -- serial-noise`: random bytes into a real pty at 100 KB/s for
 * 10 s, from an independent device process, against the CCL driver. Counts the
 * bad frames the driver saw and the log lines it printed (one per cause, then
 * one count per cause per second).
 */
import { hasSocat } from '@crowdcue/simulator/node';
import { openTransmitter } from '@crowdcue/controller';
import { startPtyRig } from '../e2e/serial-rig';
import type { BenchResult } from './types';

const RATE = 100_000;
const SECONDS = 10;

export async function bench(): Promise<BenchResult> {
  const name = 'serial noise';
  if (!hasSocat()) return { name, rows: [], notes: ['socat is not installed: skipped'] };
  const rig = await startPtyRig();
  const printed: string[] = [];
  const tx = openTransmitter(`serial:${rig.hostPath}`, { reconnectMinMs: 50, reconnectMaxMs: 400, log: (level, message) => printed.push(`${level}: ${message}`) });
  try {
    await tx.start();
    const before = printed.length;
    const badBefore = tx.health().badFrames;
    const reconnectsBefore = tx.health().reconnects ?? 0;
    rig.device.command(`noise ${RATE} ${SECONDS}`);
    await rig.device.waitFor((ls) => ls.some((l) => l.ev === 'noise-done'), (SECONDS + 10) * 1000, 'the noise to end');
    await new Promise((r) => setTimeout(r, 1200));
    const lines = printed.length - before;
    const badFrames = tx.health().badFrames - badBefore;
    return {
      name,
      rows: [
        {
          'noise B/s': RATE,
          seconds: SECONDS,
          'bad frames': badFrames,
          'lines printed': lines,
          'lines/s': lines / SECONDS,
          'bad frames per line': badFrames / Math.max(1, lines),
          reconnects: (tx.health().reconnects ?? 0) - reconnectsBefore,
        },
      ],
      notes: ['lines printed = log lines of the driver (what `crowdcue start` prints for it), including the per-second counts'],
    };
  } finally {
    await tx.stop();
    await rig.close();
  }
}
