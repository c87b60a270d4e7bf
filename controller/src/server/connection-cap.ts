/**
 * At most so many open connections from one client address. A console needs a
 * handful (a browser opens six per host, plus the live socket); a flood of a
 * thousand requests at once from one machine would otherwise be parsed and
 * answered in one turn of the event loop, which stalls the live show for as
 * long as that takes. Connections beyond the cap are closed as they are
 * accepted, before a byte of them is read: a few microseconds each.
 */
import type { Server, Socket } from 'node:net';

/** Default cap: well above a console's needs, far below a flood. */
export const MAX_CONNECTIONS_PER_ADDRESS = 64;

export interface ConnectionCap {
  /** Connections closed at accept because their address was at the cap. */
  readonly refused: number;
}

export function capConnectionsPerAddress(server: Server, max = MAX_CONNECTIONS_PER_ADDRESS): ConnectionCap {
  const open = new Map<string, number>();
  const cap = { refused: 0 };
  // Ahead of the HTTP server's own listener, so a refused socket never gets a parser.
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const n = open.get(address) ?? 0;
    if (n >= max) {
      cap.refused++;
      socket.destroy();
      return;
    }
    open.set(address, n + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
  return cap;
}
