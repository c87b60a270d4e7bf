/**
 * The CCL driver's side of fencing (PROTOCOL.md 1.8): its HELLO carries the
 * vector's bytes, a newer controller on the same device fences the older one
 * for good (no reconnecting, no taking it back), and a device without the
 * extension is driven with a plain HELLO.
 */
import { CclStreamDecoder, encodeCclFrame, toHex, type CclHostMessage } from '@crowdcue/protocol';
import vectors from '@crowdcue/protocol/vectors.json';
import { duplexPair, listenTcp, VirtualTransmitter, type TcpDeviceListener } from '@crowdcue/simulator/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CclTransmitter, FENCED_REASON } from './ccl-transmitter';
import { duplexTransport } from './duplex-transport';
import { monotonicScheduler } from './monotonic-scheduler';
import { openTransmitter, type OpenedTransmitter } from './open-transmitter';

const FAST = { helloTimeoutMs: 150, helloAttempts: 2, pingEveryMs: 50, downAfterMs: 400, replyTimeoutMs: 200, clockBurst: 2 };
const helloVector = vectors.ccl.find((v) => v.name === 'hello fenced')!;

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function tcpDevice(): Promise<{ device: VirtualTransmitter; listener: TcpDeviceListener }> {
  const device = new VirtualTransmitter({ statusIntervalMs: 0 });
  const listener = await listenTcp(device, 0);
  cleanup.push(() => device.close(), () => listener.close());
  return { device, listener };
}

function driver(url: string, controllerId: number, epoch: number, onFenced?: (id: string, reason: string) => void): OpenedTransmitter {
  const t = openTransmitter(url, { reconnectMinMs: 20, reconnectMaxMs: 50, ccl: { ...FAST, fence: { controllerId, epoch, onFenced } } });
  cleanup.push(() => t.stop());
  return t;
}

describe('CCL driver fencing', () => {
  it('a newer epoch takes the device; the older controller is fenced and stays off', async () => {
    const { device, listener } = await tcpDevice();
    const url = `tcp://127.0.0.1:${listener.port}`;
    const fencedA = vi.fn();
    const a = driver(url, 0xa, 1, fencedA);
    await a.start();
    expect(a.health().state).toBe('up');
    expect(device.fenceHolder).toEqual({ controllerId: 0xa, epoch: 1 });

    // The backup takes over with a newer epoch: the old link is replaced, and A,
    // reconnecting, is refused and lets go instead of fighting for the device.
    const b = driver(url, 0xb, 2);
    await b.start();
    await vi.waitFor(() => expect(fencedA).toHaveBeenCalledTimes(1), { timeout: 3000 });
    await vi.waitFor(() => expect(b.health().state).toBe('up'), { timeout: 3000 });
    expect(a.health()).toMatchObject({ state: 'down', lastError: FENCED_REASON });
    expect(device.fenceHolder).toEqual({ controllerId: 0xb, epoch: 2 });
    expect(device.stats().nacks.FENCED).toBeGreaterThanOrEqual(1);

    // A stays off: B keeps the device over several of A's would-be retry periods.
    const reconnectsBefore = b.health().reconnects ?? 0;
    await new Promise((r) => setTimeout(r, 300));
    expect(a.health().state).toBe('down');
    expect(b.health()).toMatchObject({ state: 'up', reconnects: reconnectsBefore });
  });

  it('sends the vector bytes in HELLO and falls back to a plain HELLO on a device without the extension', async () => {
    const device = new VirtualTransmitter({ statusIntervalMs: 0 });
    cleanup.push(() => device.close());
    const hellos: string[] = [];
    // A device without the extension: a HELLO with a payload is BAD_FRAME to it (spec 1.2 step 6).
    const open = () => {
      const [hostSide, legacySide] = duplexPair();
      const toDevice = device.connect('legacy');
      const decoder = new CclStreamDecoder({ parse: { from: 'host' } });
      legacySide.on('data', (chunk: Buffer) => {
        for (const item of decoder.push(chunk)) {
          if (item.kind !== 'frame') continue;
          const { seq, message } = item.frame as { seq: number; message: CclHostMessage };
          if (message.type === 'HELLO') {
            hellos.push(message.controllerId === undefined ? 'plain' : toHex(encodeCclFrame(helloVector.seq, message)));
            if (message.controllerId !== undefined) {
              legacySide.write(encodeCclFrame(seq, { type: 'NACK', reason: 'BAD_FRAME' }));
              continue;
            }
          }
          toDevice.write(encodeCclFrame(seq, message));
        }
      });
      toDevice.on('data', (b: Buffer) => legacySide.write(b));
      return hostSide;
    };
    const t = new CclTransmitter({
      id: 'legacy',
      url: 'legacy',
      coverage: 'ALL',
      transport: duplexTransport('legacy device', open),
      scheduler: monotonicScheduler,
      ...FAST,
      fence: { controllerId: 0x1234abcd, epoch: 3 },
    });
    cleanup.push(() => t.stop());
    await t.start();
    expect(t.health().state).toBe('up');
    expect(hellos).toEqual([helloVector.wire, 'plain']);
  });
});
