/**
 * The guards around the live show, on a real controller (in-process, loopback):
 * how long after logout, account deletion and a role change the account's open
 * socket is closed, and what a burst of 1,000 GOs and 300 BLACKOUTs from one
 * operator gets through the per-account command limit. Figures only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startControllerServer } from '@crowdcue/controller/server';
import { percentile, type CommandAck } from '@crowdcue/protocol';
import { openConsoleSocket, sendCommand, whenConnected, type ConsoleSocket } from '../../controller/src/server/console-socket.test-util';
import type { BenchResult } from './types';

const ROUNDS = 10;

async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function openSocket(url: string, cookie: string): Promise<ConsoleSocket> {
  const c = openConsoleSocket(url, { cookie });
  await whenConnected(c);
  return c;
}

const send = sendCommand;

export async function bench(): Promise<BenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'crowdcue-bench-guard-'));
  const server = await startControllerServer({ dataDir, port: 0, host: '127.0.0.1', buildConsole: false, log: () => undefined });
  const rows: BenchResult['rows'] = [];
  const notes = [`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load ${loadavg()[0].toFixed(2)} at start`];
  try {
    const admin = await login(server.url, 'admin', server.adminPassword!);
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, { method, headers: { cookie: admin, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });

    const cases: Array<[string, (id: string, cookie: string) => Promise<Response>]> = [
      ['logout', (_id, cookie) => fetch(`${server.url}api/logout`, { method: 'POST', headers: { cookie } })],
      ['account deleted', (id) => call('DELETE', `api/accounts/${id}`)],
      ['role changed', (id) => call('PATCH', `api/accounts/${id}`, { role: 'designer' })],
    ];
    for (const [what, act] of cases) {
      const ms: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const username = `op-${what.replace(/\W/g, '')}-${i}`;
        const created = (await (await call('POST', 'api/accounts', { username, role: 'operator', password: 'operator-password' })).json()) as { id: string };
        const cookie = await login(server.url, username, 'operator-password');
        const socket = await openSocket(server.url, cookie);
        const closed = new Promise<number>((resolve) => socket.once('disconnect', () => resolve(performance.now())));
        const t0 = performance.now();
        const res = await act(created.id, cookie);
        if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
        ms.push((await closed) - t0);
        socket.close();
      }
      ms.sort((a, b) => a - b);
      rows.push({ case: `socket closed after ${what}`, n: ROUNDS, p50Ms: percentile(ms, 0.5), maxMs: ms[ms.length - 1] });
    }

    await call('POST', 'api/accounts', { username: 'flood-op', role: 'operator', password: 'operator-password' });
    const op = await openSocket(server.url, await login(server.url, 'flood-op', 'operator-password'));
    const t0 = performance.now();
    const gos = await Promise.all(Array.from({ length: 1000 }, () => send(op, 'go', {})));
    const goMs = performance.now() - t0;
    const blackouts = await Promise.all(Array.from({ length: 300 }, (_, i) => send(op, 'blackout', { on: i % 2 === 0 })));
    op.close();
    const byLimit = (acks: CommandAck[]) => acks.filter((a) => !a.ok && /too many live commands/.test(a.error)).length;
    const tally = (acks: CommandAck[]) => ({ accepted: acks.filter((a) => a.ok).length, refusedByLimit: byLimit(acks), refusedByShow: acks.filter((a) => !a.ok).length - byLimit(acks) });
    rows.push({ case: '1,000 GOs at once', n: 1000, ...tally(gos), allAckedMs: goMs });
    rows.push({ case: '300 BLACKOUTs at once', n: 300, ...tally(blackouts) });
    notes.push("refusedByShow: the show's own GO lock-out (goLockoutMs), not the rate limit");
    notes.push('sockets are closed on the account change itself; the 1 s session sweep is the backstop for expiry');
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return { name: 'session guard', rows, notes };
}
