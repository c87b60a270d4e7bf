import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { airtimeUs, cobsEncode, crc16, encodeCcb, encodeCclFrame, encodeRawFrame } from '@crowdcue/protocol';
import { buildCrowd, RfChannel, stadiumVenue } from '../index';
import { ManualDeviceClock } from './device-clock';
import { U32 } from './device-time';
import type { OnAirTransmission } from './on-air';
import { TestHost } from './test-host';
import { VirtualTransmitter, type VirtualTransmitterOptions } from './virtual-transmitter';

const devices: VirtualTransmitter[] = [];
afterEach(() => {
  for (const d of devices.splice(0)) d.close();
});

function setup(opts: VirtualTransmitterOptions = {}, startUs = 1_000_000) {
  const clock = new ManualDeviceClock(startUs, 5000);
  const device = new VirtualTransmitter({ clock, statusIntervalMs: 0, ...opts });
  devices.push(device);
  const host = new TestHost(device.connect());
  const aired: OnAirTransmission[] = [];
  device.onAir((tx) => aired.push(tx));
  return { clock, device, host, aired };
}

const rf = (seq: number, len = 10) => {
  const b = new Uint8Array(len).fill(0x11);
  b[1] = seq;
  return b;
};
const untimed = (seq: number, extra: { priority?: boolean; repeat?: number; gapMs?: number } = {}) =>
  ({ type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf: rf(seq), ...extra }) as const;
const AIR10 = airtimeUs(10, 38400, 13);

describe('VirtualTransmitter link', () => {
  it('answers HELLO with INFO carrying its figures', async () => {
    const { host } = setup({ name: 'stage left' });
    expect(await host.request({ type: 'HELLO' })).toEqual({
      type: 'INFO',
      proto: 1,
      rfMax: 48,
      queueCap: 32,
      bitrate: 38400,
      overhead: 13,
      name: 'stage left',
    });
  });

  it('answers TIME with its own clock, folded to u32', async () => {
    const { host, clock } = setup({}, U32 + 1234);
    expect(await host.request({ type: 'TIME' })).toEqual({ type: 'CLOCK', nowUs: 1234 });
    clock.advanceBy(1000);
    expect(await host.request({ type: 'TIME' })).toEqual({ type: 'CLOCK', nowUs: 2234 });
  });

  it('answers PING with PONG carrying the same bytes', async () => {
    const { host } = setup();
    expect(await host.request({ type: 'PING', data: Uint8Array.of(1, 2, 3) })).toEqual({
      type: 'PONG',
      data: Uint8Array.of(1, 2, 3),
    });
  });

  it('ACKs a SEND with the queue depth and puts it on air with real airtime', async () => {
    const { host, clock, device, aired } = setup();
    expect(await host.request(untimed(7))).toEqual({ type: 'ACK', queued: 1 });
    expect(await host.request(untimed(8))).toEqual({ type: 'ACK', queued: 1 });
    // seq 7 went on air at once; nothing is reported before its end.
    expect(aired).toHaveLength(0);
    clock.advanceBy(AIR10);
    expect(aired.map((t) => t.seq)).toEqual([7]);
    expect(aired[0]).toMatchObject({ startUs: 1_000_000, endUs: 1_000_000 + AIR10, repeatIndex: 0, timed: false });
    expect(aired[0].startHostMs).toBe(5000);
    expect(aired[0].endHostMs).toBeCloseTo(5000 + AIR10 / 1000, 9);
    clock.advanceBy(1000 + AIR10);
    expect(aired.map((t) => t.seq)).toEqual([7, 8]);
    expect(aired[1].startUs).toBe(1_000_000 + AIR10 + 1000);
    expect(device.stats()).toMatchObject({ sent: 2, queued: 0, late: 0 });
    expect(device.onAirRecord().map((t) => t.seq)).toEqual([7, 8]);
  });

  it('starts a timed SEND when its clock reads at_us, across the u32 wrap, and records it', async () => {
    const { host, clock, aired } = setup({}, U32 - 2000);
    const atUs = 3000; // 5 ms ahead, past the wrap
    expect(await host.request({ type: 'SEND', timed: true, priority: false, repeat: 1, gapMs: 4, atUs, rf: rf(9) })).toEqual({
      type: 'ACK',
      queued: 1,
    });
    clock.advanceTo(U32 + 100_000);
    expect(aired).toHaveLength(2);
    expect(aired[0]).toMatchObject({ seq: 9, startUs: 3000, dueUs: 3000, errorUs: 0, timed: true, repeatIndex: 0 });
    expect(aired[1]).toMatchObject({ startUs: 3000 + AIR10 + 4000, repeatIndex: 1 });
  });

  it('NACKs TOO_LATE, TOO_LONG and QUEUE_FULL', async () => {
    const { host } = setup({ queueCap: 2 });
    const now = 1_000_000;
    expect(await host.request({ type: 'SEND', timed: true, priority: false, repeat: 0, gapMs: 0, atUs: now - 1, rf: rf(1) })).toEqual({
      type: 'NACK',
      reason: 'TOO_LATE',
    });
    expect(await host.request({ ...untimed(1), rf: new Uint8Array(49) })).toEqual({ type: 'NACK', reason: 'TOO_LONG' });
    // The first SEND goes on air at once; two more fill the queue.
    expect(await host.request(untimed(1))).toEqual({ type: 'ACK', queued: 1 });
    expect(await host.request(untimed(2))).toEqual({ type: 'ACK', queued: 1 });
    expect(await host.request(untimed(3))).toEqual({ type: 'ACK', queued: 2 });
    expect(await host.request(untimed(4))).toEqual({ type: 'NACK', reason: 'QUEUE_FULL' });
  });

  it('NACKs BAD_FRAME for unknown type, unknown version, device-only types and malformed payloads', async () => {
    const { host, device } = setup();
    const bad = async (bytes: Uint8Array, seq: number) => {
      const from = host.frames.length;
      host.writeRaw(bytes);
      return (await host.waitFor((f) => f.seq === seq, 2000, from)).message;
    };
    expect(await bad(encodeRawFrame({ version: 1, type: 0x7e, seq: 40, payload: new Uint8Array() }), 40)).toEqual({
      type: 'NACK',
      reason: 'BAD_FRAME',
    });
    expect(await bad(encodeRawFrame({ version: 2, type: 0x01, seq: 41, payload: new Uint8Array() }), 41)).toEqual({
      type: 'NACK',
      reason: 'BAD_FRAME',
    });
    expect(await bad(encodeCclFrame(42, { type: 'ACK', queued: 0 }), 42)).toEqual({ type: 'NACK', reason: 'BAD_FRAME' });
    // SEND with a reserved flag bit, and a SEND with no rf.
    expect(await bad(encodeRawFrame({ version: 1, type: 0x02, seq: 43, payload: Uint8Array.of(0x80, 0, 0, 1) }), 43)).toEqual({
      type: 'NACK',
      reason: 'BAD_FRAME',
    });
    expect(await bad(encodeRawFrame({ version: 1, type: 0x02, seq: 44, payload: Uint8Array.of(0, 0, 0) }), 44)).toEqual({
      type: 'NACK',
      reason: 'BAD_FRAME',
    });
    expect(device.stats()).toMatchObject({ badFrames: 5, dropped: 0, nacks: { BAD_FRAME: 5 } });
  });

  it('NACKs BUSY (and other injected faults) while switched on, then recovers', async () => {
    const { host, device } = setup();
    device.faults.busy = true;
    expect(await host.request(untimed(1))).toEqual({ type: 'NACK', reason: 'BUSY' });
    device.faults.busy = false;
    device.faults.queueFull = true;
    expect(await host.request(untimed(1))).toEqual({ type: 'NACK', reason: 'QUEUE_FULL' });
    device.faults.queueFull = false;
    device.faults.nack = (s) => (s.rf[1] === 5 ? 'TOO_LATE' : undefined);
    expect(await host.request(untimed(5))).toEqual({ type: 'NACK', reason: 'TOO_LATE' });
    expect(await host.request(untimed(6))).toEqual({ type: 'ACK', queued: 1 });
    expect(device.stats().nacks).toEqual({ BUSY: 1, QUEUE_FULL: 1, TOO_LATE: 1 });
  });

  it('never answers HELLO when told to, and answers nothing while mute', async () => {
    const { host, device } = setup();
    device.faults.ignoreHello = true;
    await expect(host.request({ type: 'HELLO' }, 100)).rejects.toThrow(/no matching/);
    expect(await host.request({ type: 'PING', data: new Uint8Array() })).toEqual({ type: 'PONG', data: new Uint8Array() });
    device.faults.mute = true;
    await expect(host.request({ type: 'TIME' }, 100)).rejects.toThrow(/no matching/);
    device.faults.mute = false;
    expect((await host.request({ type: 'TIME' })).type).toBe('CLOCK');
  });

  it('FLUSH drops queued SENDs, ACKs, then sends STATUS with its own seq', async () => {
    const { host, clock, aired } = setup();
    await host.request(untimed(1, { repeat: 1, gapMs: 10 }));
    await host.request(untimed(2));
    await host.request(untimed(3));
    const from = host.frames.length;
    expect(await host.request({ type: 'FLUSH' })).toEqual({ type: 'ACK', queued: 1 });
    const status = await host.waitFor((f) => f.message.type === 'STATUS', 2000, from);
    expect(status.message).toEqual({ type: 'STATUS', queued: 1, sent: 1, late: 0, dropped: 0 });
    expect(status.seq).toBe(0);
    clock.advanceBy(1_000_000);
    // The started SEND keeps its repeat; the others are gone.
    expect(aired.map((t) => [t.seq, t.repeatIndex])).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });

  it('sends STATUS about once a second on its own, counting its own seq', async () => {
    const clock = new ManualDeviceClock(0);
    const device = new VirtualTransmitter({ clock });
    devices.push(device);
    const host = new TestHost(device.connect());
    clock.advanceBy(3_000_000);
    await host.waitFor(() => host.frames.length >= 3);
    expect(host.frames.map((f) => [f.seq, f.message.type])).toEqual([
      [0, 'STATUS'],
      [1, 'STATUS'],
      [2, 'STATUS'],
    ]);
  });

  it('drops garbage bytes and half frames, counts them in STATUS and keeps working', async () => {
    const { host, device } = setup();
    host.writeRaw(Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0x00)); // bad COBS/CRC
    const hello = encodeCclFrame(9, { type: 'HELLO' });
    host.writeRaw(hello.subarray(0, 3)); // half a frame...
    host.writeRaw(Uint8Array.of(0x00)); // ...cut off by a delimiter
    const broken = encodeCclFrame(10, { type: 'PING', data: Uint8Array.of(1) }).slice();
    broken[2] ^= 0x40; // a flipped bit: bad CRC
    host.writeRaw(broken);
    // Two frames, the first with a CRC of the wrong byte order (dropped), the second good.
    const body = Uint8Array.of(1, 0x05, 11, 0, 0);
    const c = crc16(body.subarray(0, 3));
    body[3] = c >> 8;
    body[4] = c & 0xff;
    host.writeRaw(Uint8Array.of(...cobsEncode(body), 0));
    host.writeRaw(new Uint8Array(600).fill(0x55)); // far longer than any frame
    host.writeRaw(Uint8Array.of(0));
    expect(await host.request({ type: 'PING', data: Uint8Array.of(7) })).toEqual({ type: 'PONG', data: Uint8Array.of(7) });
    expect(device.stats().dropped).toBe(5);
    const from = host.frames.length;
    await host.request({ type: 'FLUSH' });
    const status = await host.waitFor((f) => f.message.type === 'STATUS', 2000, from);
    expect(status.message).toMatchObject({ dropped: 5 });
  });

  it('feeds each transmission to the crowd at its end (host ms)', async () => {
    const got: Array<[number, number]> = [];
    const { host, clock } = setup({ crowd: { receive: (bytes, atMs) => got.push([bytes[1], atMs]) } });
    await host.request(untimed(21));
    clock.advanceBy(AIR10);
    expect(got).toHaveLength(1);
    expect(got[0][0]).toBe(21);
    expect(got[0][1]).toBeCloseTo(5000 + AIR10 / 1000, 9);
  });

  it('keeps queue and clock across a reconnect, and a closed host side detaches', async () => {
    const { host, device, clock, aired } = setup();
    await host.request(untimed(1, { repeat: 3, gapMs: 50 }));
    const detached = new Promise<string>((resolve) => device.onEvent((e) => e.kind === 'detached' && resolve(e.reason)));
    host.stream.destroy();
    expect(await detached).toBe('stream closed');
    expect(device.connected).toBe(false);
    const host2 = new TestHost(device.connect('again'));
    expect((await host2.request({ type: 'TIME' })).type).toBe('CLOCK');
    clock.advanceBy(1_000_000);
    expect(aired).toHaveLength(4);
  });
});

describe('VirtualTransmitter and the crowd', () => {
  it('lands each transmission in the crowd through the RF channel at its end', async () => {
    const crowd = buildCrowd(stadiumVenue({ seats: 200 }), { seed: 3 });
    const landed: number[] = [];
    const channel = new RfChannel(crowd, { transmitters: [{ id: 'left', coverage: 'ALL' }], onDelivery: (d) => landed.push(d.reachedCount) });
    const { host, clock } = setup({ rf: { channel, transmitterId: 'left' } });
    const red = encodeCcb({ site: 1, seq: 5, target: { kind: 'ALL' }, cmd: 'COLOR', rgb: [255, 0, 0], fadeMs: 0 });
    await host.request({ type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf: red });
    const endHostMs = 5000 + airtimeUs(red.length, 38400, 13) / 1000;
    expect(crowd.colorOf(0, endHostMs + 1)).not.toEqual([255, 0, 0]);
    clock.advanceBy(airtimeUs(red.length, 38400, 13));
    expect(landed).toEqual([crowd.bandCount]);
    expect(crowd.colorOf(0, endHostMs + 1)).toEqual([255, 0, 0]);
  });
});

describe('VirtualTransmitter on a hostile line', () => {
  it('never throws on random bytes and still answers afterwards', async () => {
    const { host, device } = setup();
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), (chunks) => {
        for (const c of chunks) device.receive(c);
      }),
      { numRuns: 200 },
    );
    // Whatever half frame the noise left behind is cut off by the leading 0x00.
    host.writeRaw(Uint8Array.of(0));
    expect(await host.request({ type: 'HELLO' })).toMatchObject({ type: 'INFO' });
    expect(device.stats().dropped).toBeGreaterThan(0);
  });
});
