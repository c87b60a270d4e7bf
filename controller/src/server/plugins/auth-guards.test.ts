import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH } from '../../accounts/password';
import { buildApp } from '../app';
import { createTestApp, type TestApp } from '../test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('login lock-out', () => {
  it('locks out one account from one address only: the operator still logs in from the desk, others from the same address too', async () => {
    await t.accounts.create({ username: 'op', role: 'operator', password: 'operator-password' });
    // Default limits, as the controller runs.
    const app = await buildApp({ accounts: t.accounts, shows: t.shows });
    const login = (username: string, password: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/login', payload: { username, password }, remoteAddress });
    try {
      for (let i = 0; i < 10; i++) expect((await login('op', `guess-${i}`, '10.0.0.66')).statusCode).toBe(401);
      const locked = await login('op', 'operator-password', '10.0.0.66');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().message).toMatch(/too many wrong passwords for 'op'/);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await login('op', 'operator-password', '10.0.0.5')).statusCode).toBe(200);
      expect((await login('admin', t.adminPassword, '10.0.0.66')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('a right password clears the count of wrong ones', async () => {
    const app = await buildApp({ accounts: t.accounts, shows: t.shows, loginFailuresPerMinute: 2 });
    const login = (password: string) => app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password } });
    try {
      expect((await login('wrong-1')).statusCode).toBe(401);
      expect((await login(t.adminPassword)).statusCode).toBe(200);
      expect((await login('wrong-2')).statusCode).toBe(401);
      expect((await login(t.adminPassword)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('password limits', () => {
  it('refuses to set a password longer than login accepts, and the longest allowed one logs in', async () => {
    const admin = await t.as('admin');
    const tooLong = await admin({ method: 'POST', url: '/api/accounts', payload: { username: 'long', role: 'designer', password: 'x'.repeat(300) } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().fields).toEqual([{ path: 'password', message: `password: at most ${PASSWORD_MAX_LENGTH} characters` }]);

    const longest = 'y'.repeat(PASSWORD_MAX_LENGTH);
    expect((await admin({ method: 'POST', url: '/api/accounts', payload: { username: 'long', role: 'designer', password: longest } })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'long', password: longest } })).statusCode).toBe(200);
  });
});

describe('requests from another site', () => {
  it('refuses a state-changing request with a foreign Origin, even with a valid cookie', async () => {
    const admin = await t.as('admin');
    const payload = { username: 'lx', role: 'designer', password: 'designer-pass' };
    const foreign = await admin({ method: 'POST', url: '/api/accounts', payload, headers: { origin: 'http://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toMatch(/Origin http:\/\/evil\.example/);
    expect(t.accounts.list().some((a) => a.username === 'lx')).toBe(false);

    const own = await admin({ method: 'POST', url: '/api/accounts', payload, headers: { origin: 'http://localhost:80', host: 'localhost:80' } });
    expect(own.statusCode).toBe(201);
    // Reading is not refused: nothing changes.
    expect((await admin({ method: 'GET', url: '/api/accounts', headers: { origin: 'http://evil.example' } })).statusCode).toBe(200);
  });
});

describe('role changes', () => {
  it('an admin changes a role; the next request reads it', async () => {
    const admin = await t.as('admin');
    const designer = await t.as('designer');
    const id = t.accounts.list().find((a) => a.username === 'designer-user')!.id;
    expect((await designer({ method: 'POST', url: '/api/shows', payload: {} })).statusCode).toBe(400);
    const changed = await admin({ method: 'PATCH', url: `/api/accounts/${id}`, payload: { role: 'operator' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ username: 'designer-user', role: 'operator' });
    expect((await designer({ method: 'POST', url: '/api/shows', payload: {} })).statusCode).toBe(403);
    expect((await admin({ method: 'PATCH', url: `/api/accounts/${id}`, payload: { role: 'brand' } })).json().fields[0].path).toBe('brand');
    expect((await designer({ method: 'PATCH', url: `/api/accounts/${id}`, payload: { role: 'admin' } })).statusCode).toBe(403);
  });
});
