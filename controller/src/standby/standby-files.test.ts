import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureStandbyKey, keyMatches, loadIdentity, readStandbyKey, saveIdentity, STANDBY_KEY_FILE } from './standby-files';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('standby key and identity', () => {
  it('the primary creates a 64-hex key, readable by its owner only, and keeps it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'standby-files-'));
    const key = await ensureStandbyKey(dir);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(join(dir, STANDBY_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(await ensureStandbyKey(dir)).toBe(key);
    expect(keyMatches(key, key)).toBe(true);
    expect(keyMatches(key, key.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBe(false);
    expect(keyMatches(key, undefined)).toBe(false);
  });

  it('a missing or malformed key file is refused naming the file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'standby-files-'));
    await expect(readStandbyKey(join(dir, 'nope.key'))).rejects.toThrow(/nope\.key: no such file/);
    await writeFile(join(dir, 'bad.key'), 'hello');
    await expect(readStandbyKey(join(dir, 'bad.key'))).rejects.toThrow(/bad\.key: must be 64 hex characters/);
  });

  it('the identity is created once (random id, epoch 1) and saved', async () => {
    dir = await mkdtemp(join(tmpdir(), 'standby-files-'));
    const first = await loadIdentity(dir);
    expect(first.epoch).toBe(1);
    expect(await loadIdentity(dir)).toEqual(first);
    await saveIdentity(dir, { ...first, epoch: 4 });
    expect(await loadIdentity(dir)).toEqual({ ...first, epoch: 4 });
  });
});
