import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../../accounts/account-store';
import { run } from './accounts';

let dir: string;
let out: string[];
let err: string[];
const io = () => ({ out: (l: string) => out.push(l), err: (l: string) => err.push(l) });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-accounts-'));
  out = [];
  err = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('crowdcue accounts', () => {
  it('names what is missing or wrong in the arguments', async () => {
    expect(await run([], io())).toBe(2);
    expect(err.join('\n')).toMatch(/missing or wrong: what to do/);
    expect(await run(['rename', 'admin'], io())).toBe(2);
    expect(err.join('\n')).toMatch(/unknown action 'rename'/);
    expect(await run(['reset-password'], io())).toBe(2);
    expect(err.join('\n')).toMatch(/NAME \(the account\)/);
    expect(await run(['reset-password', 'a', '--colour'], io())).toBe(2);
    expect(await run(['--help'], io())).toBe(0);
    expect(out.join('\n')).toMatch(/usage: crowdcue accounts reset-password NAME/);
  });

  it('reset-password prints a new password that logs in, and the old one no longer does', async () => {
    const { adminPassword } = await new AccountStore(dir).init();
    expect(await run(['reset-password', 'admin', '--data', dir], io())).toBe(0);
    const fresh = /new password for admin \(admin\): (\S+)/.exec(out.join('\n'))![1];
    const store = new AccountStore(dir);
    // The reset also retires the pending first password: no start prints the old one.
    expect(await store.init()).toEqual({});
    expect(await store.login('admin', adminPassword!)).toBeUndefined();
    expect(await store.login('admin', fresh)).toBeDefined();
  });
});
