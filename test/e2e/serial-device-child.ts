/**
 * An independent CCL device for the end-to-end serial tests and the
 * transmitter benchmark: the simulator's VirtualTransmitter on a serial path
 * (one end of a socat pty pair), in its own process, so the controller's timing
 * is measured across a real tty and a process boundary.
 *
 *   node --import tsx test/e2e/serial-device-child.ts PATH
 *
 * stdout, one JSON object a line:
 *   {"ev":"open"} / {"ev":"closed"}                   the port came / went
 *   {"ev":"air","seq":..,"timed":..,"errorUs":..,"startHr":..,"repeatIndex":..}
 *     every transmission as it ends; startHr = start on the system-wide
 *     monotonic clock (process.hrtime, ms), comparable across processes
 *   {"ev":"nack","reason":..} and {"ev":"stats",...}
 * stdin, one command a line: `garbage` (noise, a half frame and a bad CRC
 * toward the controller), `noise BYTES_PER_S SECONDS` (random bytes toward the
 * controller, in 10 ms chunks), `fault NAME on|off` (busy, queueFull, ignoreHello,
 * mute), `stats`.
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { SerialPort } from 'serialport';
import { encodeCclFrame } from '@crowdcue/protocol';
import { VirtualTransmitter, type DeviceFaults } from '@crowdcue/simulator/node';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: serial-device-child.ts PATH\n');
  process.exit(2);
}

// performance.now() + this = process.hrtime in ms: the same clock in every process on this machine.
const hrOffsetMs = Number(process.hrtime.bigint()) / 1e6 - performance.now();
const say = (o: Record<string, unknown>) => process.stdout.write(JSON.stringify(o) + '\n');

const device = new VirtualTransmitter({ name: 'e2e pty device', statusIntervalMs: 500 });
let port: SerialPort | undefined;
let stopped = false;

device.onAir((tx) => say({ ev: 'air', seq: tx.seq, timed: tx.timed, errorUs: tx.errorUs, startHr: tx.startHostMs + hrOffsetMs, repeatIndex: tx.repeatIndex, rf: Buffer.from(tx.rf).toString('hex') }));
device.onEvent((e) => {
  if (e.kind === 'nack') say({ ev: 'nack', reason: e.reason });
});

function open(): void {
  if (stopped) return;
  const p = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  p.on('error', () => undefined);
  p.open((err) => {
    if (err) {
      setTimeout(open, 50);
      return;
    }
    port = p;
    device.attach(p, path);
    // The device clock against the shared monotonic clock, so tests can check the controller's estimate.
    say({ ev: 'open', clockUs: device.nowUs(), clockHr: performance.now() + hrOffsetMs });
    p.once('close', () => {
      port = undefined;
      device.detach('port closed');
      say({ ev: 'closed' });
      setTimeout(open, 50);
    });
  });
}

function garbage(): void {
  if (!port) return;
  const pong = encodeCclFrame(77, { type: 'PONG', data: new Uint8Array([1, 2, 3]) });
  const badCrc = pong.slice();
  badCrc[3] ^= 0x55;
  port.write(Buffer.from([0x42, 0x13, 0x37, 0xff, 0x00]));
  port.write(Buffer.from(pong.slice(0, 5)));
  port.write(Buffer.from([0x00]));
  port.write(Buffer.from(badCrc));
}

function noise(bytesPerS: number, seconds: number): void {
  const chunk = Math.max(1, Math.round(bytesPerS / 100));
  const until = performance.now() + seconds * 1000;
  const timer = setInterval(() => {
    if (performance.now() >= until || !port) {
      clearInterval(timer);
      say({ ev: 'noise-done' });
      return;
    }
    port.write(randomBytes(chunk));
  }, 10);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, name, value] = line.trim().split(/\s+/);
  if (cmd === 'garbage') garbage();
  else if (cmd === 'noise') noise(Number(name), Number(value));
  else if (cmd === 'fault') (device.faults as unknown as Record<string, boolean>)[name as keyof DeviceFaults] = value === 'on';
  else if (cmd === 'stats') say({ ev: 'stats', ...device.stats() });
  else if (cmd === 'exit') shutdown();
});

function shutdown(): void {
  stopped = true;
  device.close();
  port?.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 300).unref();
}
process.on('SIGTERM', shutdown);
process.stdin.on('end', shutdown);

open();
