import { request } from 'node:http';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { clientGone } from './client-gone';

describe('clientGone', () => {
  const app = Fastify();
  let signal: AbortSignal | undefined;
  let gone: () => void = () => undefined;
  const aborted = new Promise<void>((resolve) => (gone = resolve));
  app.post('/slow', async (_req, reply) => {
    signal = clientGone(reply);
    signal.addEventListener('abort', () => gone());
    // Works until the client leaves (or the test gives up).
    await Promise.race([aborted, new Promise((r) => setTimeout(r, 20_000))]);
    return { done: true };
  });
  app.post('/quick', async (_req, reply) => {
    signal = clientGone(reply);
    return { done: true };
  });
  afterAll(() => app.close());

  it('fires when the client hangs up before its answer, over a real socket', async () => {
    const url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    const req = request({ host: '127.0.0.1', port: url.port, path: '/slow', method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('error', () => undefined);
    req.end('{"seats":{}}');
    // Leave once the server has the request.
    while (!signal) await new Promise((r) => setTimeout(r, 10));
    expect(signal.aborted).toBe(false);
    req.destroy();
    await aborted;
    expect(signal.aborted).toBe(true);
  });

  it('stays quiet for a request that was answered', async () => {
    signal = undefined;
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const res = await fetch(`http://127.0.0.1:${port}/quick`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    await res.text();
    await app.close();
    const answered = signal as AbortSignal | undefined;
    expect(answered).toBeDefined();
    expect(answered?.aborted).toBe(false);
  });
});
