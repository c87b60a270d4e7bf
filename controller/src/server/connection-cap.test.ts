import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { capConnectionsPerAddress } from './connection-cap';

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Opens a connection and tells whether the server answered a request on it or closed it unanswered. */
function tryRequest(port: number): Promise<'answered' | 'closed'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    let data = '';
    socket.on('data', (chunk) => {
      data += String(chunk);
      if (data.includes('\r\n\r\n')) resolve('answered');
    });
    socket.on('error', () => resolve('closed'));
    socket.on('close', () => resolve(data ? 'answered' : 'closed'));
    socket.on('connect', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
  });
}

describe('capConnectionsPerAddress', () => {
  it('closes connections beyond the cap from one address, unanswered, and takes new ones once others close', async () => {
    server = createServer((_req, res) => res.end('ok')); // keep-alive: answered connections stay open
    const cap = capConnectionsPerAddress(server, 5);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };

    const first = await Promise.all(Array.from({ length: 5 }, () => tryRequest(port)));
    expect(first).toEqual(Array(5).fill('answered'));
    const beyond = await Promise.all(Array.from({ length: 20 }, () => tryRequest(port)));
    expect(beyond).toEqual(Array(20).fill('closed'));
    expect(cap.refused).toBe(20);

    // One of the five leaves: one more is let in.
    const leaving = sockets[0];
    await new Promise<void>((resolve) => {
      leaving.once('close', () => resolve());
      leaving.destroy();
    });
    for (let i = 0; i < 50 && (await tryRequest(port)) === 'closed'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(cap.refused).toBeLessThan(70);
    expect(await tryRequest(port)).toBe('closed');
  });
});
