/**
 * A 10,000-cue show imported, saved, read and made live over a real server
 * while the demo show plays: every heavy step (the show parser, the safety
 * check) runs in a worker task, never on the thread that plays the show. The
 * heavy functions are watched on this thread; a worker loads its own copies,
 * so a call seen here is a call on the show's loop.
 */
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseShow } from '@crowdcue/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkShow } from '../safety/check-show';
import { bigShowInput } from '../show/big-show.test-util';
import { openConsoleSocket, sendCommand, whenConnected, type ConsoleSocket } from './console-socket.test-util';
import { startControllerServer, type ControllerServer } from './controller-server';
import { SESSION_COOKIE } from './plugins/auth';
import { cueCount } from './show-validate-task';

vi.mock('@crowdcue/protocol', async (importOriginal) => {
  const real = await importOriginal<typeof import('@crowdcue/protocol')>();
  return { ...real, parseShow: vi.fn(real.parseShow) };
});
vi.mock('../safety/check-show', async (importOriginal) => {
  const real = await importOriginal<typeof import('../safety/check-show')>();
  return { ...real, checkShow: vi.fn(real.checkShow) };
});

const CUES = 10_000;
let dir: string;
let server: ControllerServer;
let socket: ConsoleSocket;
let cookie: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-heavy-'));
  server = await startControllerServer({ dataDir: dir, port: 0, buildConsole: false, loginAttemptsPerMinute: 1000 });
  const res = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: server.adminPassword }) });
  cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0]!;
  socket = openConsoleSocket(server.url, { cookie });
  await whenConnected(socket);
}, 30_000);
afterAll(async () => {
  socket?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Calls on this thread with a show of 10,000 cues (small shows are fine inline). */
const bigCallsHere = () => [
  ...vi.mocked(parseShow).mock.calls.filter(([json]) => cueCount(json) >= CUES).map(() => 'parseShow'),
  ...vi.mocked(checkShow).mock.calls.filter(([show]) => cueCount(show) >= CUES).map(() => 'checkShow'),
];

const rest = (method: string, path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });

describe('a 10,000-cue show beside a playing show', () => {
  it('is imported, saved, read, loaded and GOne with its parse and safety check in worker tasks', async () => {
    expect((await sendCommand(socket, 'go', {})).ok).toBe(true);
    expect(server.runtime.current?.engine.state.status).toBe('running');
    vi.mocked(parseShow).mockClear();
    vi.mocked(checkShow).mockClear();

    // Cues GOne by hand: the safety check is quick to run, so the test is about where it runs.
    const input = bigShowInput(CUES, { allZones: true, follow: false });
    const imported = await rest('POST', 'api/shows/import', input);
    expect(imported.status).toBe(201);
    const put = await rest('PUT', `api/shows/${input.id}`, { revision: 1, show: { ...input, name: 'Renamed' } });
    expect(put.status).toBe(200);
    // The file changed by hand: read afresh, not from what the save kept.
    await utimes(join(dir, 'shows', `${input.id}.json`), new Date(), new Date(Date.now() + 1000));
    const read = await fetch(`${server.url}api/shows/${input.id}`, { headers: { cookie } });
    expect(((await read.json()) as { show: { name: string } }).show.name).toBe('Renamed');
    // The demo show plays on while all that happens.
    expect(server.runtime.current?.show.id).toBe('demo');
    expect(server.runtime.current?.engine.state.status).toBe('running');

    const loaded = await sendCommand(socket, 'load', { show: input.id });
    expect(loaded).toEqual({ ok: true });
    expect(server.runtime.current?.show.cueLists[0]?.cues).toHaveLength(CUES);
    expect((await sendCommand(socket, 'go', {})).ok).toBe(true);

    expect(bigCallsHere()).toEqual([]);
    // The watch works: the same functions called here are seen.
    checkShow(server.runtime.current!.show);
    expect(bigCallsHere()).toEqual(['checkShow']);
  }, 120_000);
});
