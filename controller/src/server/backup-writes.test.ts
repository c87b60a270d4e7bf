import { afterEach, describe, expect, it } from 'vitest';
import example from '@crowdcue/protocol/example-show.json' with { type: 'json' };
import { createTestApp, type TestApp } from './test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('a hot-standby backup refuses writes of the data it follows', () => {
  it('refuses show and account writes with 503 naming the active controller, changing nothing; reads, logins and console locks go on', async () => {
    let backupOf: string | null | undefined = 'http://10.0.0.2:4300/';
    t = await createTestApp({ backupOf: () => backupOf });
    await t.shows.save(structuredClone(example), 'admin');
    const admin = await t.as('admin');
    const { revision, show } = await t.shows.get(example.id);

    const writes = [
      await admin({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: { ...show, name: 'Renamed on the backup' } } }),
      await admin({ method: 'POST', url: '/api/shows/import', payload: { ...example, id: 'copy' } }),
      await admin({ method: 'DELETE', url: `/api/shows/${example.id}` }),
      await admin({ method: 'POST', url: '/api/accounts', payload: { username: 'newbie', role: 'operator', password: 'long-enough-1' } }),
    ];
    for (const res of writes) {
      expect(res.statusCode).toBe(503);
      expect(res.json().message).toMatch(/backup of a hot-standby pair.*make this change on the active controller \(http:\/\/10\.0\.0\.2:4300\/\)/);
    }
    expect((await t.shows.get(example.id)).show.name).toBe(example.name);
    expect(await t.shows.has('copy')).toBe(false);
    expect(t.accounts.list().map((a) => a.username)).not.toContain('newbie');

    expect((await admin({ method: 'GET', url: '/api/shows' })).statusCode).toBe(200);
    expect((await admin({ method: 'POST', url: '/api/lock', payload: { pin: '1234' } })).statusCode).toBe(200);
    expect((await admin({ method: 'POST', url: '/api/unlock', payload: { pin: '1234' } })).statusCode).toBe(200);
    expect((await admin({ method: 'POST', url: '/api/logout' })).statusCode).toBe(200);
    expect((await t.as('operator')).name).toBeDefined();

    // Taken over: the same controller is active and takes writes.
    backupOf = undefined;
    const again = await t.as('admin');
    const renamed = await again({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: { ...show, name: 'Renamed once active' } } });
    expect(renamed.statusCode).toBe(200);
  });
});
