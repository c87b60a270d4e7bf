/**
 * `crowdcue start` as a real child process: a first start on a taken port, a
 * start after a kill -9 mid-save, a SIGTERM while stdout is a closed pipe, and
 * the offline password reset (its argument errors: accounts.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../../accounts/account-store';
import { INITIAL_PASSWORD_FILE } from '../../accounts/initial-password';

const BIN = fileURLToPath(new URL('../../../bin/crowdcue.js', import.meta.url));
const PASSWORD = /admin login: username admin, password (\S+)/;

let dir: string;
let blocker: Server;
let takenPort: number;

interface Started {
  child: ChildProcess;
  out: string[];
  err: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(args: string[]): Started {
  const child = spawn(process.execPath, [BIN, 'start', '--data', dir, '--host', '127.0.0.1', '--no-build', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const err: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => out.push(l));
  createInterface({ input: child.stderr! }).on('line', (l) => err.push(l));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, out, err, exited };
}

async function until(pred: () => boolean, s: Started, what: string): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (s.child.exitCode !== null) throw new Error(`crowdcue start exited before ${what}:\n${s.out.join('\n')}\n${s.err.join('\n')}`);
    if (Date.now() - t0 > 30_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function login(url: string, password: string): Promise<number> {
  const res = await fetch(`${url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  return res.status;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-start-proc-'));
  blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  takenPort = (blocker.address() as { port: number }).port;
});
afterAll(async () => {
  blocker?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('crowdcue start in a child process', () => {
  let password: string;

  it('a first start on a taken port fails, and still tells the admin password it created', async () => {
    const s = startChild(['--port', String(takenPort)]);
    expect((await s.exited).code).toBe(1);
    expect(s.err.join('\n')).toMatch(`port ${takenPort} is in use`);
    const shown = PASSWORD.exec(s.err.join('\n') + s.out.join('\n'));
    expect(shown).not.toBeNull();
    password = shown![1];
  }, 60_000);

  it('the next start prints it again and removes what a kill -9 mid-save left; the first login retires it', async () => {
    // What a kill -9 during an atomic write of runtime.json leaves.
    await writeFile(join(dir, 'runtime.json.2870146722'), '{"show":');
    const s = startChild(['--port', '0']);
    // The password line comes after the console address, maybe in a later chunk of output.
    await until(() => s.out.some((l) => l.startsWith('CrowdCue console:')) && s.out.join('\n').includes(`password ${password}`), s, 'the console address and the admin password again');
    expect(existsSync(join(dir, 'runtime.json.2870146722'))).toBe(false);
    const url = s.out.find((l) => l.startsWith('CrowdCue console:'))!.split(': ')[1];
    expect(await login(url, password)).toBe(200);
    expect(existsSync(join(dir, INITIAL_PASSWORD_FILE))).toBe(false);

    // SIGTERM with nobody reading stdout any more: shutdown completes, no EPIPE crash.
    s.child.stdout!.destroy();
    s.child.kill('SIGTERM');
    const exit = await s.exited;
    expect(s.err.join('\n')).not.toMatch(/EPIPE/);
    expect(exit).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('after the first login there is no password left to print; `crowdcue accounts reset-password` gives a new one offline', async () => {
    expect(await new AccountStore(dir).init()).toEqual({});
    const child = spawn(process.execPath, [BIN, 'accounts', 'reset-password', 'admin', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (l) => out.push(l));
    expect(await new Promise((done) => child.once('exit', done))).toBe(0);
    const fresh = /new password for admin \(admin\): (\S+)/.exec(out.join('\n'))![1];
    const store = new AccountStore(dir);
    await store.init();
    expect(await store.login('admin', password)).toBeUndefined();
    expect(await store.login('admin', fresh)).toBeDefined();
  }, 30_000);
});
