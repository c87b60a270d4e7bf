import type { LiveState } from '@crowdcue/protocol';
import { Subject } from 'rxjs';
import { openConsoleSocket, sendCommand, whenConnected, type ConsoleSocket as Client } from '../console-socket.test-util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveRuntime } from '../../live/live-runtime';
import { createTestApp, type TestApp } from '../test-app';
import realtimePlugin from './realtime';


const idle: LiveState = {
  show: 'demo', positionMs: 0, serverTime: 0, running: false, paused: false, current: null, next: null,
  cueProgress: 0, zones: [], master: 255, blackout: false, parades: [], playbacks: [], goLockoutMs: 0,
};

let t: TestApp;
let url: string;
let calls: string[];
const clients: Client[] = [];

beforeEach(async () => {
  calls = [];
  const runtime: LiveRuntime = {
    state$: new Subject(), packets$: new Subject(), health$: new Subject(), airtime$: new Subject(), lateness$: new Subject(), warnings$: new Subject(),
    snapshot: () => idle,
    async command(name) {
      calls.push(name);
      return { ok: true };
    },
  };
  // The sweep is slowed to a minute: closing on logout, deletion and role change must not wait for it.
  t = await createTestApp({ extend: async (app) => { await app.register(realtimePlugin, { runtime, sessionSweepMs: 60_000 }); } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await t.close();
});

function open(headers: Record<string, string>): Client {
  const c = openConsoleSocket(url, headers);
  clients.push(c);
  return c;
}
const connected = whenConnected;
const disconnected = (c: Client) => new Promise<string>((resolve) => c.once('disconnect', (reason) => resolve(reason)));
const send = sendCommand;

const idOf = (username: string) => t.accounts.list().find((a) => a.username === username)!.id;

describe('a live socket lives no longer than its session', () => {
  it('is closed by the server when its session logs out', async () => {
    const cookie = await t.cookie('operator');
    const op = open({ cookie });
    await connected(op);
    const gone = disconnected(op);
    expect((await t.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie } })).statusCode).toBe(200);
    expect(await gone).toBe('io server disconnect');
  });

  it("is closed when its account is deleted or its role changes, and reconnects with the new role's rights", async () => {
    const admin = await t.as('admin');
    const opCookie = await t.cookie('operator');
    const designerCookie = await t.cookie('designer');
    const op = open({ cookie: opCookie });
    const designer = open({ cookie: designerCookie });
    await Promise.all([connected(op), connected(designer)]);

    const opGone = disconnected(op);
    expect((await admin({ method: 'DELETE', url: `/api/accounts/${idOf('operator-user')}` })).statusCode).toBe(200);
    expect(await opGone).toBe('io server disconnect');

    const designerGone = disconnected(designer);
    expect((await admin({ method: 'PATCH', url: `/api/accounts/${idOf('designer-user')}`, payload: { role: 'operator' } })).statusCode).toBe(200);
    expect(await designerGone).toBe('io server disconnect');
    const promoted = open({ cookie: designerCookie });
    await connected(promoted);
    expect(await send(promoted, 'go', {})).toEqual({ ok: true });
  });

  it('refuses a handshake from a foreign Origin even with a valid cookie, and lets its own origin in', async () => {
    const cookie = await t.cookie('operator');
    await expect(connected(open({ cookie, origin: 'http://evil.example' }))).rejects.toThrow(/another site \(Origin http:\/\/evil\.example\)/);
    await connected(open({ cookie, origin: url }));
  });

  it('closes the connection of a refused handshake, even for a client that would keep it open', async () => {
    // A bare engine.io client: it asks for the main namespace and, unlike socket.io-client, never hangs up.
    const raw = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const frames: string[] = [];
    const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));
    raw.on('message', (data: Buffer) => {
      const text = data.toString();
      frames.push(text);
      if (text.startsWith('0')) raw.send('40');
    });
    await closed;
    expect(frames.some((f) => f.startsWith('44') && f.includes('log in first'))).toBe(true);
    expect(t.app.io.engine.clientsCount).toBe(0);
  });
});

describe('live command rate limit', () => {
  it('refuses a flood of GOs past a human pace, and never refuses blackout', async () => {
    const op = open({ cookie: await t.cookie('operator') });
    await connected(op);
    const acks = await Promise.all(Array.from({ length: 1000 }, () => send(op, 'go', {})));
    const accepted = acks.filter((a) => a.ok).length;
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThanOrEqual(60);
    expect(acks.find((a) => !a.ok)).toMatchObject({ ok: false, error: expect.stringMatching(/too many live commands/) });

    const blackouts = await Promise.all(Array.from({ length: 300 }, (_, i) => send(op, 'blackout', { on: i % 2 === 0 })));
    expect(blackouts.every((a) => a.ok)).toBe(true);
    expect(calls.filter((c) => c === 'blackout')).toHaveLength(300);
  });
});
