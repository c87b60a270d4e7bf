/**
 * The CCL driver against the simulator's virtual transmitter, in process: the
 * same device code that runs behind a pty in the end-to-end tests.
 */
import { encodeCcb, type Rgb } from '@crowdcue/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTransmitter, type OpenedTransmitter, type OpenTransmitterOptions } from './open-transmitter';
import type { PacketPurpose, PlannedPacket, TransmitterEvent } from './types';

const FAST: OpenTransmitterOptions = {
  reconnectMinMs: 20,
  reconnectMaxMs: 100,
  ccl: { helloTimeoutMs: 100, helloAttempts: 2, pingEveryMs: 50, downAfterMs: 200, replyTimeoutMs: 200, clockBurst: 3 },
};

let open: OpenedTransmitter[] = [];
afterEach(async () => {
  await Promise.all(open.map((t) => t.stop()));
  open = [];
});

function virtual(opts: OpenTransmitterOptions = {}, url = 'virtual'): OpenedTransmitter {
  const t = openTransmitter(url, { ...FAST, ...opts, ccl: { ...FAST.ccl, ...opts.ccl } });
  open.push(t);
  return t;
}

let seq = 0;
function colour(rgb: Rgb, extra: Partial<PlannedPacket> = {}, purpose: PacketPurpose = 'cue'): PlannedPacket {
  seq = (seq % 255) + 1;
  const rf = encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, cmd: 'COLOR', rgb, fadeMs: 0 });
  return { seq, rf, zones: 'ALL', atMs: null, priority: false, repeat: 0, gapMs: 0, purpose, ...extra };
}

function eventsOf(t: OpenedTransmitter): TransmitterEvent[] {
  const events: TransmitterEvent[] = [];
  t.events$.subscribe((e) => events.push(e));
  return events;
}

const now = () => performance.now();

describe('CclTransmitter over the virtual device', () => {
  it('shakes hands, learns the device and syncs its clock', async () => {
    const t = virtual({ virtual: { name: 'bench device', queueCap: 7, bitrate: 50_000, clockStartUs: 2 ** 32 - 20_000 } });
    await t.start();
    const h = t.health();
    expect(h.state).toBe('up');
    expect(t.capabilities()).toMatchObject({ name: 'bench device', queueCap: 7, bitrate: 50_000, timedSend: true });
    expect(h.clockOffsetUs).toBeDefined();
    expect(h.clockUncertaintyUs).toBeGreaterThanOrEqual(0);
  });

  it('hands a timed packet over early with the exact device time, and the device starts it then', async () => {
    const t = virtual({ lookaheadMs: 40 });
    const onAir: number[] = [];
    t.onAir$.subscribe((p) => onAir.push(p.startMs));
    await t.start();
    const device = t.virtualDevice!;
    const atMs = now() + 60;
    t.send(colour([255, 0, 0], { atMs, repeat: 1, gapMs: 5 }));
    await vi.waitFor(() => expect(device.onAirRecord().length).toBe(2), { timeout: 2000 });
    const [first, second] = device.onAirRecord();
    expect(first.timed).toBe(true);
    expect(second.repeatIndex).toBe(1);
    // Handed over ahead of time: the device, not the host, decided the start.
    const cclTx = t as unknown as { deviceTimeUs(ms: number): number };
    expect(Math.abs(first.dueUs! - cclTx.deviceTimeUs(atMs))).toBeLessThanOrEqual(1);
    expect(onAir[0]).toBe(atMs);
    expect(t.health().packetsSent).toBe(1);
  });

  it('with look-ahead 0 sends untimed at the deadline', async () => {
    const t = virtual({}, 'virtual?lookahead=0');
    await t.start();
    const device = t.virtualDevice!;
    const atMs = now() + 30;
    t.send(colour([0, 255, 0], { atMs }));
    await vi.waitFor(() => expect(device.onAirRecord().length).toBe(1), { timeout: 2000 });
    expect(device.onAirRecord()[0].timed).toBe(false);
    expect(device.onAirRecord()[0].startHostMs).toBeGreaterThanOrEqual(atMs);
  });

  it('fills the device only up to its queue_cap', async () => {
    const t = virtual({ virtual: { queueCap: 3, bitrate: 19_200 }, lookaheadMs: 300 });
    await t.start();
    const device = t.virtualDevice!;
    // Twelve timed packets (each ~10 ms on air) all within the look-ahead: more than the device holds at once.
    const at = now() + 80;
    for (let i = 0; i < 12; i++) t.send(colour([i, 0, 0], { atMs: at + i * 15 }));
    await vi.waitFor(() => expect(device.onAirRecord().length).toBe(12), { timeout: 5000 });
    // Without flow control 12 SENDs at once meet at least 9 QUEUE_FULLs. The estimate of
    // when the device frees a slot can be early (its timers run late under load), so a
    // few may still happen.
    expect(device.stats().nacks.QUEUE_FULL ?? 0).toBeLessThan(9);
    expect(device.onAirRecord().map((r) => r.rf[4])).toEqual([...Array(12).keys()]);
  });

  it('keeps untimed packets in order even when the device refuses some of them', async () => {
    const t = virtual();
    await t.start();
    const device = t.virtualDevice!;
    let n = 0;
    // Every other SEND meets QUEUE_FULL once: a pipelining driver would let the next overtake it.
    device.faults.nack = () => (n++ % 2 === 0 ? 'QUEUE_FULL' : undefined);
    for (let i = 0; i < 8; i++) t.send(colour([0, i, 0]));
    await vi.waitFor(() => expect(device.onAirRecord().length).toBe(8), { timeout: 5000 });
    expect(device.onAirRecord().map((r) => r.rf[5])).toEqual([...Array(8).keys()]);
  });

  it('backs off and retries while the device answers QUEUE_FULL, then BUSY', async () => {
    const t = virtual();
    await t.start();
    const device = t.virtualDevice!;
    device.faults.queueFull = true;
    for (let i = 0; i < 3; i++) t.send(colour([0, 0, i]));
    await vi.waitFor(() => expect(t.health().nacks.QUEUE_FULL ?? 0).toBeGreaterThan(3), { timeout: 2000 });
    device.faults.queueFull = false;
    device.faults.busy = true;
    await vi.waitFor(() => expect(t.health().nacks.BUSY ?? 0).toBeGreaterThan(0), { timeout: 2000 });
    device.faults.busy = false;
    await vi.waitFor(() => expect(device.onAirRecord().length).toBe(3), { timeout: 3000 });
    expect(t.health().state).toBe('up');
  });

  it('re-sends a TOO_LATE packet at once while it is useful, drops it when expired', async () => {
    const t = virtual();
    const events = eventsOf(t);
    await t.start();
    const device = t.virtualDevice!;
    let refuse = 2;
    device.faults.nack = (s) => (s.timed && refuse-- > 0 ? 'TOO_LATE' : undefined);
    const useful = colour([1, 2, 3], { atMs: now() + 20 });
    t.send(useful);
    await vi.waitFor(() => expect(device.onAirRecord().length).toBe(1), { timeout: 2000 });
    expect(device.onAirRecord()[0].timed).toBe(false);
    const stale = colour([4, 5, 6], { atMs: now() + 20, expiresAtMs: now() - 1 });
    t.send(stale);
    await vi.waitFor(() => expect(events.some((e) => e.type === 'dropped' && e.seq === stale.seq)).toBe(true), { timeout: 2000 });
    expect(t.health().nacks.TOO_LATE).toBeGreaterThanOrEqual(1);
    expect(t.health().lateSends).toBeGreaterThanOrEqual(1);
  });

  it('reports a packet longer than rf_max instead of sending it', async () => {
    const t = virtual({ virtual: { rfMax: 16 } });
    const events = eventsOf(t);
    await t.start();
    const p = { ...colour([9, 9, 9]), rf: new Uint8Array(40) };
    t.send(p);
    expect(events.find((e) => e.type === 'dropped')).toMatchObject({ seq: p.seq, reason: expect.stringContaining('at most 16') });
    expect(t.health().nacks.TOO_LONG).toBe(1);
  });

  it('puts a blackout first and flushes the queued work it makes obsolete', async () => {
    const t = virtual({ lookaheadMs: 300 });
    await t.start();
    const device = t.virtualDevice!;
    const later = now() + 200;
    const cues = [0, 1, 2].map((i) => colour([200, i, 0], { atMs: later + i * 20 }));
    const sync = colour([1, 1, 1], { atMs: later + 5 }, 'sync');
    for (const p of [...cues, sync]) t.send(p);
    await vi.waitFor(() => expect(t.health().queueDepth).toBe(4), { timeout: 1000 });
    t.flush((p) => p.purpose === 'cue');
    t.send(colour([0, 0, 0], { priority: true }, 'blackout'));
    await vi.waitFor(() => expect(device.onAirRecord().length).toBe(2), { timeout: 2000 });
    await new Promise((r) => setTimeout(r, 120));
    const rec = device.onAirRecord();
    expect(rec.length).toBe(2);
    expect([...rec[0].rf.slice(4, 7)]).toEqual([0, 0, 0]);
    expect(rec[1].seq).toBe(sync.seq);
    expect(rec[1].timed).toBe(true);
  });

  it('is marked down when the device stops answering and comes back by itself, asking for the look again', async () => {
    const reconnected = vi.fn();
    const t = virtual({ onReconnect: reconnected });
    const events = eventsOf(t);
    await t.start();
    const device = t.virtualDevice!;
    device.faults.mute = true;
    await vi.waitFor(() => expect(t.health().state).not.toBe('up'), { timeout: 2000 });
    expect(t.health().lastError).toMatch(/stopped answering|HELLO/);
    device.faults.mute = false;
    await vi.waitFor(() => expect(t.health().state).toBe('up'), { timeout: 2000 });
    expect(reconnected).toHaveBeenCalledWith(t);
    expect(events.filter((e) => e.type === 'up').map((e) => e.type === 'up' && e.reconnect)).toEqual([false, true]);
    expect(t.health().reconnects).toBe(1);
    // And it still sends.
    t.send(colour([7, 7, 7]));
    await vi.waitFor(() => expect(device.onAirRecord().length).toBe(1), { timeout: 2000 });
  });

  it('does not hang on a device that never answers HELLO: retries, marks it down, keeps trying', async () => {
    const t = virtual({ virtual: { faults: { ignoreHello: true } } });
    const events = eventsOf(t);
    await t.start();
    expect(t.health().state).not.toBe('up');
    await vi.waitFor(() => expect(t.health().state).toBe('down'), { timeout: 2000 });
    expect(t.health().lastError).toMatch(/did not answer HELLO \(2 tries/);
    expect(events.some((e) => e.type === 'log' && /no INFO answer to HELLO/.test(e.message))).toBe(true);
    // Sends while down wait (or are dropped when stale); nothing throws.
    t.send(colour([1, 1, 1]));
    t.virtualDevice!.faults.ignoreHello = false;
    await vi.waitFor(() => expect(t.health().state).toBe('up'), { timeout: 2000 });
  });
});
