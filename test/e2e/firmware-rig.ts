/**
 * The reference transmitter firmware (controller/firmware) as a device on a
 * pseudo-terminal, for the end-to-end test and the benchmark: `make` builds the
 * AVR firmware and the simavr harness, the harness runs the .elf with its UART
 * on a pty and a simulated RFM69 on SPI, and reports every CCL frame on the
 * line and every transmission in simulated time (one JSON object a line).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CclStreamDecoder, fromHex, wrapDiffUs, type CclDeviceMessage, type CclHostMessage } from '@crowdcue/protocol';

export const FIRMWARE_DIR = fileURLToPath(new URL('../../controller/firmware/', import.meta.url));
export const FIRMWARE_ELF = join(FIRMWARE_DIR, 'build/ccl-transmitter.elf');
const HARNESS = join(FIRMWARE_DIR, 'sim/build/ccl-sim');

/** What building and simulating the firmware needs: avr-gcc, avr-libc and libsimavr's headers. */
export function missingFirmwareTools(): string[] {
  const missing: string[] = [];
  const has = (cmd: string) => {
    try {
      execFileSync(cmd, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!has('avr-gcc')) missing.push('gcc-avr');
  if (!existsSync('/usr/lib/avr/include/avr/io.h')) missing.push('avr-libc');
  if (!existsSync('/usr/include/simavr/sim_avr.h')) missing.push('libsimavr-dev');
  return missing;
}

/**
 * Builds the firmware and the harness (make is incremental: quick when nothing
 * changed). Test files run in parallel workers: flock keeps two makes off the
 * same build directory.
 */
export function buildFirmware(): void {
  execFileSync('flock', [join(tmpdir(), 'crowdcue-firmware-build.lock'), 'make', '-s', '-C', FIRMWARE_DIR], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** One transmission as the simulated radio saw it. */
export interface FirmwareAir {
  ev: 'air';
  /** Simulated time (cycles / 16 MHz), us. */
  startUs: number;
  endUs: number;
  /** The firmware's own clock at the start (what at_us is compared with). */
  deviceStartUs: number;
  rf: string;
  aborted: boolean;
}
export interface FirmwareFrame {
  ev: 'frame';
  dir: 'host' | 'device';
  us: number;
  hex: string;
}
type SimLine = FirmwareAir | FirmwareFrame | { ev: 'ready'; pty: string; link: string } | { ev: 'stats'; simUs: number; wallUs: number; behindMaxUs: number };

export interface FirmwareSim {
  /** The pty path a host opens. */
  path: string;
  air(): FirmwareAir[];
  frames(): FirmwareFrame[];
  close(): Promise<void>;
}

export async function startFirmwareSim(): Promise<FirmwareSim> {
  const dir = await mkdtemp(join(tmpdir(), 'crowdcue-fw-'));
  const path = join(dir, 'transmitter');
  const child: ChildProcess = spawn(HARNESS, [FIRMWARE_ELF, '--link', path], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: SimLine[] = [];
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`firmware harness did not start: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`firmware harness exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (l) => {
      if (!l.startsWith('{')) return; // simavr's own start-up lines
      const line = JSON.parse(l) as SimLine;
      lines.push(line);
      if (line.ev === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await ready;
  return {
    path,
    air: () => lines.filter((l): l is FirmwareAir => l.ev === 'air'),
    frames: () => lines.filter((l): l is FirmwareFrame => l.ev === 'frame'),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Every frame on the line, decoded, with its simulated time. */
export function decodeLine(frames: FirmwareFrame[]): Array<{ dir: 'host' | 'device'; us: number; seq: number; message: CclHostMessage | CclDeviceMessage }> {
  const decoders = { host: new CclStreamDecoder({ parse: { from: 'host' } }), device: new CclStreamDecoder({ parse: { from: 'device' } }) };
  const out: Array<{ dir: 'host' | 'device'; us: number; seq: number; message: CclHostMessage | CclDeviceMessage }> = [];
  for (const f of frames) {
    for (const item of decoders[f.dir].push(fromHex(f.hex))) {
      if (item.kind === 'frame') out.push({ dir: f.dir, us: f.us, seq: item.frame.seq, message: item.frame.message });
    }
  }
  return out;
}

export interface TimedStart {
  /** Actual start minus at_us on the device's own clock, us (>= 0 is late). */
  errorUs: number;
  rf: string;
  /** The channel was still busy at at_us (the transmission before it, plus 1 ms of quiet): it had to wait, by the rules. */
  channelBusy: boolean;
}

/**
 * Each timed SEND the device ACKed, matched to the first transmission of its
 * rf after it: how far from at_us it went on air, on the device clock.
 */
export function timedStarts(sim: { air(): FirmwareAir[]; frames(): FirmwareFrame[] }): TimedStart[] {
  const line = decodeLine(sim.frames());
  const air = sim.air();
  const out: TimedStart[] = [];
  const used = new Set<FirmwareAir>();
  for (let i = 0; i < line.length; i++) {
    const f = line[i];
    if (f.dir !== 'host' || f.message.type !== 'SEND' || !f.message.timed || f.message.atUs === undefined) continue;
    const answer = line.slice(i + 1).find((a) => a.dir === 'device' && a.seq === f.seq && (a.message.type === 'ACK' || a.message.type === 'NACK'));
    if (answer?.message.type !== 'ACK') continue;
    const rf = Buffer.from(f.message.rf).toString('hex');
    const tx = air.find((a) => !used.has(a) && a.rf === rf && a.startUs >= f.us);
    if (!tx) continue;
    used.add(tx);
    const prev = air[air.indexOf(tx) - 1];
    const channelBusy = prev !== undefined && wrapDiffUs(Math.round(prev.deviceStartUs + (prev.endUs - prev.startUs) + 1000), f.message.atUs) > 0;
    const whole = Math.floor(tx.deviceStartUs);
    out.push({ errorUs: wrapDiffUs(whole, f.message.atUs) + (tx.deviceStartUs - whole), rf, channelBusy });
  }
  return out;
}

/** The most SENDs the device said it held (ACK `queued` counts the one just taken). */
export function largestQueue(sim: { frames(): FirmwareFrame[] }): number {
  let max = 0;
  for (const f of decodeLine(sim.frames())) {
    if (f.dir === 'device' && (f.message.type === 'ACK' || f.message.type === 'STATUS')) max = Math.max(max, f.message.queued);
  }
  return max;
}
