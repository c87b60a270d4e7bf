import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountError, AccountStore, SESSION_TTL_MS } from './account-store';
import { can } from './roles';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-accounts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('AccountStore', () => {
  it('creates an admin with a random password on first start only, and it works', async () => {
    const store = new AccountStore(dir);
    const first = await store.init();
    expect(first.createdAdminPassword).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(await store.login('admin', 'admin')).toBeUndefined();
    const session = await store.login('admin', first.createdAdminPassword!);
    expect(session?.account.role).toBe('admin');

    const again = new AccountStore(dir);
    expect((await again.init()).createdAdminPassword).toBeUndefined();
    expect(again.authenticate(session!.token)?.account.username).toBe('admin');
  });

  it('never writes a password or a session token in clear', async () => {
    const store = new AccountStore(dir);
    const { createdAdminPassword } = await store.init();
    const { token } = (await store.login('admin', createdAdminPassword!))!;
    const onDisk = await readFile(join(dir, 'accounts.json'), 'utf8');
    expect(onDisk).not.toContain(createdAdminPassword!);
    expect(onDisk).not.toContain(token);
    expect(store.list()[0]).not.toHaveProperty('passwordHash');
  });

  it('rejects bad accounts naming the field', async () => {
    const store = new AccountStore(dir);
    await store.init();
    await expect(store.create({ username: 'x', role: 'operator', password: 'long-enough-1' })).rejects.toMatchObject({ field: 'username' });
    await expect(store.create({ username: 'op', role: 'operator', password: 'short' })).rejects.toMatchObject({ field: 'password' });
    await expect(store.create({ username: 'acme', role: 'brand', password: 'long-enough-1' })).rejects.toMatchObject({ field: 'brand' });
    await expect(store.create({ username: 'ADMIN', role: 'operator', password: 'long-enough-1' })).rejects.toBeInstanceOf(AccountError);
  });

  it('expires sessions and logs out', async () => {
    let now = 1_000_000;
    const store = new AccountStore(dir, () => now);
    await store.init();
    await store.create({ username: 'op', role: 'operator', password: 'operator-pass' });
    const { token } = (await store.login('op', 'operator-pass'))!;
    expect(store.authenticate(token)?.account.role).toBe('operator');
    now += SESSION_TTL_MS + 1;
    expect(store.authenticate(token)).toBeUndefined();
    now -= SESSION_TTL_MS;
    await store.logout(token);
    expect(store.authenticate(token)).toBeUndefined();
  });

  it('locks a console with a PIN and unlocks only with that PIN', async () => {
    const store = new AccountStore(dir);
    await store.init();
    await store.create({ username: 'op', role: 'operator', password: 'operator-pass' });
    const { token } = (await store.login('op', 'operator-pass'))!;
    await expect(store.lock(token, '12')).rejects.toMatchObject({ field: 'pin' });
    await store.lock(token, '4321');
    expect(store.authenticate(token)?.locked).toBe(true);
    expect(await store.unlock(token, '0000')).toBe(false);
    expect(store.authenticate(token)?.locked).toBe(true);
    expect(await store.unlock(token, '4321')).toBe(true);
    expect(store.authenticate(token)?.locked).toBe(false);
  });
});

describe('roles', () => {
  it('keeps designers and brands off the live show', () => {
    expect(can('operator', 'live:control')).toBe(true);
    expect(can('designer', 'live:control')).toBe(false);
    expect(can('designer', 'shows:write')).toBe(true);
    expect(can('brand', 'shows:read')).toBe(false);
    expect(can('admin', 'accounts:manage')).toBe(true);
  });
});

describe('AccountStore with a damaged accounts.json', () => {
  it('keeps accounts.json.bak and starts from it when accounts.json is cut short', async () => {
    const store = new AccountStore(dir);
    const { createdAdminPassword } = await store.init();
    await store.create({ username: 'ana', role: 'designer', password: 'long-enough-1' });
    const { writeFile } = await import('node:fs/promises');
    const text = await readFile(join(dir, 'accounts.json'), 'utf8');
    await writeFile(join(dir, 'accounts.json'), text.slice(0, 40));
    const problems: string[] = [];
    const again = new AccountStore(dir, Date.now, (p) => problems.push(p));
    expect((await again.init()).createdAdminPassword).toBeUndefined();
    expect(problems[0]).toMatch(/accounts\.json: not valid JSON/);
    expect(await again.login('admin', createdAdminPassword!)).toBeDefined();
  });

  it('starts with a new admin when neither accounts.json nor its backup reads, keeping the damaged file', async () => {
    const { writeFile, access } = await import('node:fs/promises');
    await writeFile(join(dir, 'accounts.json'), '{"accounts": 5}');
    const problems: string[] = [];
    const store = new AccountStore(dir, Date.now, (p) => problems.push(p));
    const { createdAdminPassword } = await store.init();
    expect(createdAdminPassword).toBeDefined();
    expect(problems[0]).toMatch(/accounts: missing or not a list.*kept as accounts\.json\.damaged/);
    await access(join(dir, 'accounts.json.damaged'));
    expect(await store.login('admin', createdAdminPassword!)).toBeDefined();
  });
});

describe('AccountStore on a hot-standby backup (accounts.json followed from the active controller)', () => {
  it('keeps the consoles logged in here across a reload, takes the active controller’s sessions, and ends a session whose password changed', async () => {
    const { copyFile, mkdir } = await import('node:fs/promises');
    const activeDir = join(dir, 'active');
    const backupDir = join(dir, 'backup');
    await mkdir(activeDir);
    await mkdir(backupDir);
    const follow = () => copyFile(join(activeDir, 'accounts.json'), join(backupDir, 'accounts.json'));
    const active = new AccountStore(activeDir);
    await active.init();
    await active.create({ username: 'ana', role: 'operator', password: 'long-enough-1' });
    await active.create({ username: 'bo', role: 'operator', password: 'long-enough-2' });
    await follow();
    const backup = new AccountStore(backupDir);
    await backup.init();

    const here = (await backup.login('ana', 'long-enough-1'))!;
    const hereToo = (await backup.login('bo', 'long-enough-2'))!;
    const there = (await active.login('ana', 'long-enough-1'))!;
    await follow();
    expect(await backup.reload()).toBe(true);
    expect(backup.authenticate(here.token)?.account.username).toBe('ana');
    expect(backup.authenticate(hereToo.token)?.account.username).toBe('bo');
    expect(backup.authenticate(there.token)?.account.username).toBe('ana');

    await active.logout(there.token);
    await active.setPassword('bo', 'another-long-one');
    await follow();
    await backup.reload();
    expect(backup.authenticate(there.token)).toBeUndefined();
    expect(backup.authenticate(hereToo.token)).toBeUndefined();
    expect(backup.authenticate(here.token)?.account.username).toBe('ana');

    const ana = active.list().find((a) => a.username === 'ana')!;
    await active.remove(ana.id);
    await follow();
    await backup.reload();
    expect(backup.authenticate(here.token)).toBeUndefined();
  });
});
