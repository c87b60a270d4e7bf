/**
 * Open connections per client address, capped where the connection is accepted.
 * A thousand requests fired at once from one machine each cost the loop some
 * HTTP parsing, routing and an answer even when refused, and libuv hands every
 * socket that is ready to the loop in one turn: their sum, not any one request,
 * is what stalls the live show. Past the cap a connection is answered with a
 * fixed 429 and closed before the HTTP server sees it (no parser, no routing,
 * no hooks), which costs the loop almost nothing. A browser keeps at most six
 * connections to a host, so the default leaves room for several consoles per
 * machine; a controller behind a reverse proxy sees one address for everyone
 * and should raise it.
 */
import type { Server, Socket } from 'node:net';

export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 32;

function refusal(max: number): string {
  const body = JSON.stringify({
    statusCode: 429,
    error: 'Too Many Requests',
    message: `too many connections from this address (at most ${max} open at once); try again in 1 s`,
  });
  return ['HTTP/1.1 429 Too Many Requests', 'content-type: application/json', `content-length: ${Buffer.byteLength(body)}`, 'retry-after: 1', 'connection: close', '', body].join('\r\n');
}

/** Puts the cap in front of `server`'s own connection handling (the HTTP server's). */
export function limitConnectionsPerAddress(server: Server, max = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS): void {
  const answer = refusal(max);
  const open = new Map<string, number>();
  // The HTTP server's own listeners, which a refused socket never reaches.
  const handlers = server.listeners('connection') as Array<(socket: Socket) => void>;
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      // Whatever the client sends is read and dropped; the answer goes out and the socket closes.
      socket.on('error', () => undefined);
      socket.resume();
      socket.end(answer);
      socket.setTimeout(5000, () => socket.destroy());
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    for (const handle of handlers) handle.call(server, socket);
  });
}
