/** Test senders: sACN through the `sacn` library's Sender, raw datagrams (Art-Net, hostile bytes) through dgram. */
import { createSocket, type Socket } from 'node:dgram';
import { Packet, Sender } from 'sacn';

export interface SacnTestSender {
  send(slots: Record<number, number>): Promise<void>;
  close(): void;
}

/** An sACN source on loopback (unicast to `port`, or multicast on 127.0.0.1 when `multicast`). */
export function sacnSender(opts: { universe: number; port: number; name: string; cidByte: number; priority?: number; multicast?: boolean }): SacnTestSender {
  const sender = new Sender({
    universe: opts.universe,
    port: opts.port,
    ...(opts.multicast ? { iface: '127.0.0.1', reuseAddr: true } : { useUnicastDestination: '127.0.0.1' }),
    defaultPacketOptions: { sourceName: opts.name, priority: opts.priority ?? 100, cid: Buffer.alloc(16, opts.cidByte), useRawDmxValues: true },
  });
  return { send: (slots) => sender.send({ payload: slots }), close: () => sender.close() };
}

/** A raw sACN data packet from the library, for tests that bend its bytes. */
export function sacnBytes(opts: { universe: number; slots: Record<number, number>; sequence: number; cidByte: number; name?: string; priority?: number }): Buffer {
  return new Packet({
    universe: opts.universe,
    payload: opts.slots,
    sequence: opts.sequence,
    sourceName: opts.name ?? 'bent',
    priority: opts.priority ?? 100,
    cid: Buffer.alloc(16, opts.cidByte),
    useRawDmxValues: true,
  }).buffer;
}

export class RawSender {
  private readonly socket: Socket = createSocket('udp4');
  constructor(private readonly port: number) {}
  send(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(bytes, this.port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  }
  close(): void {
    this.socket.close();
  }
}

export function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - t0 > timeoutMs) reject(new Error('timed out waiting'));
      else setTimeout(tick, 5);
    };
    tick();
  });
}
