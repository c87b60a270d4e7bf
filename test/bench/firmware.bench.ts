/**
 * The reference transmitter firmware (controller/firmware), measured as a
 * device in simavr: flash and RAM use (avr-size), how far from at_us its timed
 * SENDs go on air on its own clock (simulated time, so the host's jitter is
 * out of it), and the most SENDs it held at once.
 *
 * - demo: `crowdcue play demo --until 20` over the pty;
 * - dense: the in-process CCL driver hands over 400 timed COLOR packets 6 ms
 *   apart (the channel's pace: 4.6 ms airtime + 1 ms quiet), every tenth with
 *   2 repeats, then 60 untimed ones at once (the queue fills; the driver's
 *   flow control keeps it within queue_cap).
 * Figures only; nothing here passes or fails.
 */
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodeCcb, percentile } from '@crowdcue/protocol';
import { openTransmitter, type PlannedPacket } from '@crowdcue/controller';
import { buildFirmware, FIRMWARE_ELF, largestQueue, missingFirmwareTools, startFirmwareSim, timedStarts, type FirmwareSim } from '../e2e/firmware-rig';
import type { BenchResult } from './types';

const bin = fileURLToPath(new URL('../../controller/bin/crowdcue.js', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function size(): Record<string, string | number> {
  const out = execFileSync('avr-size', ['-A', FIRMWARE_ELF], { encoding: 'utf8' });
  const section = (name: string) => Number(new RegExp(`^\\${name}\\s+(\\d+)`, 'm').exec(out)?.[1] ?? 0);
  const flash = section('.text') + section('.data');
  const ram = section('.data') + section('.bss');
  return { scenario: 'size', flash_bytes: flash, flash_pct: Math.round((flash / 32768) * 1000) / 10, ram_bytes: ram, ram_pct: Math.round((ram / 2048) * 1000) / 10 };
}

function timing(name: string, sim: FirmwareSim): Record<string, string | number> {
  const all = timedStarts(sim);
  const starts = all
    .filter((s) => !s.channelBusy)
    .map((s) => s.errorUs)
    .sort((a, b) => a - b);
  const waited = all.filter((s) => s.channelBusy).map((s) => s.errorUs);
  return {
    scenario: name,
    on_air: sim.air().length,
    timed_starts: all.length,
    channel_busy: waited.length,
    busy_wait_max_us: waited.length ? Math.max(...waited) : 0,
    err_p50_us: percentile(starts, 0.5),
    err_p99_us: percentile(starts, 0.99),
    err_max_us: starts.length ? starts[starts.length - 1] : 0,
    err_min_us: starts.length ? starts[0] : 0,
    late_over_1ms: starts.filter((e) => e > 1000).length,
    largest_queue: largestQueue(sim),
  };
}

async function demo(): Promise<Record<string, string | number>> {
  const sim = await startFirmwareSim();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'play', 'demo', '--until', '20', '--quiet', '--transmitter', `serial:${sim.path}`], { stdio: 'ignore' });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`crowdcue play exited ${code}`))));
    });
    return timing('demo (crowdcue play, 20 s)', sim);
  } finally {
    await sim.close();
  }
}

let counter = 0;
function colour(atMs: number | null, repeat = 0): PlannedPacket {
  counter++;
  const seq = (counter % 255) + 1;
  const rgb: [number, number, number] = [counter & 0xff, (counter >> 8) & 0xff, 7];
  const rf = encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, cmd: 'COLOR', rgb, fadeMs: 0 });
  return { seq, rf, zones: 'ALL', atMs, priority: false, repeat, gapMs: repeat ? 3 : 0, purpose: 'cue' };
}

async function dense(): Promise<Record<string, string | number>> {
  const sim = await startFirmwareSim();
  const tx = openTransmitter(`serial:${sim.path}`, { lookaheadMs: 50 });
  try {
    await tx.start();
    for (let i = 0; i < 100 && tx.health().state !== 'up'; i++) await sleep(50);
    await sleep(1500);
    const t0 = performance.now() + 200;
    for (let i = 0; i < 400; i++) tx.send(colour(t0 + i * 6, i % 10 === 0 ? 2 : 0));
    await sleep(400 * 6 + 800);
    for (let i = 0; i < 60; i++) tx.send(colour(null));
    await sleep(60 * 6 + 1500);
    return timing('dense (driver, 400 timed + 60 untimed)', sim);
  } finally {
    await tx.stop();
    await sim.close();
  }
}

export async function bench(): Promise<BenchResult> {
  const missing = missingFirmwareTools();
  if (missing.length > 0) return { name: 'firmware', rows: [], notes: [`skipped: missing ${missing.join(', ')}`] };
  buildFirmware();
  const rows = [size(), await demo(), await dense()];
  return {
    name: 'firmware',
    rows,
    notes: [
      'ATmega328P at 16 MHz + RFM69 (simulated), in simavr paced to the wall clock; timing in simulated time on the device clock',
      'err = actual on-air start minus at_us of every ACKed timed SEND whose channel was free at at_us (us; the clock reads in 0.5 us ticks)',
      'channel_busy = timed SENDs whose at_us fell while the transmission before was on air (or in its 1 ms of quiet): they wait by the rules (busy_wait_max_us)',
      'largest_queue = the most SENDs the device reported holding (ACK/STATUS queued); queue_cap is 16',
    ],
  };
}
