import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import example from '@crowdcue/protocol/example-show.json' with { type: 'json' };
import { createTestApp, type TestApp } from '../test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

/** The example as a designer may write it: no transmitters, no brand approval (see shows-permissions.test.ts). */
const designerExample = () => {
  const e = structuredClone(example);
  return { ...e, transmitters: [], brandSequences: e.brandSequences.map((s) => ({ ...s, approved: false })) };
};
const show = (over: Record<string, unknown> = {}) => ({ ...designerExample(), ...over });

describe('show routes', () => {
  it('create, read, list, export and delete as a designer', async () => {
    const designer = await t.as('designer');
    const created = await designer({ method: 'POST', url: '/api/shows', payload: show() });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: example.id, revision: 1, savedBy: 'designer-user' });

    expect((await designer({ method: 'GET', url: '/api/shows' })).json()).toEqual([
      expect.objectContaining({ id: example.id, name: example.name, revision: 1 }),
    ]);
    const read = await designer({ method: 'GET', url: `/api/shows/${example.id}` });
    expect(read.json().show.cueLists[0].cues.length).toBe(example.cueLists[0].cues.length);

    const exported = await designer({ method: 'GET', url: `/api/shows/${example.id}/export` });
    expect(exported.headers['content-disposition']).toContain(`${example.id}.show.json`);
    expect(JSON.parse(exported.body).id).toBe(example.id);

    expect((await designer({ method: 'DELETE', url: `/api/shows/${example.id}` })).statusCode).toBe(200);
    expect((await designer({ method: 'GET', url: `/api/shows/${example.id}` })).statusCode).toBe(404);
  });

  it('gives the second of two designers saving the same revision a conflict with the current show', async () => {
    const ana = await t.as('designer', { username: 'ana' });
    const ben = await t.as('designer', { username: 'ben' });
    await ana({ method: 'POST', url: '/api/shows', payload: show() });
    const first = await ana({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision: 1, show: show({ name: 'Ana' }) } });
    expect(first.statusCode).toBe(200);
    const second = await ben({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision: 1, show: show({ name: 'Ben' }) } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ statusCode: 409, current: { revision: 2, savedBy: 'ana', show: { name: 'Ana' } } });
    // Ben merges on top of revision 2.
    const merged = await ben({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision: 2, show: show({ name: 'Ben' }) } });
    expect(merged.json().revision).toBe(3);
  });

  it('lists every validation error by path and stores nothing', async () => {
    const designer = await t.as('designer');
    const bad = show({ site: -1 });
    (bad.cueLists as Array<{ cues: Array<Record<string, unknown>> }>)[0].cues[0].fade = -5;
    const res = await designer({ method: 'POST', url: '/api/shows/import', payload: bad });
    expect(res.statusCode).toBe(400);
    const paths = res.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['site', 'cueLists[0].cues[0].fade']));
    expect((await designer({ method: 'GET', url: '/api/shows' })).json()).toEqual([]);
  });

  it('imports replace an existing show only when asked', async () => {
    const designer = await t.as('designer');
    await designer({ method: 'POST', url: '/api/shows/import', payload: show() });
    expect((await designer({ method: 'POST', url: '/api/shows/import', payload: show({ name: 'Again' }) })).statusCode).toBe(409);
    const replaced = await designer({ method: 'POST', url: '/api/shows/import?overwrite=true', payload: show({ name: 'Again' }) });
    expect(replaced.statusCode).toBe(201);
    expect(replaced.json()).toMatchObject({ revision: 2, show: { name: 'Again' } });
  });

  it('refuses a save whose show id differs from the URL', async () => {
    const designer = await t.as('designer');
    await designer({ method: 'POST', url: '/api/shows', payload: show() });
    const res = await designer({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision: 1, show: show({ id: 'other' }) } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/show.id must be/);
  });

  it('enforces roles: operators read, brands see nothing, anonymous is 401', async () => {
    const designer = await t.as('designer');
    await designer({ method: 'POST', url: '/api/shows', payload: show() });
    const op = await t.as('operator');
    expect((await op({ method: 'GET', url: `/api/shows/${example.id}` })).statusCode).toBe(200);
    expect((await op({ method: 'POST', url: '/api/shows', payload: show({ id: 'x' }) })).statusCode).toBe(403);
    const brand = await t.as('brand');
    expect((await brand({ method: 'GET', url: '/api/shows' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/shows' })).statusCode).toBe(401);
  });

  it('answers malformed JSON with a clear 400', async () => {
    const designer = await t.as('designer');
    const res = await designer({ method: 'POST', url: '/api/shows', payload: '{"version": 1,', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/JSON/i);
  });
});
