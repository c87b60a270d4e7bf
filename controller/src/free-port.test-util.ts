/**
 * Free loopback ports for tests that start real servers and sockets. The
 * kernel picks a port (bind to 0), the probe closes it, and the caller binds
 * it again: good enough on a test machine, and it keeps parallel test files
 * from colliding on fixed port numbers.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A TCP port nothing listens on, on 127.0.0.1. */
export async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A UDP port nothing is bound to, on 127.0.0.1. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
