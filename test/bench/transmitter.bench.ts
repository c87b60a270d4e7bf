/**
 * The CCL driver's timing, end to end: controller driver -> serialport -> socat
 * pty pair -> the simulator's virtual transmitter in another process. Each
 * packet's on-air start (the device's record, on the machine-wide monotonic
 * clock) against the controller time it was planned for.
 *
 * - with look-ahead (timed SEND handed over 50 ms early) and without (untimed
 *   SEND written at the deadline, by setTimeout or by the engine's
 *   DeadlineScheduler), idle and with this process's loop blocked 5 ms every 20 ms;
 * - reconnect: the pty pair torn down and brought back; time until the driver is
 *   up again and until a re-sent look is on air.
 * Figures only; nothing here passes or fails.
 */
import { cpus, loadavg } from 'node:os';
import { encodeCcb } from '@crowdcue/protocol';
import { hasSocat } from '@crowdcue/simulator/node';
import { DeadlineScheduler, openTransmitter, type OpenedTransmitter, type PlannedPacket } from '@crowdcue/controller';
import type { SchedulerLike } from 'rxjs';
import { startPtyRig, toHr, type PtyRig } from '../e2e/serial-rig';
import type { BenchResult } from './types';

const PACKETS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function q(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

let counter = 0;
/** A COLOR packet whose colour carries a 24-bit serial number, so the on-air record can be matched beyond 255 seqs. */
function packet(atMs: number | null): PlannedPacket {
  counter++;
  const seq = (counter % 255) + 1;
  const rgb: [number, number, number] = [counter & 0xff, (counter >> 8) & 0xff, (counter >> 16) & 0xff];
  return { seq, rf: encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, cmd: 'COLOR', rgb, fadeMs: 0 }), zones: 'ALL', atMs, priority: false, repeat: 0, gapMs: 0, purpose: 'cue' };
}
const hex = (rf: Uint8Array) => Buffer.from(rf).toString('hex');

function blockLoop(): () => void {
  const timer = setInterval(() => {
    const until = performance.now() + 5;
    while (performance.now() < until) {
      /* a busy show engine */
    }
  }, 20);
  return () => clearInterval(timer);
}

async function connect(rig: PtyRig, lookaheadMs: number, scheduler?: SchedulerLike): Promise<OpenedTransmitter> {
  const tx = openTransmitter(`serial:${rig.hostPath}`, { lookaheadMs, scheduler, reconnectMinMs: 20, reconnectMaxMs: 200 });
  await tx.start();
  for (let i = 0; i < 50 && tx.health().state !== 'up'; i++) await sleep(50);
  // Let a few periodic clock syncs add samples.
  await sleep(1500);
  return tx;
}

async function timing(rig: PtyRig, name: string, lookaheadMs: number, opts: { scheduler?: SchedulerLike; loaded?: boolean }): Promise<Record<string, string | number>> {
  const tx = await connect(rig, lookaheadMs, opts.scheduler);
  const from = rig.device.air().length;
  const unblock = opts.loaded ? blockLoop() : () => undefined;
  const planned = new Map<string, number>();
  const sent: PlannedPacket[] = [];
  // Plan a little ahead of now, as the engine does, spaced 10-19 ms.
  let at = performance.now() + 200;
  for (let i = 0; i < PACKETS; i++) {
    at += 10 + (i % 10);
    const p = packet(at);
    sent.push(p);
  }
  // Hand each packet over ~100 ms before it is due (the planner's horizon).
  for (const p of sent) {
    const wait = p.atMs! - 100 - performance.now();
    if (wait > 0) await sleep(wait);
    planned.set(hex(p.rf), p.atMs!);
    tx.send(p);
  }
  await sleep(300);
  unblock();
  const air = rig.device.air().slice(from).filter((a) => a.repeatIndex === 0);
  const errors: number[] = [];
  const mapping: number[] = [];
  const deviceLate: number[] = [];
  let timed = 0;
  for (const a of air) {
    const intended = planned.get(a.rf);
    if (intended === undefined) continue;
    planned.delete(a.rf);
    errors.push(a.startHr - toHr(intended));
    if (a.timed) {
      timed++;
      deviceLate.push((a.errorUs ?? 0) / 1000);
      mapping.push(a.startHr - (a.errorUs ?? 0) / 1000 - toHr(intended));
    }
  }
  const h = tx.health();
  await tx.stop();
  errors.sort((x, y) => x - y);
  const abs = errors.map(Math.abs).sort((x, y) => x - y);
  mapping.sort((x, y) => x - y);
  deviceLate.sort((x, y) => x - y);
  const us = (ms: number) => Math.round(ms * 1000);
  return {
    scenario: name,
    'on air': `${errors.length}/${PACKETS}`,
    timed,
    'err p50 us': us(q(errors, 0.5)),
    '|err| p90 us': us(q(abs, 0.9)),
    '|err| p99 us': us(q(abs, 0.99)),
    '|err| max us': us(abs.at(-1) ?? NaN),
    early: errors.filter((e) => e < -0.1).length,
    'mapping p50 us': mapping.length ? us(q(mapping, 0.5)) : '',
    'mapping |p99| us': mapping.length ? us(q(mapping.map(Math.abs).sort((x, y) => x - y), 0.99)) : '',
    'device late p50 us': deviceLate.length ? us(q(deviceLate, 0.5)) : '',
    'device late p99 us': deviceLate.length ? us(q(deviceLate, 0.99)) : '',
    'clock ±us': h.clockUncertaintyUs ?? '',
    'TOO_LATE': h.nacks.TOO_LATE ?? 0,
  };
}

async function reconnects(rig: PtyRig, rounds: number): Promise<Record<string, string | number>> {
  let lookSentAt = 0;
  let look: PlannedPacket | undefined;
  const tx = openTransmitter(`serial:${rig.hostPath}`, {
    reconnectMinMs: 50,
    reconnectMaxMs: 1000,
    // The planner's part: re-send the current look the moment the link is back.
    onReconnect: (t) => {
      look = packet(null);
      lookSentAt = performance.now();
      t.send(look);
    },
  });
  await tx.start();
  const toUp: number[] = [];
  const toLook: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await rig.unplug();
    // Down for a while, as a pulled cable is: the back-off climbs.
    await sleep(1500);
    look = undefined;
    const back = performance.now();
    await rig.replug();
    while (!look && performance.now() - back < 10_000) await sleep(5);
    if (!look) continue;
    toUp.push(lookSentAt - back);
    const rf = hex((look as PlannedPacket).rf);
    await rig.device.waitFor((ls) => ls.some((l) => l.ev === 'air' && l.rf === rf), 5000, 'the re-sent look').catch(() => undefined);
    const a = rig.device.air().find((x) => x.rf === rf);
    if (a) toLook.push(a.startHr - toHr(back));
    await sleep(300);
  }
  await tx.stop();
  toUp.sort((x, y) => x - y);
  toLook.sort((x, y) => x - y);
  return {
    scenario: `reconnect after the pty returns (${toUp.length}/${rounds} rounds, down 1.5 s each)`,
    'up p50 ms': Math.round(q(toUp, 0.5)),
    'up max ms': Math.round(toUp.at(-1) ?? NaN),
    'look on air p50 ms': Math.round(q(toLook, 0.5)),
    'look on air max ms': Math.round(toLook.at(-1) ?? NaN),
  };
}

export async function bench(): Promise<BenchResult[]> {
  if (!hasSocat()) return [{ name: 'transmitter driver over a pty', rows: [], notes: ['socat is not installed: skipped'] }];
  const rig = await startPtyRig();
  try {
    const timingRows = [
      await timing(rig, 'look-ahead 50 ms, idle', 50, {}),
      await timing(rig, 'look-ahead 50 ms, loop blocked 5/20 ms', 50, { loaded: true }),
      await timing(rig, 'untimed at deadline, setTimeout', 0, {}),
      await timing(rig, 'untimed at deadline, DeadlineScheduler', 0, { scheduler: new DeadlineScheduler() }),
      await timing(rig, 'untimed at deadline, DeadlineScheduler, loop blocked 5/20 ms', 0, { scheduler: new DeadlineScheduler(), loaded: true }),
    ];
    const reconnectRow = await reconnects(rig, 5);
    const machine = `${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join('/')}`;
    return [
      {
        name: 'transmitter driver on-air timing over a pty',
        rows: timingRows,
        notes: [
          `${PACKETS} COLOR packets per row, 10-19 ms apart, handed to the driver 100 ms ahead; device = simulator's virtual transmitter in its own process behind socat; ${machine}`,
          'err = on-air start (device record) minus intended controller time, both on the machine-wide monotonic clock; early = starts more than 0.1 ms before time',
          'mapping = where the driver told the device to start (at_us through the clock estimate) minus intended: the driver\'s own error; device late = the simulator device\'s lateness at its own clock',
          'with look-ahead the tail is the device process being late (CPU starved on a loaded machine), not the host: compare device late; TOO_LATE packets went again untimed',
        ],
      },
      { name: 'transmitter driver reconnect over a pty', rows: [reconnectRow], notes: ['time from the pty pair being back to the driver up (onReconnect), and to the re-sent look starting on air; back-off capped at 1 s'] },
    ];
  } finally {
    await rig.close();
  }
}
