import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AirMessage } from '../page/air-message';
import type { PageHello } from '../page/page-events';
import { startSimulatePage, type SimulatePage } from './simulate-page-server';

const recipe = { venue: { kind: 'arena' as const, options: { seats: 500 } }, crowd: { seed: 2 } };
let root: string;
let dir: string;
let server: SimulatePage | undefined;
let client: Socket | undefined;

beforeEach(async () => {
  // A stand-in for the built page, so these tests need no Vite build.
  root = await mkdtemp(join(tmpdir(), 'crowdcue-page-test-'));
  dir = join(root, 'page');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>page</title>');
  await writeFile(join(dir, 'assets', 'main.js'), 'console.log(1)');
});

afterEach(async () => {
  client?.disconnect();
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

function open(url: string): { socket: Socket; hello: Promise<PageHello>; replay: Promise<AirMessage[]>; air: AirMessage[] } {
  const socket = connect(url, { transports: ['websocket'], forceNew: true });
  client = socket;
  const air: AirMessage[] = [];
  socket.on('air', (m: AirMessage) => air.push(m));
  return {
    socket,
    air,
    hello: new Promise((r) => socket.once('hello', r)),
    replay: new Promise((r) => socket.once('replay', r)),
  };
}

describe('simulate page server', () => {
  it('serves the page and its assets, nothing outside its folder', async () => {
    server = await startSimulatePage({ crowd: recipe, port: 0, pageDir: dir });
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect((await fetch(new URL('assets/main.js', server.url))).headers.get('content-type')).toContain('javascript');
    // Raw paths: fetch would normalise the dots away before sending.
    const raw = (path: string) =>
      new Promise<number>((r, reject) => get({ host: '127.0.0.1', port: server?.port, path }, (res) => r(res.statusCode ?? 0)).on('error', reject));
    await writeFile(join(root, 'outside.txt'), 'secret');
    expect(await raw(`/../${'outside.txt'}`)).toBe(404);
    expect(await raw('/%2e%2e/outside.txt')).toBe(404);
    expect(await raw('/assets/%2e%2e/%2e%2e/outside.txt')).toBe(404);
    // An encoded slash survives URL parsing and only becomes a separator once decoded.
    expect(await raw('/..%2foutside.txt')).toBe(404);
    expect(await raw('/assets/..%2f..%2foutside.txt')).toBe(404);
    expect((await fetch(new URL('/missing.js', server.url))).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('greets a page with the crowd recipe and the show clock, then replays what went on air', async () => {
    let now = 5000;
    server = await startSimulatePage({ crowd: recipe, port: 0, pageDir: dir, now: () => now });
    server.feed({ rf: Uint8Array.of(1, 1, 2), endMs: 4000 });
    server.receive(Uint8Array.of(1, 2, 2), 4500, Uint8Array.of(1, 0, 1));
    now = 6000;
    const page = open(server.url);
    const hello = await page.hello;
    expect(hello).toEqual({ crowd: recipe, nowMs: 6000, packets: 2 });
    const replay = await page.replay;
    expect(replay.map((m) => [m.rf, m.endMs])).toEqual([
      ['010102', 4000],
      ['010202', 4500],
    ]);
    expect(new Uint8Array(replay[1].reached as unknown as ArrayBuffer)).toEqual(Uint8Array.of(0b101));

    server.feed({ rf: 'AA', endMs: 6001 });
    await expect.poll(() => page.air.length).toBe(1);
    expect(page.air[0]).toMatchObject({ rf: 'aa', endMs: 6001, reached: null });
    expect(server.packets).toBe(3);
    expect(server.pages).toBe(1);
  });

  it('keeps only the most recent transmissions for late pages', async () => {
    server = await startSimulatePage({ crowd: recipe, port: 0, pageDir: dir, historyLimit: 3 });
    for (let i = 1; i <= 5; i++) server.feed({ rf: Uint8Array.of(1, i), endMs: i });
    const replay = await open(server.url).replay;
    expect(replay.map((m) => m.endMs)).toEqual([3, 4, 5]);
  });

  it('says which port is taken', async () => {
    server = await startSimulatePage({ crowd: recipe, port: 0, pageDir: dir });
    await expect(startSimulatePage({ crowd: recipe, port: server.port, pageDir: dir })).rejects.toThrow(/EADDRINUSE/);
  });
});
