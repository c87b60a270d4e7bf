/** The CCL driver over TCP (a ser2net-style bridge) to the simulator's device. */
import { encodeCcb } from '@crowdcue/protocol';
import { listenTcp, VirtualTransmitter, type TcpDeviceListener } from '@crowdcue/simulator/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTransmitter, type OpenedTransmitter } from './open-transmitter';
import type { PlannedPacket } from './types';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const packet = (seq: number): PlannedPacket => ({
  seq,
  rf: encodeCcb({ site: 1, seq, target: { kind: 'ZONES', zones: [3] }, cmd: 'COLOR', rgb: [seq, 0, 0], fadeMs: 0 }),
  zones: [3],
  atMs: performance.now() + 30,
  priority: false,
  repeat: 0,
  gapMs: 0,
  purpose: 'cue',
});

async function bridge(port = 0): Promise<{ device: VirtualTransmitter; listener: TcpDeviceListener }> {
  const device = new VirtualTransmitter({ name: 'bridged' });
  const listener = await listenTcp(device, port);
  cleanup.push(() => device.close());
  return { device, listener };
}

describe('CCL driver over TCP', () => {
  it('connects through the bridge and puts timed packets on air', async () => {
    const { device, listener } = await bridge();
    cleanup.push(() => listener.close());
    const tx: OpenedTransmitter = openTransmitter(`tcp://127.0.0.1:${listener.port}?zones=3-5&id=bridge`);
    cleanup.push(() => tx.stop());
    await tx.start();
    expect(tx.id).toBe('bridge');
    expect(tx.coverage).toEqual([3, 4, 5]);
    expect(tx.capabilities()?.name).toBe('bridged');
    tx.send(packet(1));
    await vi.waitFor(() => expect(device.onAirRecord().length).toBe(1), { timeout: 2000 });
    expect(device.onAirRecord()[0].timed).toBe(true);
  });

  it('reports a refused connection and reconnects when the bridge comes back', async () => {
    const { listener } = await bridge();
    const port = listener.port;
    await listener.close();
    const reconnected = vi.fn();
    const tx = openTransmitter(`tcp://127.0.0.1:${port}`, { reconnectMinMs: 20, reconnectMaxMs: 100, onReconnect: reconnected });
    cleanup.push(() => tx.stop());
    await tx.start();
    expect(tx.health().state).toBe('down');
    expect(tx.health().lastError).toMatch(/cannot connect to 127\.0\.0\.1:\d+/);
    const again = await bridge(port);
    cleanup.push(() => again.listener.close());
    await vi.waitFor(() => expect(tx.health().state).toBe('up'), { timeout: 3000 });
    // Never up before, so this first success is a connect, not a reconnect.
    expect(reconnected).not.toHaveBeenCalled();
    // The bridge drops the connection: the driver notices and comes back by itself.
    await again.listener.close();
    await vi.waitFor(() => expect(tx.health().state).not.toBe('up'), { timeout: 3000 });
    const third = await bridge(port);
    cleanup.push(() => third.listener.close());
    await vi.waitFor(() => expect(reconnected).toHaveBeenCalledTimes(1), { timeout: 3000 });
    tx.send(packet(2));
    await vi.waitFor(() => expect(third.device.onAirRecord().length).toBe(1), { timeout: 2000 });
  });
});
