/** CCL over a raw TCP serial bridge (ser2net and friends). */
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Transport } from './transport';

export function tcpTransport(host: string, port: number, connectTimeoutMs = 2000): Transport {
  const where = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return {
    label: `tcp ${where}`,
    open: () =>
      new Promise<Duplex>((resolve, reject) => {
        const socket = connect({ host, port });
        const fail = (err: Error) => {
          socket.destroy();
          reject(new Error(`cannot connect to ${where}: ${err.message}`));
        };
        socket.setTimeout(connectTimeoutMs, () => fail(new Error(`no answer within ${connectTimeoutMs} ms`)));
        socket.once('error', fail);
        socket.once('connect', () => {
          socket.off('error', fail);
          socket.setTimeout(0);
          // Small frames must leave at once: Nagle would add tens of ms of jitter.
          socket.setNoDelay(true);
          socket.setKeepAlive(true, 1000);
          resolve(socket);
        });
      }),
  };
}
