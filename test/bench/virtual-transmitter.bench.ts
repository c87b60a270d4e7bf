/**
 * How precisely the virtual transmitter starts timed SENDs: the on-air record's
 * real start against the `at_us` asked for (device clock), p50/p99/max, early
 * starts (must be 0) and starts more than 1 ms late. Runs idle, with this
 * process's event loop blocked 5 ms in every 20 ms, and over a socat pty pair.
 * Figures only; nothing here passes or fails.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import {
  createVirtualLink,
  hasSocat,
  openPtyPair,
  openSerialDevice,
  startDeviceWorker,
  TestHost,
  type DeviceWorker,
  type OnAirTransmission,
} from '@crowdcue/simulator/node';
import type { BenchResult } from './types';

const SENDS = 300;
const LOOKAHEAD_US = 30_000;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Sends SENDS timed packets, each due LOOKAHEAD_US ahead, 6-15 ms apart; answers the errors (us) and NACKs (TOO_LATE when the link itself was slower than the look-ahead). */
interface AirSource {
  nowUs(): number;
  onAir(listener: (tx: OnAirTransmission) => void): () => void;
}

async function measure(device: AirSource, host: TestHost, blockLoop: boolean): Promise<{ errors: number[]; nacked: number }> {
  const errors: number[] = [];
  let nacked = 0;
  const off = device.onAir((tx: OnAirTransmission) => {
    if (tx.errorUs !== undefined) errors.push(tx.errorUs);
  });
  let blocker: ReturnType<typeof setInterval> | undefined;
  if (blockLoop) {
    blocker = setInterval(() => {
      const until = performance.now() + 5;
      while (performance.now() < until) {
        /* a busy show engine */
      }
    }, 20);
  }
  for (let i = 0; i < SENDS; i++) {
    const atUs = Math.floor(device.nowUs() + LOOKAHEAD_US) % 2 ** 32;
    const reply = await host.request({ type: 'SEND', timed: true, priority: false, repeat: 0, gapMs: 0, atUs, rf: Uint8Array.of(1, (i % 255) + 1, 3, 0, 1) });
    if (reply.type !== 'ACK') nacked++;
    await new Promise((r) => setTimeout(r, 6 + (i % 10)));
  }
  await new Promise((r) => setTimeout(r, LOOKAHEAD_US / 1000 + 50));
  if (blocker) clearInterval(blocker);
  off();
  return { errors, nacked };
}

/** The worker's clock is its own: read it once through TIME and follow it on this thread's clock. */
async function followClock(dw: DeviceWorker, host: TestHost): Promise<AirSource> {
  const t0 = performance.now();
  const clock = await host.request({ type: 'TIME' });
  const t1 = performance.now();
  if (clock.type !== 'CLOCK') throw new Error(`TIME answered ${clock.type}`);
  const deviceAtHostZero = clock.nowUs - ((t0 + t1) / 2) * 1000;
  return { nowUs: () => deviceAtHostZero + performance.now() * 1000, onAir: (l) => dw.onAir(l) };
}

function row(name: string, { errors, nacked }: { errors: number[]; nacked: number }): Record<string, string | number> {
  const s = [...errors].sort((a, b) => a - b);
  return {
    case: name,
    'on air': s.length,
    nacked,
    'p50 us': quantile(s, 0.5),
    'p99 us': quantile(s, 0.99),
    'max us': s[s.length - 1] ?? NaN,
    early: s.filter((e) => e < 0).length,
    'late >1ms': s.filter((e) => e > 1000).length,
  };
}

export async function bench(): Promise<BenchResult> {
  const rows: Array<Record<string, string | number>> = [];
  const notes = [
    `${SENDS} timed SENDs per case, each due ${LOOKAHEAD_US / 1000} ms after it is sent; error = real start - at_us (device clock).`,
    'The device waits on a timer until 2 ms before at_us, then busy-waits (spin block) or polls from setImmediate (spin yield); spec asks for within 100 us.',
    `Load average when it started: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (other work on the machine shows as lateness).`,
  ];
  for (const spinMode of ['block', 'yield'] as const) {
    for (const blockLoop of [false, true]) {
      const { hostSide, device } = createVirtualLink({ statusIntervalMs: 0, spinMode });
      const host = new TestHost(hostSide);
      await host.request({ type: 'HELLO' });
      const name = `in-process, spin ${spinMode}${blockLoop ? ', loop blocked 5 ms / 20 ms' : ''}`;
      rows.push(row(name, await measure(device, host, blockLoop)));
      device.close();
    }
  }
  for (const blockLoop of [false, true]) {
    const dw = await startDeviceWorker({ statusIntervalMs: 0 });
    const host = new TestHost(dw.connect());
    await host.request({ type: 'HELLO' });
    rows.push(row(`worker thread${blockLoop ? ', loop blocked 5 ms / 20 ms' : ''}`, await measure(await followClock(dw, host), host, blockLoop)));
    await dw.close();
  }
  if (hasSocat()) {
    const pair = await openPtyPair();
    const serial = openSerialDevice(pair.paths[0], { deviceOptions: { statusIntervalMs: 0 } });
    await serial.opened();
    const port = new SerialPort({ path: pair.paths[1], baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    const host = new TestHost(port);
    await host.request({ type: 'HELLO' });
    rows.push(row('socat pty (host and device in this process)', await measure(serial.device, host, false)));
    await new Promise<void>((resolve) => port.close(() => resolve()));
    await serial.close();
    await pair.close();

    // The same with the device in a worker thread that opens the pty itself.
    const pair2 = await openPtyPair();
    const dw = await startDeviceWorker({ statusIntervalMs: 0, link: { kind: 'tty', path: pair2.paths[0] } });
    const port2 = new SerialPort({ path: pair2.paths[1], baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port2.open((err) => (err ? reject(err) : resolve())));
    const host2 = new TestHost(port2);
    await host2.request({ type: 'HELLO' });
    rows.push(row('socat pty, device in a worker thread', await measure(await followClock(dw, host2), host2, false)));
    await new Promise<void>((resolve) => port2.close(() => resolve()));
    await dw.close();
    await pair2.close();
  } else {
    notes.push('socat not installed: pty case skipped');
  }
  return { name: 'Virtual transmitter timed-send precision', rows, notes };
}
