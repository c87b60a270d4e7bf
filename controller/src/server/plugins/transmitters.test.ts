import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveShowInput } from '../../live/live-fixtures.test-util';
import { LiveShowRuntime } from '../../live/live-show-runtime';
import { ShowStore } from '../../storage/show-store';
import { createTestApp, type TestApp } from '../test-app';
import transmittersPlugin from './transmitters';

let t: TestApp;
let dir: string;
let runtime: LiveShowRuntime;
let shows: ShowStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-tx-routes-'));
  shows = new ShowStore(dir);
  await shows.init();
  await shows.save(liveShowInput(), 'test');
  runtime = new LiveShowRuntime({ shows, dataDir: dir, crowd: false });
  t = await createTestApp({
    extend: async (app) => {
      await app.register(transmittersPlugin, { runtime, listPorts: async () => [{ path: '/dev/ttyUSB0', manufacturer: 'FTDI' }] });
    },
  });
});
afterAll(async () => {
  await runtime.close();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('transmitter routes', () => {
  it('needs a login, and a role that may see the live show', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/transmitters' })).statusCode).toBe(401);
    const brand = await t.as('brand');
    expect((await brand({ method: 'GET', url: '/api/transmitters' })).statusCode).toBe(403);
  });

  it('lists nothing before a show is live, then the show\'s transmitters with health', async () => {
    const designer = await t.as('designer');
    const before = await designer({ method: 'GET', url: '/api/transmitters' });
    expect(before.json()).toEqual({ show: null, source: 'default', transmitters: [] });
    await runtime.load('live-test');
    await new Promise((r) => setTimeout(r, 100));
    const res = await designer({ method: 'GET', url: '/api/transmitters' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ show: 'live-test', source: 'default', transmitters: [{ id: 'virtual', url: 'virtual', coverage: 'ALL' }] });
    expect(body.transmitters[0].health).toMatchObject({ id: 'virtual', state: 'up' });
  });

  it('lets operators set the list; a designer may not', async () => {
    const designer = await t.as('designer');
    const put = { method: 'PUT' as const, url: '/api/transmitters', payload: { transmitters: [{ id: 'stage', url: 'virtual', coverage: [0, 1] }, { id: 'back', url: 'virtual', coverage: [2, 3] }] } };
    expect((await designer(put)).statusCode).toBe(403);
    const operator = await t.as('operator');
    const res = await operator(put);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ show: 'live-test', source: 'show', transmitters: [{ id: 'stage', coverage: [0, 1] }, { id: 'back', coverage: [2, 3] }] });
    const stored = await shows.get('live-test');
    expect(stored.revision).toBe(2);
    expect(stored.show.transmitters.map((x) => x.id)).toEqual(['stage', 'back']);
  });

  it('names each bad URL and repeated id by its path, and changes nothing', async () => {
    const operator = await t.as('operator');
    const res = await operator({
      method: 'PUT',
      url: '/api/transmitters',
      payload: { transmitters: [{ id: 'a', url: 'serial:' }, { id: 'b', url: 'tcp://host' }, { id: 'a', url: 'virtual' }] },
    });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().fields as Array<{ path: string }>).map((f) => f.path);
    expect(paths).toEqual(['body.transmitters[0].url', 'body.transmitters[1].url', 'body.transmitters[2].id']);
    expect((await shows.get('live-test')).revision).toBe(2);
  });

  it('checks the body shape with the shared schema', async () => {
    const operator = await t.as('operator');
    const res = await operator({ method: 'PUT', url: '/api/transmitters', payload: { transmitters: [{ id: 'a', url: 'virtual', coverage: [99] }] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('body.transmitters[0].coverage[0]');
    expect((await operator({ method: 'PUT', url: '/api/transmitters', payload: { transmitters: [] } })).statusCode).toBe(400);
  });

  it('lists serial ports with their URLs for whoever may configure', async () => {
    const operator = await t.as('operator');
    const res = await operator({ method: 'GET', url: '/api/transmitters/ports' });
    expect(res.json()).toEqual([{ path: '/dev/ttyUSB0', url: 'serial:/dev/ttyUSB0', manufacturer: 'FTDI' }]);
    expect((await (await t.as('designer'))({ method: 'GET', url: '/api/transmitters/ports' })).statusCode).toBe(403);
  });
});
