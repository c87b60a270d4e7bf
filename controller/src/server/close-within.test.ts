import { request } from 'node:http';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { closeWithin } from './close-within';

describe('closeWithin', () => {
  it('cuts a request that never ends once the grace is over, and says so', async () => {
    const app = Fastify();
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => (arrived = r));
    app.get('/forever', () => {
      arrived();
      return new Promise(() => undefined);
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new Promise<string>((done) => {
      const req = request(`${url}/forever`);
      req.on('error', (err) => done(err.message));
      req.on('response', () => done('answered'));
      req.end();
    });
    await inFlight;
    const said: string[] = [];
    await closeWithin(app, (m) => said.push(m), 200);
    expect(said).toEqual([expect.stringMatching(/still closing 0\.2 s after the stop began \(1 connection open\): they were cut/)]);
    expect(await client).toMatch(/socket hang up|ECONNRESET/);
  });

  it('says nothing when the server closes in time', async () => {
    const app = Fastify();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const said: string[] = [];
    await closeWithin(app, (m) => said.push(m), 200);
    expect(said).toEqual([]);
  });
});
