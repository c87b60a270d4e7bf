import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { bigShowInput } from '../show/big-show.test-util';
import { makeErrorHandler } from './errors';
import { INLINE_JSON_BYTES, jsonSourceOf, registerJsonBody, WORKER_JSON_BYTES } from './json-body';
import { parseShowOffLoop } from './show-validate-task';
import { runWorkerTask } from './worker-task';

vi.mock('./worker-task', async (importOriginal) => {
  const real = await importOriginal<typeof import('./worker-task')>();
  return { ...real, runWorkerTask: vi.fn(real.runWorkerTask) };
});

async function echoApp() {
  const app = Fastify();
  registerJsonBody(app);
  app.setErrorHandler(makeErrorHandler(() => undefined));
  app.post('/echo', async (req) => ({ body: req.body, source: jsonSourceOf((req.body as { show?: unknown }).show) ? 'show' : jsonSourceOf(req.body) ? 'body' : 'none' }));
  app.post('/check', async (req) => {
    const checked = await parseShowOffLoop((req.body as { show: unknown }).show);
    return { ok: checked.ok };
  });
  return app;
}

describe('JSON request bodies', () => {
  it('parses a small body as fastify does, and refuses bad JSON and prototype poisoning with a 400 that says so', async () => {
    const app = await echoApp();
    const ok = await app.inject({ method: 'POST', url: '/echo', payload: { a: 1 } });
    expect(ok.json()).toEqual({ body: { a: 1 }, source: 'none' });
    const bad = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/not valid JSON/);
    const poisoned = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"admin":true}}' });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().message).toMatch(/forbidden prototype property/);
    const empty = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    await app.close();
  });

  it('hands a large show to its worker check as the body text, not as an object cloned on this thread', async () => {
    const app = await echoApp();
    const show = bigShowInput(1_000, { allZones: true });
    const payload = JSON.stringify({ revision: 1, show });
    expect(payload.length).toBeGreaterThan(INLINE_JSON_BYTES);
    expect((await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload })).json().source).toBe('show');

    vi.mocked(runWorkerTask).mockClear();
    const res = await app.inject({ method: 'POST', url: '/check', headers: { 'content-type': 'application/json' }, payload });
    expect(res.json()).toEqual({ ok: true });
    const calls = vi.mocked(runWorkerTask).mock.calls as unknown as Array<[string, Record<string, unknown>]>;
    expect(calls.find(([job]) => job === 'check-show-file')?.[1]).toEqual({ text: payload, key: 'show' });
    await app.close();
  }, 60_000);

  it('parses a large body in a worker task, brought back whole, and refuses bad JSON and poisoning there with the same 400s', async () => {
    const app = await echoApp();
    const show = bigShowInput(6_000, { allZones: true });
    const payload = JSON.stringify({ revision: 1, show });
    expect(payload.length).toBeGreaterThan(WORKER_JSON_BYTES);
    vi.mocked(runWorkerTask).mockClear();
    const echoed = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload });
    expect(echoed.statusCode).toBe(200);
    expect(echoed.json()).toEqual({ body: { revision: 1, show }, source: 'show' });
    expect(vi.mocked(runWorkerTask).mock.calls.map((c) => c[0])).toEqual(['parse-json']);

    const padding = ' '.repeat(WORKER_JSON_BYTES);
    const bad = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: `{"a":${padding}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/not valid JSON/);
    const poisoned = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: `{${padding}"__proto__":{"admin":true}}` });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().message).toMatch(/forbidden prototype property/);
    await app.close();
  }, 60_000);
});
