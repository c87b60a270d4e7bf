/**
 * One UDP socket per Art-Net port, shared by everything in the process that
 * listens for Art-Net (the desk input's ArtDmx, the timecode source's
 * ArtTimeCode, the monitor). Two sockets bound to one port with SO_REUSEADDR
 * would each see broadcasts, but the kernel hands a unicast datagram to only
 * one of them: a desk unicasting both DMX and timecode to the controller
 * would lose one of the two. Here the socket reads the header once and hands
 * each packet to the users of its OpCode; bytes that are not Art-Net go to
 * every user's malformed count. The socket closes when its last user leaves.
 */
import { createSocket, type Socket } from 'node:dgram';
import { readArtnetHeader } from './artnet-header';

export interface ArtnetUser {
  /** OpCodes this user takes; packets of other OpCodes (ArtPoll, ...) never reach it. */
  opcodes: readonly number[];
  onPacket(packet: Buffer, from: string): void;
  /** Bytes on the port that are not an Art-Net packet. */
  onMalformed?(cause: 'too-short' | 'not-artnet', detail: string, from: string): void;
}

export interface ArtnetListenOptions {
  /** UDP port; 0 picks a free one (never shared). */
  port: number;
  /** Address to bind; default every address. */
  bindAddress?: string;
}

export interface ArtnetLease {
  /** The port bound. */
  readonly port: number;
  readonly bindAddress: string;
  /** Stops delivering to this user; the last one out closes the socket. */
  release(): Promise<void>;
}

interface SharedPort {
  key: string;
  socket: Socket;
  users: Set<ArtnetUser>;
  bound: Promise<number>;
}

const ports = new Map<string, SharedPort>();
let unshared = 0;

/** Starts taking Art-Net on a port for `user`; rejects with a sentence when the port cannot be had. */
export async function listenArtnet(options: ArtnetListenOptions, user: ArtnetUser): Promise<ArtnetLease> {
  const bindAddress = options.bindAddress ?? '0.0.0.0';
  const key = options.port === 0 ? `unshared-${unshared++}` : `${bindAddress}:${options.port}`;
  let shared = ports.get(key);
  if (!shared) {
    shared = openPort(key, options.port, bindAddress);
    ports.set(key, shared);
  }
  shared.users.add(user);
  let port: number;
  try {
    port = await shared.bound;
  } catch (err) {
    shared.users.delete(user);
    throw err;
  }
  const owner = shared;
  let released = false;
  return {
    port,
    bindAddress,
    release: async () => {
      if (released) return;
      released = true;
      owner.users.delete(user);
      if (owner.users.size > 0) return;
      if (ports.get(owner.key) === owner) ports.delete(owner.key);
      await new Promise<void>((resolve) => {
        try {
          owner.socket.close(() => resolve());
        } catch {
          resolve(); // already closed after a failed bind
        }
      });
    },
  };
}

/** How many users share the socket on `port` (tests, status). */
export function artnetUsers(port: number, bindAddress = '0.0.0.0'): number {
  return ports.get(`${bindAddress}:${port}`)?.users.size ?? 0;
}

function openPort(key: string, port: number, bindAddress: string): SharedPort {
  // reuseAddr: another Art-Net program on this host (a visualiser, a second
  // monitor) can still bind the port and see the broadcasts.
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const users = new Set<ArtnetUser>();
  socket.on('message', (packet, rinfo) => {
    const header = readArtnetHeader(packet);
    if (!header.ok) {
      for (const u of users) u.onMalformed?.(header.cause, header.detail, rinfo.address);
      return;
    }
    for (const u of users) if (u.opcodes.includes(header.opcode)) u.onPacket(packet, rinfo.address);
  });
  const bound = new Promise<number>((resolve, reject) => {
    const onError = (err: Error) => {
      if (ports.get(key)?.socket === socket) ports.delete(key);
      reject(new Error(`cannot listen for Art-Net on UDP port ${port}: ${err.message}`));
    };
    socket.once('error', onError);
    socket.bind(port, bindAddress, () => {
      socket.off('error', onError);
      // Errors after binding (ICMP noise) are not the show's problem.
      socket.on('error', () => undefined);
      resolve(socket.address().port);
    });
  });
  return { key, socket, users, bound };
}
