/**
 * A live show file cut short between two runs: the server puts its backup back,
 * plays it, and a console joining later is shown the recovery warning.
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoShowInput } from '../show/demo-show';
import { openConsoleSocket, sendCommand, whenConnected, type ConsoleSocket } from './console-socket.test-util';
import { startControllerServer, type ControllerServer } from './controller-server';
import { SESSION_COOKIE } from './plugins/auth';

let dir: string;
const open: Array<ControllerServer | ConsoleSocket> = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-recovery-'));
});
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
  await rm(dir, { recursive: true, force: true });
});

const start = async () => {
  const s = await startControllerServer({ dataDir: dir, port: 0, buildConsole: false, loginAttemptsPerMinute: 1000, runtime: { crowd: false } });
  open.push(s);
  return s;
};

describe('controller server start-up with a damaged live show file', () => {
  it('plays the backup and warns every console that joins', async () => {
    const first = await start();
    const password = first.adminPassword!;
    await first.shows.save({ ...demoShowInput(), name: 'Demo again' }, 'admin', { overwrite: true });
    await first.close();
    open.length = 0;
    const file = join(dir, 'shows', 'demo.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length / 3));

    const server = await start();
    expect(server.runtime.liveShowId).toBe('demo');
    const res = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0];
    const c = openConsoleSocket(server.url, { cookie });
    open.push(c);
    const warnings: Array<{ message: string; code?: string }> = [];
    c.on('warning', (w) => warnings.push(w));
    await whenConnected(c);
    const ack = await sendCommand(c, 'subscribe', {});
    expect(ack).toEqual({ ok: true });
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'storage', message: expect.stringMatching(/show 'demo' was damaged and its backup was put back \(demo\.json: not valid JSON/) }));
  }, 30_000);
});
