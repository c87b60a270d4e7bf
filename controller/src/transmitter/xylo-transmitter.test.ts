/**
 * The Xyloband driver writing to a mock serial port, its timers on virtual time:
 * exact bytes against the `xyloband` vectors, and pacing.
 */
import { readFileSync } from 'node:fs';
import { encodeCcb, toHex, type CcbCommand, type CcbTarget } from '@crowdcue/protocol';
import { TestScheduler } from 'rxjs/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { mockSerial, type MockSerial } from './mock-serial.test-util';
import { openTransmitter, type OpenedTransmitter } from './open-transmitter';
import type { OnAirPacket, PlannedPacket, TransmitterEvent } from './types';
import type { XyloTransmitterOptions } from './xylo-transmitter';

interface XyloVector {
  name: string;
  packet: string;
  serial?: string;
}
const vectors = (JSON.parse(readFileSync(new URL('../../../protocol/test-data/vectors.json', import.meta.url), 'utf8')) as { xyloband: XyloVector[] }).xyloband;
const serialOf = (name: string) => vectors.find((v) => v.name === name)!.serial!;

let ports = 0;
let running: OpenedTransmitter[] = [];
afterEach(async () => {
  await Promise.all(running.map((t) => t.stop()));
  running = [];
});

interface Rig {
  t: OpenedTransmitter;
  mock: MockSerial;
  scheduler: TestScheduler;
  onAir: OnAirPacket[];
  events: TransmitterEvent[];
  /** Advance virtual time by ms, letting the mock port's I/O run in between. */
  advance(ms: number): Promise<void>;
  send(seq: number, target: CcbTarget, command: CcbCommand, atMs?: number | null): PlannedPacket;
}

async function rig(url = 'xylo+serial:/dev/xylo', xylo: Omit<XyloTransmitterOptions, 'id' | 'url' | 'coverage' | 'transport' | 'scheduler'> = {}): Promise<Rig> {
  const path = `/dev/xylo${ports++}`;
  const mock = mockSerial(path);
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const t = openTransmitter(url.replace('/dev/xylo', path), {
    scheduler,
    serialBinding: mock.binding,
    xylo: { readyTimeoutMs: 0, wakeOnStart: false, ...xylo },
  });
  running.push(t);
  const onAir: OnAirPacket[] = [];
  const events: TransmitterEvent[] = [];
  t.onAir$.subscribe((p) => onAir.push(p));
  t.events$.subscribe((e) => events.push(e));
  const io = () => new Promise((r) => setImmediate(r));
  const advance = async (ms: number) => {
    const end = scheduler.now() + ms;
    // Step a slot at a time so writes reach the mock port in order between steps.
    while (scheduler.now() < end) {
      const to = Math.min(end, scheduler.now() + 20);
      scheduler.schedule(() => undefined, to - scheduler.now());
      scheduler.maxFrames = to;
      scheduler.flush();
      await io();
    }
    await io();
  };
  const send = (seq: number, target: CcbTarget, command: CcbCommand, atMs: number | null = null) => {
    const rf = encodeCcb({ site: 7, seq, target, ...command });
    const p: PlannedPacket = { seq, rf, zones: target.kind === 'ZONES' ? target.zones : 'ALL', atMs, priority: false, repeat: 0, gapMs: 0, purpose: 'cue' };
    t.send(p);
    return p;
  };
  await t.start();
  await io();
  return { t, mock, scheduler, onAir, events, advance, send };
}

const hex = (mock: MockSerial) => mock.written.map(toHex);

describe('XyloTransmitter', () => {
  it('wakes the bands at show start with the raw wake packet (vector "wake (raw)")', async () => {
    const r = await rig('xylo+serial:/dev/xylo', { wakeOnStart: true });
    await r.advance(500);
    expect(hex(r.mock)[0]).toBe(serialOf('wake (raw)'));
    expect(new Set(hex(r.mock))).toEqual(new Set([serialOf('wake (raw)')]));
  });

  it('writes colour commands byte for byte as the xyloband vectors', async () => {
    const r = await rig();
    r.send(1, { kind: 'ZONES', zones: [0] }, { cmd: 'COLOR', rgb: [255, 0, 0], fadeMs: 0 });
    await r.advance(400);
    expect(hex(r.mock)).toEqual(Array(4).fill(serialOf('rgb site 0 zones 0x1')));
    r.send(2, { kind: 'ALL' }, { cmd: 'COLOR', rgb: [0, 255, 0], fadeMs: 0 });
    await r.advance(400);
    expect(hex(r.mock).slice(4)).toEqual(Array(4).fill(serialOf('rgb site 0 zones 0xfff')));

    const r3 = await rig('xylo+serial:/dev/xylo?site=3', { air: { counterStart: 255 } });
    r3.send(1, { kind: 'ZONES', zones: [6, 11] }, { cmd: 'COLOR', rgb: [200, 100, 50], fadeMs: 0 });
    await r3.advance(100);
    expect(hex(r3.mock)[0]).toBe(serialOf('rgb site 3 zones 0x840'));
  });

  it('writes one packet per slot, never two within 80 ms, with each command 4 times', async () => {
    const r = await rig();
    // Twelve zones, twelve colours (distinct in RGB332): twelve commands wanting air at once.
    for (let z = 0; z < 12; z++) r.send(z + 1, { kind: 'ZONES', zones: [z] }, { cmd: 'COLOR', rgb: [(z % 8) * 32, (z >> 3) * 32, 0], fadeMs: 0 });
    await r.advance(5000);
    const starts = r.onAir.map((p) => p.startMs);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(80 - 1e-9);
    const byCounter = new Map<number, number[]>();
    // Counters 1..12 are the twelve commands; later ones are 500 ms refreshes squeezed in between.
    for (const p of r.onAir) if (p.rf[3] <= 12) byCounter.set(p.rf[3], [...(byCounter.get(p.rf[3]) ?? []), p.startMs]);
    expect(byCounter.size).toBe(12);
    for (const times of byCounter.values()) {
      expect(times.length).toBe(4);
      for (let i = 1; i < 4; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(80 - 1e-9);
    }
    expect(r.t.health().packetsSent).toBe(r.mock.written.length);
    expect(r.mock.written.length).toBeLessThanOrEqual(Math.floor(5000 / 80) + 1);
  });

  it('applies a packet at its planned time, not when it was handed over', async () => {
    const r = await rig();
    r.send(1, { kind: 'ALL' }, { cmd: 'COLOR', rgb: [0, 0, 255], fadeMs: 0 }, 1000);
    await r.advance(900);
    expect(r.mock.written.length).toBe(0);
    await r.advance(200);
    // Written at 1000 (virtual time); on air once its 17 bytes crossed the 115200-baud line.
    expect(r.onAir[0].startMs).toBeCloseTo(1000 + (17 * 10) / 115.2, 6);
  });

  it('renders an effect host-side as colour steps at the rate the channel allows', async () => {
    const r = await rig();
    // Square wave: red for 200 ms, blue for 200 ms, from now on.
    r.send(1, { kind: 'ALL' }, { cmd: 'EFFECT', shape: 'SQUARE', c1: [255, 0, 0], c2: [0, 0, 255], periodMs: 400, axis: 'NONE', dir: 0, spread: 0, startMs: 0xffffffff });
    await r.advance(2000);
    const colours = r.onAir.map((p) => ({ t: p.startMs, v: p.rf[p.rf.length - 1] }));
    const red = 0x07;
    const blue = 0xc0;
    // Each switch reaches the air within one slot of when the wave switches.
    for (const { t, v } of colours) {
      const phase = t % 400;
      if (v === red) expect(phase).toBeLessThan(200 + 81);
      if (v === blue) expect(phase >= 200 || phase < 81).toBe(true);
    }
    const switches = colours.filter((c, i) => i > 0 && c.v !== colours[i - 1].v).length;
    expect(switches).toBeGreaterThanOrEqual(8);
  });

  it('maps SLEEP and WAKE for the whole site to the Xylo sleep and wake packets', async () => {
    const r = await rig();
    r.send(1, { kind: 'ALL' }, { cmd: 'COLOR', rgb: [255, 255, 255], fadeMs: 0 });
    await r.advance(400);
    r.send(2, { kind: 'ALL' }, { cmd: 'SLEEP' });
    await r.advance(3000);
    const after = hex(r.mock).slice(4);
    expect(after).toEqual(Array(4).fill('0600ffff008202'));
    r.send(3, { kind: 'ALL' }, { cmd: 'WAKE' });
    await r.advance(200);
    expect(hex(r.mock).at(-1)).toBe(serialOf('wake (raw)'));
  });

  it('reads the sketch\'s lines, counts its complaints and slows down when a send failed', async () => {
    const r = await rig();
    r.mock.emit('Initializing...\r\nXyloShield initialized\r\nIllegal length byte received\r\nPacket send ');
    r.mock.emit('failed!\r\n');
    await r.advance(40);
    const h = r.t.health();
    expect(h.deviceErrors).toEqual({ 'Illegal length byte received': 1, 'Packet send failed!': 1 });
    const logs = r.events.filter((e) => e.type === 'log').map((e) => (e.type === 'log' ? e.message : ''));
    expect(logs).toContain('XyloSender: XyloShield initialized');
    expect(logs.some((l) => /one packet per 90 ms/.test(l))).toBe(true);
    r.send(1, { kind: 'ALL' }, { cmd: 'COLOR', rgb: [1, 200, 3], fadeMs: 0 });
    await r.advance(400);
    const starts = r.onAir.map((p) => p.startMs);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(90 - 1e-9);
  });

  it('reports what Xylobands cannot show instead of failing', async () => {
    const r = await rig();
    r.send(1, { kind: 'PIXELS', first: 0, last: 10 }, { cmd: 'COLOR', rgb: [1, 2, 3], fadeMs: 0 });
    r.send(2, { kind: 'ALL' }, { cmd: 'PALETTE', image: 0, colors: [[1, 2, 3]] });
    r.t.send({ seq: 3, rf: new Uint8Array([1, 3, 0x77]), zones: 'ALL', atMs: null, priority: false, repeat: 0, gapMs: 0, purpose: 'cue' });
    await r.advance(100);
    const dropped = r.events.filter((e) => e.type === 'dropped').map((e) => (e.type === 'dropped' ? `${e.seq}: ${e.reason}` : ''));
    expect(dropped).toEqual([expect.stringMatching(/^3: not a CCB packet/), expect.stringMatching(/^1: .*PIXELS/), expect.stringMatching(/^2: .*PALETTE/)]);
    expect(r.mock.written.length).toBe(0);
  });
});
