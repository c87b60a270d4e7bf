/**
 * The desk input with real packets over loopback UDP: sACN from the `sacn`
 * library's sender (unicast and multicast), Art-Net and hostile datagrams built
 * here, into a real zone mixer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { asyncScheduler } from 'rxjs';
import { DeskInputSchema, type DeskInputConfig, type Look } from '@crowdcue/protocol';
import { ZoneMixer } from '../../mixer/zone-mixer';
import { clampLook } from '../../safety/clamp-look';
import { DeskInput } from './desk-input';
import type { DeskTarget } from './desk-target';
import { artDmx } from './artnet-packet';
import { RawSender, sacnBytes, sacnSender, until, type SacnTestSender } from './desk-senders.test-util';

/** Slot numbers of the personality at address 1. */
const MASTER = 1;
const BLACKOUT = 2;
const GO1 = 3;
const LEVEL1 = 4;
const zoneSlot = (zone: number, ch: number) => 11 + zone * 8 + ch;

function zone(z: number, [r, g, b]: number[], intensity = 255, effect = 0, speed = 0): Record<number, number> {
  return { [zoneSlot(z, 0)]: intensity, [zoneSlot(z, 1)]: r, [zoneSlot(z, 2)]: g, [zoneSlot(z, 3)]: b, [zoneSlot(z, 4)]: effect, [zoneSlot(z, 5)]: speed };
}

interface Rig {
  desk: DeskInput;
  mixer: ZoneMixer;
  calls: string[];
  warnings: string[];
  show: (z: number) => Look | null;
}

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function rig(config: Partial<DeskInputConfig> = {}, extra: { sourceTimeoutMs?: number; flashLimit?: number; flood?: { perSourceRate?: number } } = {}): Promise<Rig> {
  const mixer = new ZoneMixer({ zones: [0, 1, 2, 3], scheduler: asyncScheduler, clampLook: (look) => clampLook(look, extra.flashLimit ?? 3) });
  const calls: string[] = [];
  const warnings: string[] = [];
  const target: DeskTarget = {
    zones: mixer.zones,
    cueLists: ['songs', 'crowd'],
    setLooks: (looks) => mixer.setSource('desk', looks),
    release: (zones) => mixer.setSource('desk', null, zones),
    setBlackout: (on) => {
      calls.push(`blackout ${on}`);
      return mixer.setBlackout(on);
    },
    go: (list) => {
      calls.push(`go ${list}`);
      return { ok: true };
    },
    setLevel: (list, level) => {
      calls.push(`level ${list} ${level}`);
      return { ok: true };
    },
  };
  const desk = new DeskInput({
    config: { ...DeskInputSchema.parse({ protocol: 'sacn', universe: 7, address: 1, zones: 4, holdMs: 300, ...config }), port: 0 },
    target,
    scheduler: asyncScheduler,
    flashLimit: extra.flashLimit ?? 3,
    warn: (m) => warnings.push(m),
    sourceTimeoutMs: extra.sourceTimeoutMs,
    flood: extra.flood,
  });
  await desk.start();
  open.push({ close: () => desk.stop() });
  return { desk, mixer, calls, warnings, show: (z) => mixer.zoneAt(z).look };
}

function sender(r: Rig, opts: { name?: string; cidByte?: number; priority?: number; multicast?: boolean } = {}): SacnTestSender {
  const s = sacnSender({ universe: 7, port: r.desk.port, name: opts.name ?? 'main desk', cidByte: opts.cidByte ?? 1, priority: opts.priority, multicast: opts.multicast });
  open.push(s);
  return s;
}

const red: Look = { kind: 'color', color: [255, 0, 0] };

describe('desk input over sACN', () => {
  it('puts a zone colour from the desk on the mixer as the desk source (unicast)', async () => {
    const r = await rig();
    const s = sender(r);
    await s.send({ [MASTER]: 255, ...zone(0, [255, 0, 0]) });
    await until(() => r.mixer.zoneAt(0).source === 'desk');
    expect(r.show(0)).toEqual(red);
    expect(r.mixer.zoneAt(1).source).toBeNull();
    expect(r.desk.status()).toMatchObject({ state: 'receiving', source: { name: 'main desk', address: '127.0.0.1', priority: 100 }, sources: 1 });
  });

  it('receives the universe multicast group', async () => {
    const r = await rig({ interface: '127.0.0.1' });
    expect(r.desk.status().listening).toContain('multicast 239.255.0.7');
    const s = sender(r, { multicast: true });
    await until(() => {
      void s.send({ [MASTER]: 255, ...zone(1, [0, 0, 255]) });
      return r.mixer.zoneAt(1).source === 'desk';
    });
    expect(r.show(1)).toEqual({ kind: 'color', color: [0, 0, 255] });
  });

  it('scales colour by intensity and master; a zone at 0 is let go', async () => {
    const r = await rig();
    const s = sender(r);
    await s.send({ [MASTER]: 255, ...zone(0, [200, 100, 0], 255) });
    await until(() => r.mixer.zoneAt(0).source === 'desk');
    await s.send({ [MASTER]: 128, ...zone(0, [200, 100, 0], 255) });
    await until(() => JSON.stringify(r.show(0)) === JSON.stringify({ kind: 'color', color: [100, 50, 0] }));
    await s.send({ [MASTER]: 128, ...zone(0, [200, 100, 0], 0) });
    await until(() => r.mixer.zoneAt(0).source === null);
  });

  it('the highest priority wins; equal priorities merge highest-takes-precedence', async () => {
    const r = await rig();
    const main = sender(r, { name: 'main', cidByte: 1, priority: 150 });
    const backup = sender(r, { name: 'backup', cidByte: 2, priority: 100 });
    await backup.send({ [MASTER]: 255, ...zone(0, [255, 255, 255]) });
    await until(() => r.mixer.zoneAt(0).source === 'desk');
    await main.send({ [MASTER]: 255, ...zone(0, [0, 0, 40]) });
    await until(() => JSON.stringify(r.show(0)) === JSON.stringify({ kind: 'color', color: [0, 0, 40] }));
    expect(r.desk.status()).toMatchObject({ source: { name: 'main', priority: 150 }, sources: 2 });

    const r2 = await rig();
    const a = sender(r2, { name: 'a', cidByte: 3 });
    const b = sender(r2, { name: 'b', cidByte: 4 });
    await a.send({ [MASTER]: 255, ...zone(0, [255, 0, 0]) });
    await b.send({ [MASTER]: 255, ...zone(0, [0, 0, 255]) });
    await until(() => JSON.stringify(r2.show(0)) === JSON.stringify({ kind: 'color', color: [255, 0, 255] }));
  });

  it('a Stream_Terminated source leaves at once; with none left the desk lets go', async () => {
    const r = await rig({ holdMs: 60_000 });
    const raw = new RawSender(r.desk.port);
    open.push(raw);
    await raw.send(sacnBytes({ universe: 7, slots: { [MASTER]: 255, ...zone(2, [0, 255, 0]) }, sequence: 1, cidByte: 9 }));
    await until(() => r.mixer.zoneAt(2).source === 'desk');
    const bye = sacnBytes({ universe: 7, slots: {}, sequence: 2, cidByte: 9 });
    bye[112] |= 0x40;
    await raw.send(bye);
    await until(() => r.mixer.zoneAt(2).source === null);
    expect(r.desk.status().state).toBe('released');
  });

  it('on loss of signal holds the last look, then lets go to the sources below', async () => {
    const r = await rig({ holdMs: 400 }, { sourceTimeoutMs: 150 });
    const s = sender(r);
    await s.send({ [MASTER]: 255, ...zone(0, [255, 0, 0]) });
    await until(() => r.mixer.zoneAt(0).source === 'desk');
    await until(() => r.desk.status().state === 'holding');
    expect(r.show(0)).toEqual(red);
    await until(() => r.desk.status().state === 'released');
    expect(r.mixer.zoneAt(0).source).toBeNull();
    // The desk comes back: it takes the zone again.
    await s.send({ [MASTER]: 255, ...zone(0, [0, 255, 0]) });
    await until(() => r.mixer.zoneAt(0).source === 'desk');
  });

  it('GO on a rising edge, level and blackout on change; the first frame is only the reference', async () => {
    const r = await rig();
    const s = sender(r);
    await s.send({ [GO1]: 255, [LEVEL1]: 0, [BLACKOUT]: 0 });
    await until(() => r.desk.status().state === 'receiving');
    expect(r.calls).toEqual([]);
    await s.send({ [GO1]: 0, [LEVEL1]: 0 });
    await s.send({ [GO1]: 200, [LEVEL1]: 90, [BLACKOUT]: 255 });
    await s.send({ [GO1]: 255, [LEVEL1]: 90, [BLACKOUT]: 255 });
    await s.send({ [GO1]: 255, [LEVEL1]: 90, [BLACKOUT]: 0 });
    await until(() => r.calls.length >= 4);
    expect(r.calls).toEqual(['blackout true', 'go songs', 'level songs 90', 'blackout false']);
  });

  it('an effect goes through the safety clamp', async () => {
    const r = await rig();
    const s = sender(r);
    // Strobe at the fastest speed: 100 ms a cycle, 10 flashes a second.
    await s.send({ [MASTER]: 255, ...zone(0, [255, 255, 255], 255, 40, 255) });
    await until(() => r.mixer.zoneAt(0).look?.kind === 'effect');
    const look = r.show(0);
    expect(look).toMatchObject({ kind: 'effect', shape: 'SQUARE', axis: 'NONE' });
    expect(look?.kind === 'effect' && look.period).toBeGreaterThanOrEqual(334);
    expect(r.warnings.join('\n')).toMatch(/slowed/);
  });

  it('a desk flashing colours faster than the limit is held back', async () => {
    const r = await rig({}, { flashLimit: 3 });
    const s = sender(r);
    const seen: string[] = [];
    const sub = r.mixer.looks$.subscribe((f) => f.changed.includes(0) && seen.push(JSON.stringify(f.zones[0].look)));
    for (let i = 0; i < 40; i++) {
      await s.send({ [MASTER]: 255, ...zone(0, i % 2 ? [255, 255, 255] : [10, 10, 10]) });
      await new Promise((res) => setTimeout(res, 10));
    }
    sub.unsubscribe();
    // 40 alternations in about half a second; at most 2 x 3 changes pass in a second.
    expect(seen.length).toBeLessThanOrEqual(7);
    expect(r.warnings.join('\n')).toMatch(/flash limit/);
  });

  it('counts malformed and hostile packets by cause, refuses out-of-sequence ones, and rate-limits a flood', async () => {
    const r = await rig({}, { flood: { perSourceRate: 100 } });
    const raw = new RawSender(r.desk.port);
    open.push(raw);
    const good = sacnBytes({ universe: 7, slots: { [MASTER]: 255, ...zone(0, [255, 0, 0]) }, sequence: 10, cidByte: 5 });
    await raw.send(good);
    await until(() => r.mixer.zoneAt(0).source === 'desk');
    await raw.send(Buffer.from([1, 2, 3]));
    await raw.send(good.subarray(0, 100));
    const notAcn = Buffer.from(good);
    notAcn.write('XXX', 4);
    await raw.send(notAcn);
    const longCount = Buffer.from(good);
    longCount.writeUInt16BE(600, 123);
    await raw.send(longCount);
    const loud = Buffer.from(good);
    loud[108] = 255;
    await raw.send(loud);
    // Sequence 8 after 10: out of order.
    await raw.send(sacnBytes({ universe: 7, slots: { [MASTER]: 255, ...zone(0, [0, 255, 0]) }, sequence: 8, cidByte: 5 }));
    await until(() => (r.desk.status().malformed['out-of-sequence'] ?? 0) === 1);
    expect(r.desk.status().malformed).toEqual({ 'too-short': 2, 'not-sacn': 1, 'bad-length': 1, 'bad-field': 1, 'out-of-sequence': 1 });
    expect(r.show(0)).toEqual(red);

    const flood = Array.from({ length: 400 }, () => raw.send(Buffer.from([0])));
    await Promise.all(flood);
    await until(() => (r.desk.status().malformed['rate-limited'] ?? 0) > 0);
    expect(r.desk.status().malformed['too-short']).toBeLessThan(400);
  });
});

describe('desk input over Art-Net', () => {
  it('takes ArtDmx for its universe and ignores other universes and opcodes', async () => {
    const r = await rig({ protocol: 'artnet', universe: 3 });
    const raw = new RawSender(r.desk.port);
    open.push(raw);
    const slots = new Array<number>(64).fill(0);
    slots[MASTER - 1] = 255;
    for (const [k, v] of Object.entries(zone(1, [0, 128, 255]))) slots[Number(k) - 1] = v;
    await raw.send(artDmx(4, slots, 1));
    const poll = Buffer.from(artDmx(3, slots, 1));
    poll.writeUInt16LE(0x2000, 8);
    await raw.send(poll);
    await raw.send(artDmx(3, slots, 1).subarray(0, 30));
    await raw.send(artDmx(3, slots, 2));
    await until(() => r.mixer.zoneAt(1).source === 'desk');
    expect(r.show(1)).toEqual({ kind: 'color', color: [0, 128, 255] });
    expect(r.desk.status()).toMatchObject({ state: 'receiving', source: { name: '127.0.0.1', priority: null } });
    expect(r.desk.status().malformed).toEqual({ 'bad-length': 1 });
  });
});
