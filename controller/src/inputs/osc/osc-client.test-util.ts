/**
 * A show-caller for the tests: a UDP socket on loopback that sends OSC
 * packets the test builds (osc-min's encoder, or raw bytes) and keeps every
 * reply, decoded, to wait on.
 */
import { createSocket, type Socket } from 'node:dgram';
import { fromBuffer, toBuffer, type OscArgInput, type OscMessageOutput, type OscPacketInput } from 'osc-min';

export interface Received {
  address: string;
  args: Array<{ type: string; value: unknown }>;
}

export class OscTestClient {
  readonly received: Received[] = [];
  private constructor(
    private readonly socket: Socket,
    private readonly to: number,
  ) {
    socket.on('message', (bytes) => {
      const p = fromBuffer(bytes);
      const walk = (x: typeof p): void => {
        if (x.oscType === 'message') this.received.push({ address: x.address, args: (x as OscMessageOutput).args as Received['args'] });
        else x.elements.forEach(walk);
      };
      walk(p);
    });
  }

  /** `from`: the loopback address to send from (any of 127.0.0.0/8 on Linux). */
  static async open(serverPort: number, from = '127.0.0.1'): Promise<OscTestClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, from, r));
    return new OscTestClient(socket, serverPort);
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(address: string, ...args: OscArgInput[]): void {
    this.sendPacket({ address, args });
  }

  sendPacket(packet: OscPacketInput): void {
    const dv = toBuffer(packet);
    this.sendRaw(new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength));
  }

  sendRaw(bytes: Uint8Array): void {
    this.socket.send(bytes, this.to, '127.0.0.1');
  }

  /** Waits for a reply matching `match`, taken from the received list (so the next wait sees the next one). */
  async next(match: (m: Received) => boolean, timeoutMs = 3000): Promise<Received> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const at = this.received.findIndex(match);
      if (at >= 0) return this.received.splice(at, 1)[0];
      if (Date.now() > end) throw new Error(`no reply matching in ${timeoutMs} ms; got ${JSON.stringify(this.received.slice(-10))}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** The reply to a command: `/crowdcue/ok` or `/crowdcue/error` naming `address`. */
  reply(address: string): Promise<Received> {
    return this.next((m) => (m.address === '/crowdcue/ok' || m.address === '/crowdcue/error') && m.args[0]?.value === address);
  }

  close(): Promise<void> {
    return new Promise((r) => this.socket.close(() => r()));
  }
}

export const i = (value: number): OscArgInput => ({ type: 'integer', value });
export const f = (value: number): OscArgInput => ({ type: 'float', value });
export const s = (value: string): OscArgInput => ({ type: 'string', value });
