/**
 * A console served behind a reverse proxy under another name: with its origin
 * trusted (`--origin`), its REST changes and its live socket are let in, while
 * every other foreign origin is still refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleSocket, whenConnected } from './console-socket.test-util';
import { startControllerServer, type ControllerServer } from './controller-server';
import { SESSION_COOKIE } from './plugins/auth';

const PROXY = 'https://console.example.com';
let dir: string;
let server: ControllerServer;
let cookie: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-origin-'));
  server = await startControllerServer({ dataDir: dir, port: 0, buildConsole: false, trustedOrigins: [PROXY], runtime: { crowd: false } });
  const res = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: server.adminPassword }) });
  cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0]!;
}, 30_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const newAccount = (origin: string, username: string) =>
  fetch(`${server.url}api/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin },
    body: JSON.stringify({ username, role: 'designer', password: `${username}-password` }),
  });

describe('a trusted console origin', () => {
  it('may change things over REST; another foreign origin may not', async () => {
    expect((await newAccount(PROXY, 'via-proxy')).status).toBe(201);
    const foreign = await newAccount('https://evil.example', 'via-evil');
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { message: string }).message).toMatch(/Origin https:\/\/evil\.example/);
  });

  it('may open a live socket; another foreign origin may not', async () => {
    const trusted = openConsoleSocket(server.url, { cookie, origin: PROXY });
    const foreign = openConsoleSocket(server.url, { cookie, origin: 'https://evil.example' });
    try {
      await whenConnected(trusted);
      await expect(whenConnected(foreign)).rejects.toThrow(/another site \(Origin https:\/\/evil\.example\)/);
    } finally {
      trusted.close();
      foreign.close();
    }
  });

  it('is refused at start when it is not an origin', async () => {
    await expect(startControllerServer({ dataDir: join(dir, 'never'), port: 0, buildConsole: false, trustedOrigins: ['console.example.com'] })).rejects.toThrow(/--origin must be/);
  });
});
