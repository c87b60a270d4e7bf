/**
 * The PixMob IR driver writing to a mock serial port, its timers on virtual
 * time: every line parsed as the forwarder sketch would and decoded back to
 * the colour, fade and chance the bands get.
 */
import { decodePixmob, encodeCcb, parseForwarderLine, type CcbCommand, type CcbTarget, type PixmobColorCommand } from '@crowdcue/protocol';
import { TestScheduler } from 'rxjs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { mockSerial, type MockSerial } from './mock-serial.test-util';
import { openTransmitter, type OpenedTransmitter, type OpenTransmitterOptions } from './open-transmitter';
import type { OnAirPacket, PlannedPacket, TransmitterEvent } from './types';

let ports = 0;
let running: OpenedTransmitter[] = [];
afterEach(async () => {
  await Promise.all(running.map((t) => t.stop()));
  running = [];
});

interface Code extends PixmobColorCommand {
  /** When the driver chose the code (its slot); the line reaches the OS a moment later. */
  atMs: number;
}

interface Rig {
  t: OpenedTransmitter;
  mock: MockSerial;
  scheduler: TestScheduler;
  onAir: OnAirPacket[];
  events: TransmitterEvent[];
  /** Every line written, parsed as the sketch does and decoded; throws on a line the sketch would mangle. */
  codes(): Code[];
  advance(ms: number): Promise<void>;
  send(seq: number, target: CcbTarget, command: CcbCommand, atMs?: number | null): PlannedPacket;
}

async function rig(query = '', opts: Partial<OpenTransmitterOptions> = {}): Promise<Rig> {
  const path = `/dev/pixmob${ports++}`;
  const mock = mockSerial(path);
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const t = openTransmitter(`pixmob+serial:${path}${query}`, { scheduler, serialBinding: mock.binding, ...opts, pixmob: { settleMs: 0, ...opts.pixmob } });
  running.push(t);
  const onAir: OnAirPacket[] = [];
  const events: TransmitterEvent[] = [];
  const chosenAt: number[] = [];
  let sent = 0;
  t.health$.subscribe((h) => {
    while (sent < h.packetsSent) {
      chosenAt.push(scheduler.now());
      sent++;
    }
  });
  t.onAir$.subscribe((p) => onAir.push(p));
  t.events$.subscribe((e) => events.push(e));
  const io = () => new Promise((r) => setImmediate(r));
  const advance = async (ms: number) => {
    const end = scheduler.now() + ms;
    while (scheduler.now() < end) {
      const to = Math.min(end, scheduler.now() + 10);
      scheduler.schedule(() => undefined, to - scheduler.now());
      scheduler.maxFrames = to;
      scheduler.flush();
      await io();
    }
    await io();
  };
  const codes = () =>
    mock.written.map((bytes, i) => {
      const line = new TextDecoder().decode(bytes);
      const parsed = parseForwarderLine(line);
      if (!parsed.ok) throw new Error(`line ${i} ${JSON.stringify(line)}: ${parsed.error.message}`);
      expect(parsed.value.codes).toHaveLength(1);
      const d = decodePixmob(parsed.value.codes[0]);
      if (!d.ok || d.value.kind !== 'color') throw new Error(`line ${i}: not a colour code`);
      return { ...d.value, atMs: chosenAt[i] };
    });
  const send = (seq: number, target: CcbTarget, command: CcbCommand, atMs: number | null = null) => {
    const rf = encodeCcb({ site: 7, seq, target, ...command });
    const p: PlannedPacket = { seq, rf, zones: target.kind === 'ZONES' ? target.zones : 'ALL', atMs, priority: false, repeat: 0, gapMs: 0, purpose: 'cue' };
    t.send(p);
    return p;
  };
  await t.start();
  await io();
  return { t, mock, scheduler, onAir, events, codes, advance, send };
}

const ALL: CcbTarget = { kind: 'ALL' };

describe('PixmobTransmitter', () => {
  it('sends nothing before the show addresses its zone, then the colour as a held code, twice', async () => {
    const r = await rig();
    await r.advance(500);
    expect(r.mock.written).toHaveLength(0);
    r.send(1, ALL, { cmd: 'COLOR', rgb: [255, 0, 0], fadeMs: 0 });
    await r.advance(300);
    const codes = r.codes();
    expect(codes).toHaveLength(2);
    for (const c of codes) expect(c).toMatchObject({ rgb: [252, 0, 0], attack: 0, release: 0, chance: 0, group: 0 });
    // One line per slot: the second waits for the first to be on air (serial + 50.4 ms of IR + 3 ms + margin).
    expect(codes[1].atMs - codes[0].atMs).toBeGreaterThanOrEqual(64);
    expect(r.onAir[1].startMs - r.onAir[0].startMs).toBeGreaterThanOrEqual(64);
    expect(r.onAir[0].format).toBe('pixmob-ir');
    expect(r.onAir[0].endMs - r.onAir[0].startMs).toBeCloseTo(50.4, 5);
  });

  it('refreshes the held colour when nothing else went out for a second', async () => {
    const r = await rig();
    r.send(1, ALL, { cmd: 'COLOR', rgb: [0, 0, 252], fadeMs: 0 });
    await r.advance(3100);
    const codes = r.codes();
    expect(codes.length).toBeGreaterThanOrEqual(4);
    expect(codes.length).toBeLessThanOrEqual(6);
    expect(codes.every((c) => c.rgb[2] === 252)).toBe(true);
  });

  it('lets the band run a fade of one of its own times, and steps any other fade from the host', async () => {
    const r = await rig();
    r.send(1, ALL, { cmd: 'COLOR', rgb: [0, 252, 0], fadeMs: 480 });
    await r.advance(400);
    const own = r.codes();
    expect(own[0]).toMatchObject({ rgb: [0, 252, 0], attack: 4 });
    // Only the code and its repeat while the band fades by itself.
    expect(own).toHaveLength(2);
    await r.advance(1200);
    const before = r.codes().length;
    r.send(2, ALL, { cmd: 'COLOR', rgb: [252, 252, 252], fadeMs: 1500 });
    await r.advance(1700);
    const stepped = r.codes().slice(before);
    const glides = stepped.filter((c) => c.attack > 0);
    expect(glides.length).toBeGreaterThan(10);
    expect(glides[0].attack).toBe(2); // 96 ms: the band glides from one step to the next
    expect(stepped.at(-1)!.rgb).toEqual([252, 252, 252]);
  });

  it('steps a SQUARE effect from the host as cuts', async () => {
    const r = await rig();
    r.send(1, ALL, { cmd: 'EFFECT', shape: 'SQUARE', c1: [252, 0, 0], c2: [0, 0, 252], periodMs: 2000, axis: 'NONE', dir: 0, spread: 0, startMs: 0xffffffff });
    await r.advance(4100);
    const changes = r.codes().filter((c, i, all) => i === 0 || c.rgb.join() !== all[i - 1].rgb.join());
    expect(changes.map((c) => c.rgb[0] === 252 ? 'red' : 'blue')).toEqual(['red', 'blue', 'red', 'blue', 'red']);
    expect(changes.every((c) => c.attack === 0)).toBe(true);
  });

  it('shows a SPARKLE as the second colour to all and the first to the nearest random share (10 %)', async () => {
    const r = await rig();
    r.send(1, ALL, { cmd: 'EFFECT', shape: 'SPARKLE', c1: [252, 252, 252], c2: [0, 0, 64], periodMs: 500, axis: 'NONE', dir: 0, spread: 0, startMs: 0xffffffff });
    await r.advance(2100);
    const codes = r.codes();
    const sparks = codes.filter((c) => c.chance !== 0);
    expect(sparks.length).toBeGreaterThanOrEqual(4);
    for (const s of sparks) expect(s).toMatchObject({ rgb: [252, 252, 252], chance: 6 });
    // Each spark follows the second colour to every band.
    for (const s of sparks) {
      const i = codes.indexOf(s);
      expect(codes[i - 1]).toMatchObject({ rgb: [0, 0, 64], chance: 0 });
    }
  });

  it('draws a fast SPARKLE at most once per 1/limit seconds', async () => {
    const r = await rig('', { flashesPerSecond: 3 });
    r.send(1, ALL, { cmd: 'EFFECT', shape: 'SPARKLE', c1: [252, 252, 252], c2: [0, 0, 0], periodMs: 100, axis: 'NONE', dir: 0, spread: 0, startMs: 0xffffffff });
    await r.advance(3000);
    const codes = r.codes();
    // A draw is the second colour to all, then the spark: draws at least 1/limit s apart.
    const draws = codes.filter((c, i) => codes[i + 1]?.chance === 6);
    expect(draws.length).toBeGreaterThanOrEqual(7);
    for (let i = 1; i < draws.length; i++) expect(draws[i].atMs - draws[i - 1].atMs).toBeGreaterThanOrEqual(333);
  });

  it('holds back changes over the flash limit', async () => {
    const r = await rig('', { flashesPerSecond: 3 });
    // 10 flashes a second asked for: the driver lets through at most 6 changes (3 flashes) in any second.
    r.send(1, ALL, { cmd: 'EFFECT', shape: 'SQUARE', c1: [252, 252, 252], c2: [0, 0, 0], periodMs: 100, axis: 'NONE', dir: 0, spread: 0, startMs: 0xffffffff });
    await r.advance(3000);
    // Bands start dark: a change is a code whose colour differs from the one before (black at first).
    const changes = r.codes().filter((c, i, all) => c.rgb.join() !== (i === 0 ? '0,0,0' : all[i - 1].rgb.join()));
    for (const c of changes) expect(changes.filter((d) => d.atMs >= c.atMs && d.atMs < c.atMs + 1000).length).toBeLessThanOrEqual(6);
    expect(changes.length).toBeGreaterThan(6);
    expect(r.events.some((e) => e.type === 'log' && /flash limit/.test(e.message))).toBe(true);
  });

  it('shows the look of the zone it is aimed at', async () => {
    const r = await rig('?zones=3');
    r.send(1, { kind: 'ZONES', zones: [2] }, { cmd: 'COLOR', rgb: [252, 0, 0], fadeMs: 0 });
    await r.advance(300);
    expect(r.mock.written).toHaveLength(0);
    r.send(2, { kind: 'ZONES', zones: [3] }, { cmd: 'COLOR', rgb: [0, 252, 0], fadeMs: 0 });
    await r.advance(300);
    expect(r.codes()[0].rgb).toEqual([0, 252, 0]);
  });

  it('goes dark on SLEEP and then stays quiet', async () => {
    const r = await rig();
    r.send(1, ALL, { cmd: 'COLOR', rgb: [252, 0, 0], fadeMs: 0 });
    await r.advance(300);
    r.send(2, ALL, { cmd: 'SLEEP' });
    await r.advance(3000);
    const codes = r.codes();
    expect(codes.slice(2).map((c) => c.rgb)).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('reports what IR bands cannot show instead of failing', async () => {
    const r = await rig();
    r.send(1, { kind: 'PIXELS', first: 0, last: 10 }, { cmd: 'COLOR', rgb: [252, 0, 0], fadeMs: 0 });
    await r.advance(100);
    expect(r.events.find((e) => e.type === 'dropped')).toMatchObject({ reason: expect.stringMatching(/no pixel addresses/) });
  });

  it('takes garbage from the device without trouble: counted, logged once, the show goes on', async () => {
    const r = await rig();
    r.mock.emit(Uint8Array.from([0xff, 0x00, 0x13, 0x0a, 0x41, 0x0d, 0x0a]));
    r.mock.emit('x'.repeat(2000));
    r.send(1, ALL, { cmd: 'COLOR', rgb: [0, 252, 0], fadeMs: 0 });
    await r.advance(300);
    expect(r.codes()[0].rgb).toEqual([0, 252, 0]);
    expect(r.t.health().state).toBe('up');
    expect(Object.values(r.t.health().deviceErrors ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
  });
});
