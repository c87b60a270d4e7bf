import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { SESSION_COOKIE } from './auth';
import { createTestApp, type TestApp } from '../test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('login and sessions', () => {
  it('logs in with the printed admin password and sets an http-only session cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: t.adminPassword } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', cookies: { [SESSION_COOKIE]: cookie.value } });
    expect(me.json()).toMatchObject({ account: { username: 'admin', role: 'admin' }, locked: false });
  });

  it('logs out: the session cookie stops working and is cleared', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: t.adminPassword } });
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const out = await t.app.inject({ method: 'POST', url: '/api/logout', cookies: { [SESSION_COOKIE]: cookie } });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', cookies: { [SESSION_COOKIE]: cookie } })).statusCode).toBe(401);
  });

  it('refuses a wrong password and a missing session', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: 'nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ statusCode: 401, message: 'wrong username or password' });
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
  });

  it('names each bad field of a malformed body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/login', payload: { username: '', password: 5 } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });

  it('rate-limits login attempts', async () => {
    const limited = await buildApp({ accounts: t.accounts, shows: t.shows, loginAttemptsPerMinute: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await limited.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: 'guess' } })).statusCode);
    }
    await limited.close();
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes.slice(3)).toEqual([429, 429]);
  });

  it('a burst of wrong passwords for one account from one address starts no more checks than the lock-out allows', async () => {
    const burst = await Promise.all(
      Array.from({ length: 40 }, () => t.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: 'guess-guess' } })),
    );
    const codes = burst.map((r) => r.statusCode);
    // Ten checked (and wrong), the rest refused without a password check.
    expect(codes.filter((c) => c === 401)).toHaveLength(10);
    expect(codes.filter((c) => c === 429)).toHaveLength(30);
    // The operator's own address is not locked out.
    const other = await t.app.inject({ method: 'POST', url: '/api/login', remoteAddress: '10.0.0.7', payload: { username: 'admin', password: t.adminPassword } });
    expect(other.statusCode).toBe(200);
  });

  it('answers "busy, try again" at once when more logins wait than the waiting room holds', async () => {
    const busy = await buildApp({ accounts: t.accounts, shows: t.shows, loginAttemptsPerMinute: 1000, passwordChecks: { running: 1, waiting: 2 } });
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => busy.inject({ method: 'POST', url: '/api/login', payload: { username: `guest${i}`, password: 'guess-guess' } })),
    );
    await busy.close();
    const codes = burst.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(3);
    const refused = burst.filter((r) => r.statusCode === 503);
    expect(refused).toHaveLength(7);
    expect(refused[0].headers['retry-after']).toBe('1');
    expect(refused[0].json().message).toBe('too many logins being checked at once (at most 3); try again in a second');
  });

  it('a locked console refuses everything but unlock', async () => {
    const op = await t.as('operator');
    expect((await op({ method: 'POST', url: '/api/lock', payload: { pin: '2468' } })).statusCode).toBe(200);
    expect((await op({ method: 'GET', url: '/api/shows' })).statusCode).toBe(423);
    expect((await op({ method: 'GET', url: '/api/me' })).json().locked).toBe(true);
    expect((await op({ method: 'POST', url: '/api/unlock', payload: { pin: '1111' } })).statusCode).toBe(401);
    expect((await op({ method: 'POST', url: '/api/unlock', payload: { pin: '2468' } })).statusCode).toBe(200);
    expect((await op({ method: 'GET', url: '/api/shows' })).statusCode).toBe(200);
  });
});

describe('accounts', () => {
  it('only an admin manages accounts', async () => {
    const admin = await t.as('admin');
    const op = await t.as('operator');
    expect((await op({ method: 'GET', url: '/api/accounts' })).statusCode).toBe(403);
    const created = await admin({ method: 'POST', url: '/api/accounts', payload: { username: 'lx-desk', role: 'designer', password: 'designer-pass' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).not.toHaveProperty('passwordHash');
    const list = (await admin({ method: 'GET', url: '/api/accounts' })).json();
    expect(list.map((a: { username: string }) => a.username)).toContain('lx-desk');
    const dup = await admin({ method: 'POST', url: '/api/accounts', payload: { username: 'LX-desk', role: 'designer', password: 'designer-pass' } });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().fields[0].path).toBe('username');
    expect((await admin({ method: 'DELETE', url: `/api/accounts/${created.json().id}` })).statusCode).toBe(200);
  });

  it('serves the OpenAPI docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/login', '/api/shows', '/api/shows/{id}']));
  });
});
