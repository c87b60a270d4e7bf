import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { limitConnectionsPerAddress } from './connection-limit';

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serverWithLimit(max: number) {
  let handled = 0;
  const server = createServer((req, res) => {
    handled++;
    res.end('ok');
  });
  servers.push(server);
  limitConnectionsPerAddress(server, max);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, handled: () => handled };
}

/** A raw client: sends one GET (keep-alive), resolves with the first answer's text. */
function ask(port: number): { socket: Socket; answer: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  const answer = new Promise<string>((resolve, reject) => {
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
      if (/\r\n\r\n[\s\S]*\S/.test(text)) resolve(text);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
  socket.write('GET / HTTP/1.1\r\nhost: x\r\n\r\n');
  return { socket, answer };
}

describe('connections per address', () => {
  it('answers a connection past the cap with a 429 naming the cap, before the HTTP server sees it, and takes one again once a place is free', async () => {
    const { port, handled } = await serverWithLimit(2);
    const first = ask(port);
    const second = ask(port);
    expect(await first.answer).toMatch(/^HTTP\/1\.1 200/);
    expect(await second.answer).toMatch(/^HTTP\/1\.1 200/);

    const third = ask(port);
    const refused = await third.answer;
    expect(refused).toMatch(/^HTTP\/1\.1 429 Too Many Requests/);
    expect(refused).toMatch(/retry-after: 1/i);
    expect(refused).toContain('at most 2 open at once');
    expect(handled()).toBe(2);

    first.socket.destroy();
    await expect.poll(async () => ask(port).answer, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 200/);
    second.socket.destroy();
  });
});
