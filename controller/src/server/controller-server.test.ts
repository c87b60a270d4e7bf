/**
 * The assembled server with real socket.io clients against the real runtime
 * on the built-in virtual transmitter: first start, GO over the socket,
 * state and packets flowing, blackout, roles, and a restart that picks the
 * show up where it has got to.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveState, OnAirPacketInfo } from '@crowdcue/protocol';
import { snapshot } from '@crowdcue/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveShowInput, sleep, until } from '../live/live-fixtures.test-util';
import { openConsoleSocket, sendCommand, whenConnected, type ConsoleSocket } from './console-socket.test-util';
import { startControllerServer, type ControllerServer } from './controller-server';
import { SESSION_COOKIE } from './plugins/auth';

let dir: string;
let server: ControllerServer;
const clients: ConsoleSocket[] = [];

const start = () => startControllerServer({ dataDir: dir, port: 0, buildConsole: false, loginAttemptsPerMinute: 1000, runtime: { reportEveryMs: 200 } });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-server-'));
  server = await start();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function login(username: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
  return cookie.split(';')[0];
}

async function client(cookie: string): Promise<ConsoleSocket> {
  const c = openConsoleSocket(server.url, { cookie });
  clients.push(c);
  await whenConnected(c);
  return c;
}

async function makeAccount(role: 'operator' | 'designer', password: string): Promise<string> {
  const admin = await login('admin', server.adminPassword!);
  const res = await fetch(`${server.url}api/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({ username: `${role}1`, role, password }),
  });
  expect(res.status).toBe(201);
  return login(`${role}1`, password);
}

describe('controller server', () => {
  it('first start: a random admin password, the demo show live and stopped', async () => {
    expect(server.firstStart).toBe(true);
    expect(server.adminPassword).toMatch(/^\S{12,}$/);
    expect(server.runtime.liveShowId).toBe('demo');
    expect(server.runtime.snapshot()).toMatchObject({ show: 'demo', running: false, next: { number: 1 } });
    const docs = await fetch(`${server.url}docs/json`);
    const spec = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/transmitters', '/api/venues/preview', '/api/shows']));
  });

  it('refuses a socket without a session', async () => {
    const c = openConsoleSocket(server.url);
    clients.push(c);
    const err = await new Promise<Error>((resolve) => c.on('connect_error', resolve));
    expect(err.message).toBe('log in first');
  });

  it('an operator GOes over the socket: the state moves on, packets flow, the crowd lights', async () => {
    // A small show with a bright first cue, imported over REST and loaded over the socket.
    const cookie = await makeAccount('operator', 'operator-password-1');
    const imported = await fetch(`${server.url}api/shows/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await login('admin', server.adminPassword!) },
      body: JSON.stringify(liveShowInput()),
    });
    expect(imported.status).toBe(201);

    const c = await client(cookie);
    const states: LiveState[] = [];
    const packets: OnAirPacketInfo[] = [];
    let health = 0;
    c.on('state', (s) => states.push(s));
    c.on('packets', (b) => packets.push(...b));
    c.on('health', () => health++);
    expect(await sendCommand(c, 'subscribe', { packets: true })).toEqual({ ok: true });
    expect(await sendCommand(c, 'load', { show: 'live-test' })).toEqual({ ok: true });
    await until('live-test state', () => states.at(-1)?.show === 'live-test');

    expect(await sendCommand(c, 'go', {})).toEqual({ ok: true });
    await until('state with cue red', () => states.at(-1)?.current?.id === 'red' && states.at(-1)!.running);
    await until('packets', () => packets.length > 0 && health > 0);
    expect(packets.every((p) => typeof p.rf === 'string' && p.endMs >= p.startMs)).toBe(true);
    const crowd = server.runtime.current!.crowd!;
    await until('red crowd', () => snapshot(crowd, performance.now()).histogram()[0].rgb.join() === '255,0,0');

    expect(await sendCommand(c, 'blackout', { on: true })).toEqual({ ok: true });
    await until('blackout state', () => states.at(-1)?.blackout === true);
    await until('dark crowd', () => snapshot(crowd, performance.now()).histogram()[0].rgb.join() === '0,0,0');
    expect(await sendCommand(c, 'blackout', { on: false })).toEqual({ ok: true });

    const bad = await sendCommand(c, 'master', { level: 999 });
    expect(bad).toMatchObject({ ok: false, errors: [{ path: 'level' }] });
  });

  it('a designer watches and rehearses but cannot touch the live show', async () => {
    const cookie = await makeAccount('designer', 'designer-password-1');
    const c = await client(cookie);
    expect(await sendCommand(c, 'subscribe', {})).toEqual({ ok: true });
    const go = await sendCommand(c, 'go', {});
    expect(go).toEqual({ ok: false, error: 'a designer account may not go (needs live:control)' });
    expect(await sendCommand(c, 'blackout', { on: true })).toMatchObject({ ok: false });
    expect(server.runtime.snapshot().blackout).toBe(false);
    const preview: OnAirPacketInfo[] = [];
    c.on('packets', (b) => preview.push(...b));
    expect(await sendCommand(c, 'preview', { show: 'live-test', parade: 'pulse' })).toEqual({ ok: true });
    await until('preview packets', () => preview.some((p) => p.transmitterId === 'preview'));
    expect(await sendCommand(c, 'stopPreview', {})).toEqual({ ok: true });
  });

  it('a restart picks the running show up where it has got to, and prints no password again', async () => {
    const cookie = await login('operator1', 'operator-password-1');
    const c = await client(cookie);
    expect(await sendCommand(c, 'goto', { cue: 'green' })).toEqual({ ok: true });
    await sleep(50);
    c.close();
    await server.close();
    await sleep(400); // green's follow (300 ms) fires blue meanwhile
    server = await start();
    expect(server.firstStart).toBe(false);
    expect(server.adminPassword).toBeUndefined();
    expect(server.liveShowNote).toMatch(/restored \(running at/);
    expect(server.runtime.snapshot()).toMatchObject({ show: 'live-test', running: true, current: { id: 'blue' } });
    // sessions survive the restart
    const again = await client(cookie);
    expect(await sendCommand(again, 'subscribe', {})).toEqual({ ok: true });
  });
});
