import type { LiveState, OnAirPacketInfo } from '@crowdcue/protocol';
import { Subject } from 'rxjs';
import { openConsoleSocket, sendCommand, whenConnected, type ConsoleSocket as Client } from '../console-socket.test-util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveRuntime } from '../../live/live-runtime';
import { createTestApp, type TestApp } from '../test-app';
import realtimePlugin from './realtime';


const idle: LiveState = {
  show: 'demo', positionMs: 0, serverTime: 0, running: false, paused: false, current: null, next: null,
  cueProgress: 0, zones: [], master: 255, blackout: false, parades: [], playbacks: [], goLockoutMs: 0,
};

function fakeRuntime() {
  const state$ = new Subject<LiveState>();
  const packets$ = new Subject<OnAirPacketInfo>();
  const calls: Array<{ name: string; payload: unknown; by: string }> = [];
  const runtime: LiveRuntime = {
    state$, packets$,
    health$: new Subject(), airtime$: new Subject(), lateness$: new Subject(), warnings$: new Subject(),
    snapshot: () => idle,
    async command(name, payload, by) {
      calls.push({ name, payload, by: by.username });
      return { ok: true };
    },
  };
  return { runtime, state$, packets$, calls };
}

let t: TestApp;
let fake: ReturnType<typeof fakeRuntime>;
let url: string;
const clients: Client[] = [];

beforeEach(async () => {
  fake = fakeRuntime();
  t = await createTestApp({ extend: async (app) => { await app.register(realtimePlugin, { runtime: fake.runtime, packetBatchMs: 5 }); } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address() as { port: number };
  url = `http://127.0.0.1:${addr.port}`;
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await t.close();
});

function open(cookie?: string): Client {
  const c = openConsoleSocket(url, cookie ? { cookie } : {});
  clients.push(c);
  return c;
}

const connected = whenConnected;
const send = sendCommand;

describe('realtime', () => {
  it('refuses a socket without a session, and a brand account', async () => {
    await expect(connected(open())).rejects.toThrow(/log in first/);
    await expect(connected(open(await t.cookie('brand')))).rejects.toThrow(/brand account has no live console/);
  });

  it('carries out an operator command and refuses it from a designer', async () => {
    const op = open(await t.cookie('operator'));
    await connected(op);
    expect(await send(op, 'go', {})).toEqual({ ok: true });
    expect(fake.calls).toEqual([{ name: 'go', payload: {}, by: 'operator-user' }]);

    const designer = open(await t.cookie('designer'));
    await connected(designer);
    const refused = await send(designer, 'blackout', { on: true });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/designer account may not blackout/) });
    expect(fake.calls).toHaveLength(1);
  });

  it('answers a hostile payload with the bad fields, and nothing reaches the show', async () => {
    const op = open(await t.cookie('operator'));
    await connected(op);
    const bad = await send(op, 'master', { level: 999, extra: 'x' });
    expect(bad.ok).toBe(false);
    expect(bad.ok === false && bad.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['level']));
    const busk = await send(op, 'busk', { zones: [70], look: { kind: 'color', color: '#zz0000' } });
    expect(busk.ok).toBe(false);
    // No ack function and garbage payloads must not crash the server.
    (op.emit as (n: string, p: unknown) => void)('go', 'not an object');
    (op.emit as (n: string, ...p: unknown[]) => void)('nonsense', 1, 2, 3);
    expect(await send(op, 'pause', {})).toEqual({ ok: true });
    expect(fake.calls.map((c) => c.name)).toEqual(['pause']);
  });

  it('fans state out to subscribers and packets only to those who asked', async () => {
    const viewer = open(await t.cookie('designer'));
    const crowdView = open(await t.cookie('operator'));
    await Promise.all([connected(viewer), connected(crowdView)]);
    const firstState = new Promise<LiveState>((r) => viewer.once("state", r));
    expect(await send(viewer, 'subscribe', {})).toEqual({ ok: true });
    expect((await firstState).show).toBe('demo');
    expect(await send(crowdView, 'subscribe', { packets: true })).toEqual({ ok: true });

    const viewerPackets: OnAirPacketInfo[] = [];
    viewer.on('packets', (b) => viewerPackets.push(...b));
    const got = new Promise<OnAirPacketInfo[]>((r) => crowdView.once('packets', r));
    const stateSeen = new Promise<LiveState>((r) => viewer.once('state', r));
    fake.state$.next({ ...idle, running: true, positionMs: 1234 });
    fake.packets$.next({ rf: '01010100ff8000f401', startMs: 1, endMs: 9, transmitterId: 'tx1' });
    expect((await stateSeen).positionMs).toBe(1234);
    expect(await got).toEqual([{ rf: '01010100ff8000f401', startMs: 1, endMs: 9, transmitterId: 'tx1' }]);
    expect(viewerPackets).toEqual([]);
  });

  it('refuses commands from a console locked after it connected', async () => {
    const cookie = await t.cookie('operator');
    const op = open(cookie);
    await connected(op);
    const lock = await t.app.inject({ method: 'POST', url: '/api/lock', payload: { pin: '1234' }, headers: { cookie } });
    expect(lock.statusCode).toBe(200);
    expect(await send(op, 'go', {})).toMatchObject({ ok: false, error: expect.stringMatching(/locked/) });
    expect(fake.calls).toHaveLength(0);
  });

  it('closes the app while a console is still connected, and the console is told', async () => {
    const op = open(await t.cookie('operator'));
    await connected(op);
    expect(await send(op, 'subscribe', { packets: true })).toEqual({ ok: true });
    const gone = new Promise<string>((resolve) => op.once('disconnect', (reason) => resolve(reason)));
    // Before the fix app.close() waited for the open websocket forever; bound the wait so a hang fails.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), 5000)));
    const closed = await Promise.race([t.app.close().then(() => 'closed' as const), hung]);
    clearTimeout(timer);
    expect(closed).toBe('closed');
    expect(await gone).toBe('io server disconnect');
  });
});
