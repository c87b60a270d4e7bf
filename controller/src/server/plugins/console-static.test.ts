import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsoleStatic } from './console-static';

let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'crowdcue-console-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
});
afterAll(() => rm(dist, { recursive: true, force: true }));

async function app(root: string) {
  const a = Fastify();
  a.setNotFoundHandler((req, res) => res.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.url}` }));
  a.get('/api/shows', async () => []);
  await registerConsoleStatic(a, { root });
  await a.ready();
  return a;
}

describe('console static files', () => {
  it('serves index.html for page paths and hashed assets', async () => {
    const a = await app(dist);
    for (const url of ['/', '/live', '/compose/anything?x=1']) {
      const res = await a.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>console</title>');
    }
    const js = await a.inject({ url: '/assets/index-abc.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toMatch(/immutable/);
    await a.close();
  });

  it('leaves the API, socket.io and docs paths to their own 404', async () => {
    const a = await app(dist);
    expect((await a.inject({ url: '/api/shows' })).json()).toEqual([]);
    for (const url of ['/api/nope', '/socket.io/x', '/docs/nothing']) {
      const res = await a.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().message).toMatch(/no route/);
    }
    expect((await a.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    await a.close();
  });

  it('says how to build the console when it is missing', async () => {
    const a = await app(join(dist, 'nowhere'));
    const res = await a.inject({ url: '/live' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatch(/npm run build -w console-ui/);
    await a.close();
  });
});
