/**
 * The OSC input over real loopback UDP, in front of a real live runtime:
 * packets built here, every address of the address space, bad arguments,
 * unknown addresses, garbage, a source not on the allow-list, a flood, and
 * state feedback to a subscriber.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OscInputSchema, type OscInputFile } from '@crowdcue/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveShowInput, until } from '../../live/live-fixtures.test-util';
import { LiveShowRuntime } from '../../live/live-show-runtime';
import { ShowStore } from '../../storage/show-store';
import { f, i, OscTestClient, s } from './osc-client.test-util';
import { OscInputServer, type OscInputOptions } from './osc-input';

let dir: string;
let runtime: LiveShowRuntime;
const open: Array<{ close(): Promise<void> }> = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-osc-'));
  const shows = new ShowStore(dir);
  await shows.init();
  const input = liveShowInput();
  // A second playback, for the per-playback addresses.
  input.cueLists!.push({ id: 'side', name: 'Side', priority: 1, cues: [
    { id: 's1', number: 1, label: 'Side one', looks: { zone3: { kind: 'color', color: '#0000ff' } } },
    { id: 's2', number: 2, label: 'Side two', looks: { zone3: { kind: 'color', color: '#00ffff' } } },
  ] });
  await shows.save(input, 'test');
  runtime = new LiveShowRuntime({ shows, crowd: false, reportEveryMs: 100, heartbeatMs: 200 });
  await runtime.load('live-test');
});
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  await runtime.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(config: OscInputFile = {}, extra: Partial<OscInputOptions> = {}): Promise<{ input: OscInputServer; client: OscTestClient }> {
  const input = await OscInputServer.open({ config: OscInputSchema.parse(config), host: '127.0.0.1', port: 0, runtime, feedbackEveryMs: 10, ...extra });
  open.push(input);
  const client = await OscTestClient.open(input.port);
  open.push(client);
  return { input, client };
}

const state = () => runtime.snapshot();
const playback = (id: string) => state().playbacks.find((p) => p.cueList === id)!;

describe('OSC input', () => {
  it('carries out every command address through the live runtime and answers each', async () => {
    const { client } = await start();
    const ok = async (address: string, ...args: Parameters<OscTestClient['send']>[1][]) => {
      client.send(address, ...args);
      const r = await client.reply(address);
      expect(r, `${address}: ${JSON.stringify(r.args)}`).toMatchObject({ address: '/crowdcue/ok' });
    };

    await ok('/crowdcue/go');
    expect(state().current?.id).toBe('red');
    await ok('/crowdcue/goto', s('blue'));
    expect(state().current?.id).toBe('blue');
    await ok('/crowdcue/back', s('main'));
    expect(state().current?.id).toBe('green');
    await ok('/crowdcue/goto', s('red'), s('main'));
    await ok('/crowdcue/pause');
    expect(state().paused).toBe(true);
    await ok('/crowdcue/resume');
    expect(state().paused).toBe(false);
    await ok('/crowdcue/stop', s('main'));
    expect(playback('main').running).toBe(false);

    await ok('/crowdcue/playback/side/go', f(1));
    expect(playback('side').current?.id).toBe('s1');
    await ok('/crowdcue/playback/side/pause');
    expect(playback('side').paused).toBe(true);
    await ok('/crowdcue/playback/side/resume');
    await ok('/crowdcue/playback/side/goto', s('s2'));
    expect(playback('side').current?.id).toBe('s2');
    await ok('/crowdcue/playback/side/back');
    expect(playback('side').current?.id).toBe('s1');
    await ok('/crowdcue/playback/side/level', f(0.5));
    expect(playback('side').level).toBe(128);
    await ok('/crowdcue/playback/side/level', i(200));
    expect(playback('side').level).toBe(200);
    await ok('/crowdcue/playback/side/stop');
    expect(playback('side').running).toBe(false);

    await ok('/crowdcue/master', f(0.25));
    expect(state().master).toBe(64);
    await ok('/crowdcue/master', i(255));
    expect(state().master).toBe(255);
    await ok('/crowdcue/blackout', i(1));
    expect(state().blackout).toBe(true);
    await ok('/crowdcue/blackout', { type: 'false', value: false } as never);
    expect(state().blackout).toBe(false);

    await ok('/crowdcue/zone/1/busk', s('#ff00ff'));
    expect(state().zones.find((z) => z.zone === 1)).toMatchObject({ source: 'busk', look: { kind: 'color', color: [255, 0, 255] } });
    await ok('/crowdcue/zone/2/busk', f(0), f(1), f(0));
    expect(state().zones.find((z) => z.zone === 2)).toMatchObject({ source: 'busk', look: { color: [0, 255, 0] } });
    await ok('/crowdcue/zone/1/release');
    expect(state().zones.find((z) => z.zone === 1)?.source).not.toBe('busk');
    await ok('/crowdcue/release');
    expect(state().zones.some((z) => z.source === 'busk' || z.source === 'safety')).toBe(false);

    client.send('/crowdcue/ping');
    await client.next((m) => m.address === '/crowdcue/pong');
  });

  it("slows a strobe busked over OSC to the show's flash limit, as it does the console's", async () => {
    const { client } = await start();
    client.send('/crowdcue/zone/0/busk', s('#ffffff'), s('#000000'), s('square'), i(50));
    expect((await client.reply('/crowdcue/zone/0/busk')).address).toBe('/crowdcue/ok');
    const zone = state().zones.find((z) => z.zone === 0)!;
    expect(zone.source).toBe('safety');
    expect(zone.look).toMatchObject({ kind: 'effect', shape: 'SQUARE' });
    expect((zone.look as { period: number }).period).toBeGreaterThanOrEqual(334);
  });

  it('refuses bad argument types, unknown addresses, patterns and garbage with a reason, counting each, and keeps working', async () => {
    const { input, client } = await start();
    const refused = async (address: string, ...args: Parameters<OscTestClient['send']>[1][]) => {
      client.send(address, ...args);
      const r = await client.reply(address);
      expect(r.address).toBe('/crowdcue/error');
      return String(r.args[1].value);
    };
    expect(await refused('/crowdcue/master', s('loud'))).toMatch(/master: s "loud" is not a level/);
    expect(await refused('/crowdcue/master', f(1.5))).toMatch(/outside 0\.\.1/);
    expect(await refused('/crowdcue/master')).toMatch(/master: missing/);
    expect(await refused('/crowdcue/blackout', s('yes'))).toMatch(/not on\/off/);
    expect(await refused('/crowdcue/zone/64/busk', s('#ff0000'))).toMatch(/zone "64" must be 0\.\.63/);
    expect(await refused('/crowdcue/zone/1/busk', s('red'))).toMatch(/is not #rrggbb/);
    expect(await refused('/crowdcue/zone/1/busk', s('#ff0000'), s('#000000'), s('ZIGZAG'), i(500))).toMatch(/look\.shape/);
    expect(await refused('/crowdcue/goto', s('nope'))).toMatch(/nope/);
    expect(await refused('/crowdcue/playback/ghost/go')).toMatch(/ghost/);
    expect(await refused('/crowdcue/lights/on')).toMatch(/unknown address/);
    expect(await refused('/crowdcue/playback/*/go')).toMatch(/address patterns/);

    client.sendRaw(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    const garbage = await client.next((m) => m.address === '/crowdcue/error' && m.args[0].value === '');
    expect(String(garbage.args[1].value)).toMatch(/not an OSC packet/);
    // A type tag osc-min does not know.
    client.sendRaw(new Uint8Array([...Buffer.from('/crowdcue/go\0\0\0\0,q\0\0')]));
    await client.next((m) => m.address === '/crowdcue/error' && m.args[0].value === '');

    // Not counted as malformed: well-formed commands the show refused (no such cue, no such playback).
    const st = input.status();
    expect(st.malformed).toBe(11);
    expect(st.recent.length).toBeGreaterThan(0);
    client.send('/crowdcue/go');
    expect((await client.reply('/crowdcue/go')).address).toBe('/crowdcue/ok');
  });

  it('drops and counts packets from an address not on the allow-list, unanswered; a CIDR block lets them in', async () => {
    const { input, client } = await start({ allow: ['10.0.0.0/8', '::2'] });
    client.send('/crowdcue/blackout', i(1));
    client.send('/crowdcue/ping');
    await until('both dropped', () => input.status().dropped === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(client.received).toEqual([]);
    expect(state().blackout).toBe(false);
    expect(input.status().recent.at(-1)).toMatchObject({ why: 'not on the allow-list' });

    const { client: allowed } = await start({ allow: ['127.0.0.0/8'] });
    allowed.send('/crowdcue/blackout', i(1));
    expect((await allowed.reply('/crowdcue/blackout')).address).toBe('/crowdcue/ok');
    expect(state().blackout).toBe(true);
  });

  it('rate-limits a flood of packets before decoding, and commands at the console rate; blackout still goes through', async () => {
    const { input, client } = await start({}, { packetsPerSecond: 20, commandLimits: { pressesPerSecond: 3 } });
    for (let n = 0; n < 60; n++) client.send('/crowdcue/ping');
    await until('the flood counted', () => input.status().rateLimited >= 30);
    await new Promise((r) => setTimeout(r, 50));
    expect(client.received.filter((m) => m.address === '/crowdcue/pong').length).toBeLessThanOrEqual(20);

    await new Promise((r) => setTimeout(r, 1000));
    client.received.length = 0;
    for (let n = 0; n < 5; n++) client.send('/crowdcue/release');
    client.send('/crowdcue/blackout', i(1));
    const replies = await Promise.all([...Array(5)].map(() => client.reply('/crowdcue/release')));
    expect(replies.filter((r) => r.address === '/crowdcue/ok').length).toBe(3);
    expect(String(replies.find((r) => r.address === '/crowdcue/error')?.args[1].value)).toMatch(/too many live commands/);
    expect((await client.reply('/crowdcue/blackout')).address).toBe('/crowdcue/ok');
  });

  it('sends the whole state to a new subscriber, then only what changes', async () => {
    const { input, client } = await start();
    const listener = await OscTestClient.open(input.port);
    open.push(listener);
    client.send('/crowdcue/subscribe', i(listener.port));
    await client.reply('/crowdcue/subscribe');
    await listener.next((m) => m.address === '/crowdcue/state/show' && m.args[0].value === 'live-test');
    await listener.next((m) => m.address === '/crowdcue/state/current' && m.args[0].value === '');
    await listener.next((m) => m.address === '/crowdcue/state/next' && m.args[0].value === '1 Red');
    await listener.next((m) => m.address === '/crowdcue/master' && m.args[0].value === 1);
    await listener.next((m) => m.address === '/crowdcue/state/playback/side/next' && m.args[0].value === '1 Side one');
    expect(input.status().subscribers).toBe(1);
    expect(listener.received.some((m) => m.address === '/crowdcue/state/timecode')).toBe(false);

    listener.received.length = 0;
    client.send('/crowdcue/go');
    await listener.next((m) => m.address === '/crowdcue/state/current' && m.args[0].value === '1 Red');
    await listener.next((m) => m.address === '/crowdcue/state/next' && m.args[0].value === '2 Green');
    client.send('/crowdcue/master', i(51));
    await listener.next((m) => m.address === '/crowdcue/master' && Math.abs((m.args[0].value as number) - 0.2) < 1e-6);
    await listener.next((m) => m.address === '/crowdcue/state/master' && m.args[0].value === 51);
    // Nothing that did not change is sent again.
    expect(listener.received.filter((m) => m.address === '/crowdcue/state/show')).toEqual([]);

    client.send('/crowdcue/unsubscribe', i(listener.port));
    await client.reply('/crowdcue/unsubscribe');
    expect(input.status().subscribers).toBe(0);
  });

  it('sends timecode to subscribers when the show has a source', async () => {
    const { client } = await start({}, { timecode: () => '01:02:03:04' });
    client.send('/crowdcue/subscribe');
    await client.next((m) => m.address === '/crowdcue/state/timecode' && m.args[0].value === '01:02:03:04');
  });

  it('refuses a port in use with a clear reason', async () => {
    const { input } = await start();
    await expect(OscInputServer.open({ config: OscInputSchema.parse({}), host: '127.0.0.1', port: input.port, runtime })).rejects.toThrow(/OSC port \d+ is in use/);
  });
});
