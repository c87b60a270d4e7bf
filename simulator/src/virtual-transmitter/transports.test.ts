/** The device on its real clock, over the in-process link and over TCP. */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { airtimeUs } from '@crowdcue/protocol';
import { U32, wrapDeltaUs } from './device-time';
import type { OnAirTransmission } from './on-air';
import { listenTcp, type TcpDeviceListener } from './tcp-listener';
import { TestHost } from './test-host';
import { createVirtualLink, VirtualTransmitter } from './virtual-transmitter';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const rf = (seq: number) => Uint8Array.of(3, seq, 1, 0, 255, 0, 0, 0, 0);

function nextAir(device: VirtualTransmitter): Promise<OnAirTransmission> {
  return new Promise((resolve) => {
    const off = device.onAir((tx) => {
      off();
      resolve(tx);
    });
  });
}

describe('virtual link (real clock)', () => {
  it('answers HELLO and TIME, and starts a timed SEND at its at_us, never early, across the u32 wrap', async () => {
    // Starts 150 ms before the u32 wrap and runs 100 ppm fast, so it differs from the host in every way.
    const { hostSide, device } = createVirtualLink({ name: 'wrap test', clockStartUs: U32 - 150_000, clockDriftPpm: 100 });
    cleanup.push(() => device.close());
    const host = new TestHost(hostSide);
    expect(await host.request({ type: 'HELLO' })).toMatchObject({ type: 'INFO', name: 'wrap test', rfMax: 48 });
    const clock = await host.request({ type: 'TIME' });
    if (clock.type !== 'CLOCK') throw new Error(`expected CLOCK, got ${clock.type}`);

    const atUs = (clock.nowUs + 200_000) % U32; // lands past the wrap, with room for a slow machine
    const aired = nextAir(device);
    expect(await host.request({ type: 'SEND', timed: true, priority: false, repeat: 0, gapMs: 0, atUs, rf: rf(5) })).toEqual({
      type: 'ACK',
      queued: 1,
    });
    const tx = await aired;
    expect(tx.seq).toBe(5);
    expect(tx.dueUs).toBe(atUs);
    expect(tx.errorUs).toBeGreaterThanOrEqual(0);
    expect(wrapDeltaUs(tx.startUs, atUs)).toBeGreaterThanOrEqual(0);
    expect(((tx.endUs - tx.startUs + U32) % U32)).toBe(airtimeUs(9, 38400, 13));
    expect(tx.endHostMs - tx.startHostMs).toBeCloseTo(airtimeUs(9, 38400, 13) / 1000, 6);
    // How late is a figure for the benchmark, not a pass/fail limit; the count must agree with it.
    expect(device.stats()).toMatchObject({ sent: 1, late: (tx.errorUs ?? 0) > 1000 ? 1 : 0 });
  });

  it('reconnects: a new host side replaces the old one; the device keeps its counters', async () => {
    const { hostSide, device } = createVirtualLink();
    cleanup.push(() => device.close());
    const host = new TestHost(hostSide);
    await host.request({ type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf: rf(1) });
    hostSide.destroy();
    const host2 = new TestHost(device.connect());
    expect(await host2.request({ type: 'PING', data: Uint8Array.of(9) })).toEqual({ type: 'PONG', data: Uint8Array.of(9) });
    expect(device.stats().sent).toBe(1);
  });
});

describe('TCP listener', () => {
  async function open(listener: TcpDeviceListener) {
    const socket = connect(listener.port, listener.host);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    cleanup.push(() => socket.destroy());
    return new TestHost(socket);
  }

  it('serves one device; a second connection takes over from the first', async () => {
    const device = new VirtualTransmitter({ name: 'tcp' });
    cleanup.push(() => device.close());
    const listener = await listenTcp(device, 0);
    cleanup.push(() => listener.close());
    const a = await open(listener);
    expect(await a.request({ type: 'HELLO' })).toMatchObject({ type: 'INFO', name: 'tcp' });
    const aired = nextAir(device);
    await a.request({ type: 'SEND', timed: false, priority: true, repeat: 0, gapMs: 0, rf: rf(2) });
    expect((await aired).seq).toBe(2);
    const b = await open(listener);
    expect(await b.request({ type: 'TIME' })).toMatchObject({ type: 'CLOCK' });
    expect(device.stats()).toMatchObject({ sent: 1, connected: true });
  });

  it('gives each connection its own device with a factory', async () => {
    let made = 0;
    const listener = await listenTcp(() => new VirtualTransmitter({ name: `dev${++made}`, statusIntervalMs: 0 }), 0);
    cleanup.push(() => listener.close());
    const a = await open(listener);
    const b = await open(listener);
    const names = [await a.request({ type: 'HELLO' }), await b.request({ type: 'HELLO' })].map((m) =>
      m.type === 'INFO' ? m.name : m.type,
    );
    expect(names.sort()).toEqual(['dev1', 'dev2']);
  });
});
