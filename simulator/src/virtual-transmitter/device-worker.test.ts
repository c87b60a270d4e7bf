/** The device in a worker thread: same behaviour, and a blocked host thread cannot make it fire late. */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { U32 } from './device-time';
import { startDeviceWorker, type DeviceWorker } from './device-worker-client';
import type { OnAirTransmission } from './on-air';
import { TestHost } from './test-host';

const workers: DeviceWorker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.close();
});

const rf = (seq: number) => Uint8Array.of(1, seq, 3, 0, 255);

describe('DeviceWorker', () => {
  it('answers over the in-process link, starts a timed SEND while this thread is blocked, takes faults and reconnects', async () => {
    const dw = await startDeviceWorker({ name: 'worker', statusIntervalMs: 0 });
    workers.push(dw);
    const host = new TestHost(dw.connect());
    expect(await host.request({ type: 'HELLO' })).toMatchObject({ type: 'INFO', name: 'worker' });
    const clock = await host.request({ type: 'TIME' });
    if (clock.type !== 'CLOCK') throw new Error('expected CLOCK');
    const aired = new Promise<OnAirTransmission>((r) => dw.onAir(r));
    const atUs = (clock.nowUs + 300_000) % U32;
    await host.request({ type: 'SEND', timed: true, priority: false, repeat: 0, gapMs: 0, atUs, rf: rf(3) });
    // Hog this thread across the due time: a device on this event loop could not start until we let go.
    const hogUntil = performance.now() + 600;
    while (performance.now() < hogUntil) {
      /* busy host */
    }
    const tx = await aired;
    expect(tx.dueUs).toBe(atUs);
    expect(tx.errorUs).toBeGreaterThanOrEqual(0);
    // It went on air while this thread was still busy (host times converted to this thread's clock).
    expect(tx.startHostMs).toBeLessThan(hogUntil);
    expect(await dw.stats()).toMatchObject({ sent: 1, connected: true });
    expect((await dw.onAirRecord()).map((t) => t.seq)).toEqual([3]);

    // Faults switch on and off from this thread; a new connection replaces the old one.
    dw.setFaults({ busy: true });
    expect(await host.request({ type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf: rf(1) })).toEqual({
      type: 'NACK',
      reason: 'BUSY',
    });
    dw.setFaults({ busy: false });
    const again = new TestHost(dw.connect());
    expect(await again.request({ type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf: rf(1) })).toEqual({
      type: 'ACK',
      queued: 1,
    });
  });

  it('listens on TCP from the worker', async () => {
    const dw = await startDeviceWorker({ link: { kind: 'tcp', port: 0 }, statusIntervalMs: 0 });
    workers.push(dw);
    const m = /^tcp:\/\/127\.0\.0\.1:(\d+)$/.exec(dw.address);
    expect(m).not.toBeNull();
    const socket = connect(Number(m?.[1]), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const host = new TestHost(socket);
    expect(await host.request({ type: 'PING', data: Uint8Array.of(4) })).toEqual({ type: 'PONG', data: Uint8Array.of(4) });
    socket.destroy();
  });
});
