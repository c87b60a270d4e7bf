import { stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore } from './account-store';
import { INITIAL_PASSWORD_FILE } from './initial-password';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-initial-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the first admin password', () => {
  it('is given on every start until someone logs in with it, kept in a 0600 file meanwhile', async () => {
    const first = await new AccountStore(dir).init();
    expect(first.createdAdminPassword).toMatch(/^\S{12,}$/);
    expect(first.adminPassword).toBe(first.createdAdminPassword);
    expect((await stat(join(dir, INITIAL_PASSWORD_FILE))).mode & 0o777).toBe(0o600);

    const second = new AccountStore(dir);
    expect(await second.init()).toEqual({ adminPassword: first.adminPassword });
    expect(await second.login('admin', 'not-the-password')).toBeUndefined();
    expect(existsSync(join(dir, INITIAL_PASSWORD_FILE))).toBe(true);
    expect(await second.login('admin', first.adminPassword!)).toBeDefined();
    expect(existsSync(join(dir, INITIAL_PASSWORD_FILE))).toBe(false);

    expect(await new AccountStore(dir).init()).toEqual({});
  });

  it('a reset sets a new password, ends the account\'s sessions and names a missing account', async () => {
    const { adminPassword } = await new AccountStore(dir).init();
    const store = new AccountStore(dir);
    await store.init();
    const session = await store.login('admin', adminPassword!);
    await store.create({ username: 'op', role: 'operator', password: 'operator-password' });

    const offline = new AccountStore(dir);
    await offline.init();
    await expect(offline.setPassword('nobody', 'long-enough-password')).rejects.toThrow(/username: no account 'nobody' \(accounts: admin, op\)/);
    await expect(offline.setPassword('admin', 'short')).rejects.toThrow(/password: at least 10/);
    await offline.setPassword('ADMIN', 'a-brand-new-password');

    const later = new AccountStore(dir);
    await later.init();
    expect(later.authenticate(session!.token)).toBeUndefined();
    expect(await later.login('admin', adminPassword!)).toBeUndefined();
    expect(await later.login('admin', 'a-brand-new-password')).toBeDefined();
    expect(await later.login('op', 'operator-password')).toBeDefined();
  });
});
