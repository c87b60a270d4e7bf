/**
 * The UDP socket a desk's data arrives on. sACN: bound on every address (so
 * both unicast and the universe's multicast group arrive), with the group
 * joined on the configured interface. Art-Net: the process's shared Art-Net
 * port (../artnet/artnet-port.ts), so Art-Net timecode can arrive on the same
 * port. Every datagram goes through the flood guard, then the protocol's
 * parser; refusals are counted by cause, never thrown.
 */
import { createSocket, type Socket } from 'node:dgram';
import { ARTNET_PORT } from '@crowdcue/protocol';
import { listenArtnet, type ArtnetLease } from '../artnet/artnet-port';
import { OP_DMX } from '../artnet/artnet-header';
import { FloodGuard, type FloodGuardOptions } from './flood-guard';
import { MalformedCounts } from './malformed-counts';
import type { DmxFrame } from './dmx-frame';
import { parseArtnet } from './artnet-packet';
import { parseSacn, SACN_PORT, sacnGroup } from './sacn-packet';

export type DmxProtocol = 'sacn' | 'artnet';

export interface DmxSocketOptions {
  protocol: DmxProtocol;
  /** Universes to take (others are ignored); null: every universe (the monitor). */
  universes: readonly number[] | null;
  /** Default 5568 / 6454; 0 picks a free port (tests). */
  port?: number;
  /** Local IPv4 address of the interface to join multicast on. */
  interface?: string;
  /** Address to bind; default every address. */
  bindAddress?: string;
  flood?: FloodGuardOptions;
  now?: () => number;
  onFrame: (frame: DmxFrame, nowMs: number) => void;
  /** A refused packet (already counted). */
  onMalformed?: (cause: string, detail: string, from: string) => void;
}

export class DmxSocket {
  readonly malformed = new MalformedCounts();
  /** sACN's own socket. */
  private readonly socket: Socket | undefined;
  /** Art-Net's place on the shared port. */
  private artnet: ArtnetLease | undefined;
  private readonly flood: FloodGuard;
  private readonly now: () => number;
  private boundPort = 0;
  private joined: string[] = [];

  constructor(private readonly opts: DmxSocketOptions) {
    this.flood = new FloodGuard(opts.flood);
    this.now = opts.now ?? (() => performance.now());
    if (opts.protocol === 'sacn') {
      this.socket = createSocket({ type: 'udp4', reuseAddr: true });
      this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo.address));
    }
  }

  /** Binds and joins; rejects with a sentence when the port cannot be had. */
  async start(): Promise<void> {
    const socket = this.socket;
    if (!socket) {
      this.artnet = await listenArtnet(
        { port: this.opts.port ?? ARTNET_PORT, bindAddress: this.opts.bindAddress },
        {
          opcodes: [OP_DMX],
          onPacket: (packet, from) => this.onMessage(packet, from),
          onMalformed: (cause, detail, from) => {
            this.malformed.add(cause);
            this.opts.onMalformed?.(cause, detail, from);
          },
        },
      );
      this.boundPort = this.artnet.port;
      return;
    }
    const port = this.opts.port ?? SACN_PORT;
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(new Error(`cannot listen for sACN on UDP port ${port}: ${err.message}`));
      socket.once('error', onError);
      socket.bind(port, this.opts.bindAddress ?? '0.0.0.0', () => {
        socket.off('error', onError);
        // Socket errors after binding (ICMP noise) are not the show's problem.
        socket.on('error', () => undefined);
        this.boundPort = socket.address().port;
        for (const u of this.opts.universes ?? []) {
          const group = sacnGroup(u);
          try {
            socket.addMembership(group, this.opts.interface);
            this.joined.push(group);
          } catch (err) {
            socket.close();
            reject(new Error(`cannot join sACN multicast ${group}${this.opts.interface ? ` on ${this.opts.interface}` : ''}: ${err instanceof Error ? err.message : String(err)}`));
            return;
          }
        }
        resolve();
      });
    });
  }

  get port(): number {
    return this.boundPort;
  }

  /** `0.0.0.0:5568, multicast 239.255.0.1` */
  get listening(): string {
    const bind = `${this.opts.bindAddress ?? '0.0.0.0'}:${this.boundPort}`;
    return this.joined.length > 0 ? `${bind}, multicast ${this.joined.join(', ')}${this.opts.interface ? ` on ${this.opts.interface}` : ''}` : bind;
  }

  close(): Promise<void> {
    const { socket, artnet } = this;
    this.artnet = undefined;
    if (artnet) return artnet.release();
    return new Promise((resolve) => {
      try {
        if (!socket) throw new Error('no socket');
        socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }

  private onMessage(msg: Buffer, from: string): void {
    const now = this.now();
    if (!this.flood.allow(from, now)) {
      this.malformed.add('rate-limited');
      return;
    }
    const parsed = this.opts.protocol === 'sacn' ? parseSacn(msg, from) : parseArtnet(msg, from);
    if (parsed.kind === 'malformed') {
      this.malformed.add(parsed.cause);
      this.opts.onMalformed?.(parsed.cause, parsed.detail, from);
      return;
    }
    if (parsed.kind === 'ignored') return;
    const u = this.opts.universes;
    if (u !== null && !u.includes(parsed.frame.universe)) return;
    this.opts.onFrame(parsed.frame, now);
  }
}
