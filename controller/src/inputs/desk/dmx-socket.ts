/**
 * The UDP socket a desk's data arrives on. sACN: bound on every address (so
 * both unicast and the universe's multicast group arrive), with the group
 * joined on the configured interface. Art-Net: bound on every address (its
 * broadcast arrives there). Every datagram goes through the flood guard, then
 * the protocol's parser; refusals are counted by cause, never thrown.
 */
import { createSocket, type Socket } from 'node:dgram';
import { FloodGuard, type FloodGuardOptions } from './flood-guard';
import { MalformedCounts } from './malformed-counts';
import type { DmxFrame } from './dmx-frame';
import { ARTNET_PORT, parseArtnet } from './artnet-packet';
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
  private readonly socket: Socket;
  private readonly flood: FloodGuard;
  private readonly now: () => number;
  private boundPort = 0;
  private joined: string[] = [];

  constructor(private readonly opts: DmxSocketOptions) {
    this.flood = new FloodGuard(opts.flood);
    this.now = opts.now ?? (() => performance.now());
    this.socket = createSocket({ type: 'udp4', reuseAddr: true });
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo.address));
  }

  /** Binds and joins; rejects with a sentence when the port cannot be had. */
  start(): Promise<void> {
    const { protocol } = this.opts;
    const port = this.opts.port ?? (protocol === 'sacn' ? SACN_PORT : ARTNET_PORT);
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(new Error(`cannot listen for ${protocol === 'sacn' ? 'sACN' : 'Art-Net'} on UDP port ${port}: ${err.message}`));
      this.socket.once('error', onError);
      this.socket.bind(port, this.opts.bindAddress ?? '0.0.0.0', () => {
        this.socket.off('error', onError);
        // Socket errors after binding (ICMP noise) are not the show's problem.
        this.socket.on('error', () => undefined);
        this.boundPort = this.socket.address().port;
        if (protocol === 'sacn') {
          for (const u of this.opts.universes ?? []) {
            const group = sacnGroup(u);
            try {
              this.socket.addMembership(group, this.opts.interface);
              this.joined.push(group);
            } catch (err) {
              this.socket.close();
              reject(new Error(`cannot join sACN multicast ${group}${this.opts.interface ? ` on ${this.opts.interface}` : ''}: ${err instanceof Error ? err.message : String(err)}`));
              return;
            }
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
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
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
