/** Show files damaged on disk: recovered from the backup, or listed as damaged and still deletable or overwritable; never a 500. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import example from '@crowdcue/protocol/example-show.json' with { type: 'json' };
import { createTestApp, type TestApp } from '../test-app';

let t: TestApp;
const logged: string[] = [];
beforeEach(async () => {
  logged.length = 0;
  t = await createTestApp({ errorLog: (line) => logged.push(line) });
});
afterEach(async () => {
  await t.close();
});

// Brand approval happens only through the approvals route, so a saved show file carries none.
const unapproved = () => ({ ...structuredClone(example), brandSequences: example.brandSequences.map((b) => ({ ...b, approved: false })) });
const show = (over: Record<string, unknown> = {}) => ({ ...unapproved(), ...over });
const file = () => join(t.dataDir, 'shows', `${example.id}.json`);

describe('damaged show files over REST', () => {
  it('serves the backup of a truncated show file', async () => {
    const admin = await t.as('admin');
    await admin({ method: 'POST', url: '/api/shows', payload: show() });
    await admin({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision: 1, show: show({ name: 'Second' }) } });
    const text = await readFile(file(), 'utf8');
    await writeFile(file(), text.slice(0, 100));
    const read = await admin({ method: 'GET', url: `/api/shows/${example.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ revision: 1, show: { name: example.name } });
  });

  it('lists a show with no good copy as damaged, and lets an admin overwrite or delete it', async () => {
    const admin = await t.as('admin');
    await admin({ method: 'POST', url: '/api/shows', payload: show() });
    await writeFile(file(), '{"revision": "x"}');
    const list = await admin({ method: 'GET', url: '/api/shows' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([expect.objectContaining({ id: example.id, damaged: { reason: expect.stringMatching(/id: missing/) } })]);

    const get = await admin({ method: 'GET', url: `/api/shows/${example.id}` });
    expect(get.statusCode).toBe(409);
    expect(get.json()).toMatchObject({ damaged: { reason: expect.any(String) } });
    const put = await admin({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision: 1, show: show() } });
    expect(put.statusCode).toBe(409);

    const imported = await admin({ method: 'POST', url: '/api/shows/import?overwrite=true', payload: show({ name: 'Fixed' }) });
    expect(imported.statusCode).toBe(201);
    await writeFile(file(), '');
    await writeFile(`${file()}.bak`, '');
    expect((await admin({ method: 'DELETE', url: `/api/shows/${example.id}` })).statusCode).toBe(200);
    expect((await admin({ method: 'GET', url: '/api/shows' })).json()).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('leaves deleting or overwriting a damaged show to an admin: a designer with shows:write gets a 403, nothing changed', async () => {
    const admin = await t.as('admin');
    const designer = await t.as('designer');
    await admin({ method: 'POST', url: '/api/shows', payload: show() });
    await writeFile(file(), '{"revision": "x"}');
    const del = await designer({ method: 'DELETE', url: `/api/shows/${example.id}` });
    expect(del.statusCode).toBe(403);
    expect(del.json()).toMatchObject({ message: expect.stringMatching(/damaged .*only an admin/), damaged: { reason: expect.stringMatching(/id: missing/) } });
    const over = await designer({ method: 'POST', url: '/api/shows/import?overwrite=true', payload: show({ name: 'Mine now' }) });
    expect(over.statusCode).toBe(403);
    expect(await readFile(file(), 'utf8')).toBe('{"revision": "x"}');
    expect((await admin({ method: 'GET', url: '/api/shows' })).json()).toEqual([expect.objectContaining({ id: example.id, damaged: expect.anything() })]);
    // A show that reads is still the designer's to delete.
    expect((await admin({ method: 'POST', url: '/api/shows/import?overwrite=true', payload: show({ name: 'Fixed' }) })).statusCode).toBe(201);
    expect((await designer({ method: 'DELETE', url: `/api/shows/${example.id}` })).statusCode).toBe(200);
  });

  it('logs a 500 with its request id, with the fastify log off', async () => {
    await t.close();
    t = await createTestApp({
      errorLog: (line) => logged.push(line),
      extend: async (app) => {
        app.get('/api/boom', async () => {
          throw new Error('kaboom');
        });
      },
    });
    const res = await t.app.inject({ method: 'GET', url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    const id = res.json().requestId as string;
    expect(id).toBeTruthy();
    expect(logged).toEqual([expect.stringMatching(new RegExp(`^request ${id} GET /api/boom failed \\(500\\): Error: kaboom`))]);
  });
});
