/**
 * A console subscribing mid-show gets a catch-up batch at once: real socket.io
 * clients against the live runtime on the built-in virtual transmitter.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCcb, fromHex, type OnAirPacketInfo } from '@crowdcue/protocol';
import { openConsoleSocket, sendCommand, whenConnected, type ConsoleSocket as Client } from '../console-socket.test-util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveShowInput, RED, until } from '../../live/live-fixtures.test-util';
import { LiveShowRuntime } from '../../live/live-show-runtime';
import { ShowStore } from '../../storage/show-store';
import { createTestApp, type TestApp } from '../test-app';
import realtimePlugin from './realtime';


let dir: string;
let runtime: LiveShowRuntime;
let t: TestApp;
let url: string;
const clients: Client[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-catch-up-'));
  const shows = new ShowStore(dir);
  await shows.init();
  await shows.save(liveShowInput(), 'test');
  runtime = new LiveShowRuntime({ shows, reportEveryMs: 1000, heartbeatMs: 1000 });
  t = await createTestApp({ extend: async (app) => void (await app.register(realtimePlugin, { runtime, packetBatchMs: 5 })) });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await t.close();
  await runtime.close();
  await rm(dir, { recursive: true, force: true });
});

async function operatorClient(): Promise<Client> {
  const cookie = await t.cookie('operator');
  const c = openConsoleSocket(url, { cookie });
  clients.push(c);
  await whenConnected(c);
  return c;
}

const send = sendCommand;

const cmdOf = (p: OnAirPacketInfo) => {
  const r = decodeCcb(fromHex(p.rf as string));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const isRed = (p: OnAirPacketInfo) => {
  const c = cmdOf(p);
  return c.cmd === 'COLOR' && c.rgb.join() === RED.join();
};

describe('realtime: a console joining mid-show', () => {
  it('gets the last SYNC and the packet behind the current look as soon as it subscribes', async () => {
    await runtime.load('live-test');
    const first = await operatorClient();
    const seen: OnAirPacketInfo[] = [];
    first.on('packets', (batch) => seen.push(...batch));
    expect(await send(first, 'subscribe', { packets: true })).toEqual({ ok: true });
    expect(await send(first, 'go', {})).toEqual({ ok: true });
    await until('the red cue on air', () => seen.some(isRed));
    // The band clock's SYNC goes out on its own beat, which on a loaded machine can come after the cue.
    await until('a SYNC on air', () => seen.some((p) => cmdOf(p).cmd === 'SYNC'));
    const red = seen.find(isRed)!;

    const second = await operatorClient();
    const batches: OnAirPacketInfo[][] = [];
    second.on('packets', (batch) => batches.push(batch));
    expect(await send(second, 'subscribe', { packets: true })).toEqual({ ok: true });
    // Sent before the ack: the console has it before anything else happens.
    expect(batches.length).toBeGreaterThan(0);
    const catchUp = batches[0];
    // The red cue's packet (its latest transmission: a repeat has the same bytes).
    expect(catchUp.find((p) => p.rf === red.rf)?.endMs).toBeGreaterThanOrEqual(red.endMs);
    expect(catchUp.some((p) => cmdOf(p).cmd === 'SYNC')).toBe(true);
    // Real show-ms times, in air order.
    const ends = catchUp.map((p) => p.endMs);
    expect(ends).toEqual([...ends].sort((a, b) => a - b));
    expect(red.endMs).toBeGreaterThan(0);
  });
});
