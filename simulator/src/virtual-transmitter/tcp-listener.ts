/**
 * A virtual transmitter behind a TCP listener, the way a ser2net-style bridge
 * puts a real one on the network (`tcp://host:port` in the controller).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { VirtualTransmitter } from './virtual-transmitter';

export interface TcpDeviceListener {
  server: Server;
  host: string;
  /** The port really bound (useful with port 0). */
  port: number;
  /** Stops listening and closes every connection; the devices keep running. */
  close(): Promise<void>;
}

/**
 * Listens on `host:port`. With one device, each new connection replaces the
 * previous one (a controller reconnecting after a network glitch must not be
 * locked out by a half-dead socket); the device keeps its queue and clock.
 * With a factory, each connection gets a device of its own.
 */
export async function listenTcp(
  device: VirtualTransmitter | (() => VirtualTransmitter),
  port: number,
  host = '127.0.0.1',
): Promise<TcpDeviceListener> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    const label = `tcp ${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    if (typeof device === 'function') {
      const own = device();
      own.attach(socket, label);
      socket.on('close', () => {
        sockets.delete(socket);
        own.close();
      });
    } else {
      for (const other of sockets) if (other !== socket) other.destroy();
      device.attach(socket, label);
      socket.on('close', () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    host,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
