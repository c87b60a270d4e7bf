/** The device on one end of a real pseudo-terminal pair, the host (serialport) on the other. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCclFrame } from '@crowdcue/protocol';
import type { OnAirTransmission } from './on-air';
import { hasSocat, openPtyPair } from './pty-pair';
import { startDeviceWorker } from './device-worker-client';
import { openSerialDevice } from './serial-device';
import { TestHost } from './test-host';
import { VirtualTransmitter } from './virtual-transmitter';

const socat = hasSocat();
if (!socat) console.warn('serial-device.test: socat is not installed; skipping the pseudo-terminal tests (apt-get install socat)');

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function openHost(path: string): Promise<{ port: SerialPort; host: TestHost }> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  cleanup.push(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  return { port, host: new TestHost(port) };
}

/**
 * Waits for `done()`, checked every 10 ms, for at most `ms`; past it fails
 * naming what it waited for and the device's own account of its port (a
 * loaded machine is slow here, and a bare timeout would not say which step).
 */
async function until(done: () => boolean, what: string, log: readonly string[], ms = 20_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`waited ${ms} ms for ${what}; the device's port said:\n${log.join('\n') || '(nothing)'}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const send = (seq: number) =>
  ({ type: 'SEND', timed: false, priority: false, repeat: 1, gapMs: 2, rf: Uint8Array.of(3, seq, 3, 0, 128) }) as const;

describe.skipIf(!socat && !process.env.CI)('serial device over a socat pty pair', () => {
  it('speaks CCL over the tty, drops line garbage and half frames, and keeps working', async () => {
    const pair = await openPtyPair();
    cleanup.push(() => pair.close());
    const serial = openSerialDevice(pair.paths[0], { deviceOptions: { name: 'pty', statusIntervalMs: 0 } });
    cleanup.push(() => serial.close());
    await serial.opened();
    const { host } = await openHost(pair.paths[1]);

    expect(await host.request({ type: 'HELLO' })).toMatchObject({ type: 'INFO', name: 'pty', queueCap: 32 });
    const aired: OnAirTransmission[] = [];
    serial.device.onAir((tx) => aired.push(tx));
    expect(await host.request(send(4))).toEqual({ type: 'ACK', queued: 1 });

    // Noise on the line, a frame cut in half by a delimiter, then a good request.
    host.writeRaw(Uint8Array.of(0x13, 0x37, 0xff, 0xff, 0x00));
    host.writeRaw(encodeCclFrame(200, { type: 'TIME' }).subarray(0, 4));
    host.writeRaw(Uint8Array.of(0x00));
    expect(await host.request({ type: 'PING', data: Uint8Array.of(1, 2) })).toEqual({ type: 'PONG', data: Uint8Array.of(1, 2) });
    expect(serial.device.stats().dropped).toBe(2);

    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (aired.length >= 2) resolve(clearInterval(timer));
      }, 5);
    });
    expect(aired.map((t) => [t.seq, t.repeatIndex])).toEqual([
      [4, 0],
      [4, 1],
    ]);
  });

  it('re-opens its path when the pty pair comes back, with queue and counters intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crowdcue-pty-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const links: [string, string] = [join(dir, 'device'), join(dir, 'host')];
    const device = new VirtualTransmitter({ statusIntervalMs: 0 });
    cleanup.push(() => device.close());
    const events: string[] = [];
    device.onEvent((e) => events.push(e.kind));

    const log: string[] = [];
    let pair = await openPtyPair({ links });
    const serial = openSerialDevice(links[0], { device, retryMs: 50, log: (line) => log.push(`${Math.round(performance.now())} ${line}`) });
    cleanup.push(() => serial.close());
    await serial.opened();
    let { host, port } = await openHost(links[1]);
    await host.request(send(1));

    // Unplug: socat goes away, both ends vanish.
    await new Promise<void>((resolve) => port.close(() => resolve()));
    await pair.close();
    await until(() => !device.connected, 'the device to see its port go', log);

    // Plug back in under the same names.
    pair = await openPtyPair({ links });
    cleanup.push(() => pair.close());
    await until(() => device.connected, 'the device to open the new pty under the old name', log);
    ({ host, port } = await openHost(links[1]));
    expect(await host.request({ type: 'HELLO' })).toMatchObject({ type: 'INFO' });
    expect(device.stats().sent).toBe(2);
    expect(events.filter((k) => k === 'attached').length).toBe(2);
  }, 60_000);
});

describe.skipIf(!socat && !process.env.CI)('device worker on a pty (tty link)', () => {
  it('speaks CCL from its worker thread over one end while the host uses serialport on the other', async () => {
    const pair = await openPtyPair();
    cleanup.push(() => pair.close());
    const dw = await startDeviceWorker({ name: 'tty worker', statusIntervalMs: 0, link: { kind: 'tty', path: pair.paths[0] } });
    cleanup.push(() => dw.close());
    expect(dw.address).toBe(`serial:${pair.paths[0]}`);
    const { host } = await openHost(pair.paths[1]);
    expect(await host.request({ type: 'HELLO' })).toMatchObject({ type: 'INFO', name: 'tty worker' });
    const aired = new Promise<OnAirTransmission>((r) => dw.onAir(r));
    host.writeRaw(Uint8Array.of(0x42, 0x42, 0x00)); // noise first
    expect(await host.request(send(8))).toEqual({ type: 'ACK', queued: 1 });
    expect((await aired).seq).toBe(8);
    expect(await dw.stats()).toMatchObject({ dropped: 1 });
  });
});
