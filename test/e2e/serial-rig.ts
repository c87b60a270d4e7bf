/**
 * A real serial path for end-to-end tests and benchmarks: a socat pty pair with
 * stable link names in a temp dir (so a "re-plugged" pair has the same paths),
 * and an independent CCL device (serial-device-child.ts) on the far end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openPtyPair, type PtyPair } from '@crowdcue/simulator/node';

export interface AirLine {
  ev: 'air';
  seq: number;
  timed: boolean;
  errorUs?: number;
  /** Start on the system-wide monotonic clock, ms. */
  startHr: number;
  repeatIndex: number;
  rf: string;
}
export type ChildLine = AirLine | { ev: 'open' | 'closed' | 'noise-done' } | { ev: 'nack'; reason: string } | { ev: 'stats'; [k: string]: unknown };

/** performance.now() of this process on the system-wide monotonic clock (ms). */
const hrOffsetMs = Number(process.hrtime.bigint()) / 1e6 - performance.now();
export const toHr = (perfMs: number): number => perfMs + hrOffsetMs;

export class ChildDevice {
  readonly lines: ChildLine[] = [];
  private waiters: Array<() => void> = [];

  constructor(readonly process: ChildProcess) {
    createInterface({ input: process.stdout! }).on('line', (l) => {
      try {
        this.lines.push(JSON.parse(l) as ChildLine);
      } catch {
        return;
      }
      for (const w of this.waiters) w();
    });
  }

  air(): AirLine[] {
    return this.lines.filter((l): l is AirLine => l.ev === 'air');
  }

  command(text: string): void {
    this.process.stdin?.write(text + '\n');
  }

  /** Resolves once `pred` holds over the lines so far; rejects after timeoutMs. */
  waitFor(pred: (lines: ChildLine[]) => boolean, timeoutMs = 5000, what = 'device output'): Promise<void> {
    if (pred(this.lines)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (!pred(this.lines)) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  kill(): Promise<void> {
    return new Promise((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) return resolve();
      this.process.once('exit', () => resolve());
      this.command('exit');
      setTimeout(() => this.process.kill('SIGKILL'), 1000).unref();
    });
  }
}

export interface PtyRig {
  /** The controller's end. */
  hostPath: string;
  devicePath: string;
  device: ChildDevice;
  pty: PtyPair;
  /** Tear the pty pair down (the cable is pulled). */
  unplug(): Promise<void>;
  /** Bring it back under the same paths. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

export async function startPtyRig(): Promise<PtyRig> {
  const dir = await mkdtemp(join(tmpdir(), 'crowdcue-pty-'));
  const hostPath = join(dir, 'controller');
  const devicePath = join(dir, 'transmitter');
  const links: [string, string] = [hostPath, devicePath];
  let pty: PtyPair | undefined = await openPtyPair({ links });
  const childPath = fileURLToPath(new URL('./serial-device-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', childPath, devicePath], { stdio: ['pipe', 'pipe', 'inherit'] });
  const device = new ChildDevice(child);
  await device.waitFor((ls) => ls.some((l) => l.ev === 'open'), 20_000, 'the device to open its port');
  const rig: PtyRig = {
    hostPath,
    devicePath,
    device,
    get pty() {
      return pty as PtyPair;
    },
    unplug: async () => {
      await pty?.close();
      pty = undefined;
    },
    replug: async () => {
      pty = await openPtyPair({ links });
    },
    close: async () => {
      await device.kill();
      await pty?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return rig;
}
