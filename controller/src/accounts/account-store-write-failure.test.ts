/** A disk that refuses one write (EACCES): nothing half-applied, a clear error, and the next write works. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountStore } from './account-store';

const disk = vi.hoisted(() => ({ refuse: false }));
vi.mock('../storage/atomic-json', async (importOriginal) => {
  const real = await importOriginal<typeof import('../storage/atomic-json')>();
  return {
    ...real,
    writeJsonAtomic: async (...args: Parameters<typeof real.writeJsonAtomic>) => {
      if (disk.refuse) throw Object.assign(new Error(`EACCES: permission denied, open '${args[0]}'`), { code: 'EACCES' });
      return real.writeJsonAtomic(...args);
    },
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-accounts-'));
  disk.refuse = false;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('AccountStore when a write fails', () => {
  it('leaves memory as it was, answers a clear error, and later logins and writes work', async () => {
    const store = new AccountStore(dir);
    const { createdAdminPassword } = await store.init();
    disk.refuse = true;
    await expect(store.create({ username: 'ana', role: 'designer', password: 'long-enough-1' })).rejects.toThrow(
      /accounts could not be saved \(EACCES\); nothing was changed/,
    );
    expect(store.list().map((a) => a.username)).toEqual(['admin']);
    disk.refuse = false;
    expect(await store.login('admin', createdAdminPassword!)).toBeDefined();
    await store.create({ username: 'ana', role: 'designer', password: 'long-enough-1' });
    expect(store.list().map((a) => a.username).sort()).toEqual(['admin', 'ana']);
    const again = new AccountStore(dir);
    await again.init();
    expect(again.list().map((a) => a.username).sort()).toEqual(['admin', 'ana']);
  });
});
