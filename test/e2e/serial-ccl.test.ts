/**
 * End to end over a real pseudo-terminal pair: controller driver -> serialport
 * -> pty <-> pty -> the simulator's virtual transmitter in another process ->
 * on air. Faults: the pty vanishes and comes back, garbage on the line, a
 * device that NACKs QUEUE_FULL for a while, a device that never answers HELLO.
 */
import { encodeCcb, type Rgb } from '@crowdcue/protocol';
import { hasSocat } from '@crowdcue/simulator/node';
import { openTransmitter, type OpenedTransmitter, type PlannedPacket, type TransmitterEvent } from '@crowdcue/controller';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPtyRig, toHr, type PtyRig } from './serial-rig';

const available = hasSocat();
let rig: PtyRig;
let tx: OpenedTransmitter;
const events: TransmitterEvent[] = [];
const reconnects: number[] = [];

let seq = 0;
function colour(rgb: Rgb, atMs: number | null, extra: Partial<PlannedPacket> = {}): PlannedPacket {
  seq = (seq % 255) + 1;
  const rf = encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, cmd: 'COLOR', rgb, fadeMs: 0 });
  return { seq, rf, zones: 'ALL', atMs, priority: false, repeat: 0, gapMs: 0, purpose: 'cue', ...extra };
}
const seqsOnAir = () => new Set(rig.device.air().map((a) => a.seq));

describe.skipIf(!available && !process.env.CI)('CCL over a real pty pair (socat)', () => {
  beforeAll(async () => {
    rig = await startPtyRig();
    tx = openTransmitter(`serial:${rig.hostPath}`, {
      reconnectMinMs: 50,
      reconnectMaxMs: 400,
      onReconnect: () => reconnects.push(performance.now()),
      ccl: { helloTimeoutMs: 200, helloAttempts: 2 },
    });
    tx.events$.subscribe((e) => events.push(e));
    await tx.start();
  }, 30_000);

  afterAll(async () => {
    await tx?.stop();
    await rig?.close();
  });

  it('hands a run of cue packets over ahead of time; each goes on air, timed, at its moment', async () => {
    expect(tx.health().state).toBe('up');
    const start = performance.now() + 100;
    const sent = Array.from({ length: 20 }, (_, i) => colour([i * 10, 0, 0], start + i * 15));
    for (const p of sent) tx.send(p);
    await rig.device.waitFor(() => sent.every((p) => seqsOnAir().has(p.seq)), 5000, 'all 20 on air');
    const air = rig.device.air().filter((a) => sent.some((p) => p.seq === a.seq));
    expect(air.length).toBe(sent.length);
    // Timed ones keep their planned order; one the device found TOO_LATE (a loaded machine)
    // went again untimed, as soon as possible, and may land out of order.
    const timedOrder = air.filter((a) => a.timed).map((a) => a.seq);
    expect(timedOrder).toEqual(sent.map((p) => p.seq).filter((s) => timedOrder.includes(s)));
    // Handed over ahead of time: the device started them itself (a TOO_LATE re-send would be untimed).
    expect(air.filter((a) => a.timed).length).toBeGreaterThanOrEqual(sent.length / 2);
    // Where the device was told to start them, against the intended controller time: that is
    // the driver's part (clock sync and mapping). The device's own lateness (errorUs) is the
    // simulator's and shows in the benchmark.
    const uncertaintyMs = (tx.health().clockUncertaintyUs ?? 0) / 1000;
    for (const a of air.filter((x) => x.timed)) {
      const intended = toHr(sent.find((p) => p.seq === a.seq)!.atMs!);
      const toldMs = a.startHr - (a.errorUs ?? 0) / 1000;
      expect(Math.abs(toldMs - intended)).toBeLessThan(1 + uncertaintyMs);
    }
  });

  it('survives garbage and half frames from the device side, counting them', async () => {
    const before = tx.health().badFrames;
    rig.device.command('garbage');
    await vi.waitFor(() => expect(tx.health().badFrames).toBeGreaterThanOrEqual(before + 3), { timeout: 3000 });
    const p = colour([1, 2, 3], null);
    tx.send(p);
    await rig.device.waitFor(() => seqsOnAir().has(p.seq), 3000, 'a packet after the garbage');
    expect(tx.health().state).toBe('up');
  });

  it('rides out a device that answers QUEUE_FULL for a while', async () => {
    rig.device.command('fault queueFull on');
    const burst = Array.from({ length: 5 }, (_, i) => colour([0, i, 0], null));
    for (const p of burst) tx.send(p);
    await vi.waitFor(() => expect(tx.health().nacks.QUEUE_FULL ?? 0).toBeGreaterThan(2), { timeout: 3000 });
    rig.device.command('fault queueFull off');
    await rig.device.waitFor(() => burst.every((p) => seqsOnAir().has(p.seq)), 5000, 'the burst after QUEUE_FULL');
    const order = rig.device.air().filter((a) => burst.some((p) => p.seq === a.seq)).map((a) => a.seq);
    expect(order).toEqual(burst.map((p) => p.seq));
  });

  it('keeps running when the pty vanishes mid-show, reconnects when it is back and asks for the look again', async () => {
    const before = reconnects.length;
    await rig.unplug();
    await vi.waitFor(() => expect(tx.health().state).not.toBe('up'), { timeout: 3000 });
    // Sending meanwhile neither throws nor hangs.
    tx.send(colour([9, 9, 9], performance.now() + 5000));
    await rig.replug();
    await vi.waitFor(() => expect(reconnects.length).toBe(before + 1), { timeout: 5000 });
    expect(tx.health().state).toBe('up');
    expect(events.some((e) => e.type === 'down')).toBe(true);
    expect(events.filter((e) => e.type === 'up' && e.reconnect).length).toBeGreaterThanOrEqual(1);
    // The planner's answer to a reconnect: the current look, again.
    const look = colour([0, 0, 255], null);
    tx.send(look);
    await rig.device.waitFor(() => seqsOnAir().has(look.seq), 3000, 'the look after reconnecting');
  }, 20_000);

  it('a device that never answers HELLO: tries, marks it down, nothing hangs', async () => {
    rig.device.command('fault ignoreHello on');
    // Make it re-handshake: pull and replug the cable.
    await rig.unplug();
    await rig.replug();
    await vi.waitFor(() => expect(tx.health().lastError ?? '').toMatch(/did not answer HELLO/), { timeout: 5000 });
    expect(tx.health().state).not.toBe('up');
    rig.device.command('fault ignoreHello off');
    await vi.waitFor(() => expect(tx.health().state).toBe('up'), { timeout: 5000 });
  }, 20_000);
});
