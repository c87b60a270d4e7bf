/**
 * A flood of logins at a real server with a show playing: password hashing is
 * bounded (login-gate) and connections past the per-address cap are answered
 * before any HTTP work (connection-limit), so the flood is refused with 429s
 * that say when to try again, and a console's GO is answered in the middle of it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleSocket, sendCommand, whenConnected, type ConsoleSocket } from './console-socket.test-util';
import { startControllerServer, type ControllerServer } from './controller-server';
import { SESSION_COOKIE } from './plugins/auth';

const FLOOD = 300;
let dir: string;
let server: ControllerServer;
let socket: ConsoleSocket;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-login-flood-'));
  // The per-address login rate limit is opened wide: this is about what the flood costs, not how many are allowed.
  server = await startControllerServer({ dataDir: dir, port: 0, host: '127.0.0.1', buildConsole: false, log: () => undefined, loginAttemptsPerMinute: 100_000 });
  const res = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: server.adminPassword }) });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0]!;
  socket = openConsoleSocket(server.url, { cookie });
  await whenConnected(socket);
}, 30_000);
afterAll(async () => {
  socket?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a login flood on a live show', () => {
  it('is refused early with 429 and Retry-After naming the limit, while a GO is answered', async () => {
    expect((await sendCommand(socket, 'go', {})).ok).toBe(true);
    const flood = Array.from({ length: FLOOD }, (_, i) =>
      fetch(`${server.url}api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: i % 2 ? 'admin' : `nobody${i}`, password: `wrong-password-${i}` }),
      }).then(
        async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), message: ((await r.json()) as { message: string }).message }),
        (err: Error) => ({ status: 0, retryAfter: null, message: err.message }),
      ),
    );
    // A live command sent while the flood is in flight is answered.
    const go = await sendCommand(socket, 'go', {});
    expect(go.ok).toBe(true);
    const answers = await Promise.all(flood);

    const refused = answers.filter((a) => a.status === 429);
    const checked = answers.filter((a) => a.status === 401);
    expect(answers.filter((a) => a.status !== 429 && a.status !== 401)).toEqual([]);
    // Most of the flood never reaches a password check; each refusal says what limit it hit and when to come back.
    expect(refused.length).toBeGreaterThan(FLOOD / 2);
    expect(checked.length).toBeLessThan(FLOOD / 2);
    for (const a of refused) {
      expect(a.retryAfter).toBe('1');
      expect(a.message).toMatch(/at most \d+ (open )?at once/);
    }
    expect(server.runtime.current?.engine.state.status).toBe('running');
  }, 60_000);
});
