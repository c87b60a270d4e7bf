/**
 * `npm run bench -- pixmob`: the PixMob IR driver over a real pty to the
 * stand-in IR forwarder (the sketch's reading, send time and 64-byte buffer).
 * A SINE for 8 s: codes a second and the spacing of lines as the forwarder
 * reads them. Then 20 cuts planned ahead, 700 ms apart: how late each colour's
 * first line reaches the forwarder after its planned time (the IR then takes
 * another 50.4 ms).
 */
import { encodeCcb, percentile, type CcbCommand } from '@crowdcue/protocol';
import { hasSocat, openPtyPair } from '@crowdcue/simulator/node';
import { openTransmitter, type PlannedPacket } from '@crowdcue/controller';
import { FakeIrForwarder } from '../e2e/pixmob-forwarder';
import type { BenchResult } from './types';

const SINE_MS = 8000;
const CUTS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function bench(): Promise<BenchResult> {
  const name = 'pixmob ir';
  if (!hasSocat()) return { name, rows: [], notes: ['socat is not installed: skipped'] };
  const pty = await openPtyPair();
  const forwarder = await FakeIrForwarder.open(pty.paths[1]);
  const tx = openTransmitter(`pixmob+serial:${pty.paths[0]}`, { pixmob: { settleMs: 100 } });
  let seq = 0;
  const send = (command: CcbCommand, atMs: number | null = null) => {
    seq = (seq % 255) + 1;
    const p: PlannedPacket = { seq, rf: encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, ...command }), zones: 'ALL', atMs, priority: false, repeat: 0, gapMs: 0, purpose: 'cue' };
    tx.send(p);
  };
  try {
    await tx.start();
    const rows: BenchResult['rows'] = [];

    const from = forwarder.lines.length;
    send({ cmd: 'EFFECT', shape: 'SINE', c1: [255, 255, 255], c2: [0, 0, 64], periodMs: 2000, axis: 'NONE', dir: 0, spread: 0, startMs: 0xffffffff });
    await sleep(SINE_MS);
    const sine = forwarder.lines.slice(from);
    const gaps = sine.slice(1).map((l, i) => l.atMs - sine[i].atMs).sort((a, b) => a - b);
    rows.push({
      case: `SINE 2 s period, ${SINE_MS / 1000} s`,
      lines: sine.length,
      'codes/s': sine.length / (SINE_MS / 1000),
      'line gap p50 ms': percentile(gaps, 0.5),
      'line gap p99 ms': percentile(gaps, 0.99),
      invalid: sine.filter((l) => l.error).length,
      'buffer overflow B': forwarder.overflowed,
    });

    const lateness: number[] = [];
    // Two cuts first, not counted: the first of anything on a fresh process pays for compiling it.
    for (let i = -2; i < CUTS; i++) {
      const rgb: [number, number, number] = [((i + 2) * 12) % 252, 252 - (((i + 2) * 12) % 252), i % 2 ? 252 : 0];
      const at = performance.now() + 200;
      const before = forwarder.lines.length;
      send({ cmd: 'COLOR', rgb, fadeMs: 0 }, at);
      await sleep(700);
      const hit = forwarder.lines.slice(before).find((l) => l.commands.some((c) => c.rgb.join() === rgb.join()));
      if (hit && i >= 0) lateness.push(hit.atMs - at);
    }
    lateness.sort((a, b) => a - b);
    rows.push({
      case: `${CUTS} cuts planned 200 ms ahead`,
      lines: lateness.length,
      'late p50 ms': percentile(lateness, 0.5),
      'late p99 ms': percentile(lateness, 0.99),
      'late max ms': lateness.at(-1) ?? 0,
      invalid: forwarder.invalid().length,
      'buffer overflow B': forwarder.overflowed,
      'stall-excused B': forwarder.stallExcused,
    });
    return {
      name,
      rows,
      notes: [
        'line gap = time between two lines as the stand-in forwarder reads them (serial + 50.4 ms of IR + the sketch\'s 3 ms + the driver\'s 8 ms margin)',
        'late = planned time of a cut to the stand-in reading its first line; the bands see the colour 50.4 ms later (its IR)',
      ],
    };
  } finally {
    await tx.stop();
    await forwarder.close();
    await pty.close();
  }
}
