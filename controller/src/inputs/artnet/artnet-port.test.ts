/**
 * The desk input's ArtDmx and the timecode source's ArtTimeCode on one UDP
 * port, with real unicast packets over loopback: both must arrive. With a
 * socket each (SO_REUSEADDR) the kernel gives a unicast datagram to only one
 * of them.
 */
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { freeUdpPort } from '../../free-port.test-util';
import { artDmx } from '../desk/artnet-packet';
import type { DmxFrame } from '../desk/dmx-frame';
import { DmxSocket } from '../desk/dmx-socket';
import { ArtnetTimecodeSource } from '../timecode/artnet-source';
import { encodeArtTimecode } from '../timecode/artnet-timecode';
import type { TimecodeFrame } from '../timecode/timecode-source';
import { artnetUsers, listenArtnet } from './artnet-port';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const sender = createSocket('udp4');
const send = (bytes: Uint8Array, port: number) => new Promise<void>((resolve) => sender.send(bytes, port, '127.0.0.1', () => resolve()));
const tc = { hours: 1, minutes: 0, seconds: 0, frames: 10, dropFrame: false };

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
}

async function bothOn(port: number) {
  const frames: DmxFrame[] = [];
  const desk = new DmxSocket({ protocol: 'artnet', universes: [3], port, onFrame: (f) => frames.push({ ...f, slots: f.slots.slice() }) });
  await desk.start();
  closers.push(() => desk.close());
  const timecode = new ArtnetTimecodeSource({ port, clock: { now: () => performance.now() } });
  const timecodes: TimecodeFrame[] = [];
  timecode.frames$.subscribe((f) => timecodes.push(f));
  await timecode.start();
  closers.push(() => timecode.stop());
  return { desk, frames, timecode, timecodes };
}

describe('one Art-Net port for desk and timecode', () => {
  it('hands unicast ArtDmx to the desk and ArtTimeCode to the timecode source', async () => {
    const port = await freeUdpPort();
    const { desk, frames, timecode, timecodes } = await bothOn(port);
    expect(artnetUsers(port)).toBe(2);
    expect(desk.port).toBe(port);
    expect(timecode.port).toBe(port);

    for (let i = 0; i < 5; i++) {
      await send(artDmx(3, [10 + i, 20]), port);
      await send(encodeArtTimecode({ ...tc, frames: 10 + i }, 25), port);
    }
    await until('five of each', () => frames.length === 5 && timecodes.length === 5);
    expect(frames.map((f) => f.slots[0])).toEqual([10, 11, 12, 13, 14]);
    expect(timecodes.map((f) => f.timecode.frames)).toEqual([10, 11, 12, 13, 14]);
  });

  it('counts bytes that are not Art-Net for both users, and never hands a user another OpCode', async () => {
    const port = await freeUdpPort();
    const { desk, frames, timecode, timecodes } = await bothOn(port);
    await send(new TextEncoder().encode('hello, not art-net'), port);
    const poll = artDmx(3, [1, 2]);
    poll[8] = 0x00;
    poll[9] = 0x20; // OpPoll
    await send(poll, port);
    await send(artDmx(3, [7, 7]), port);
    await until('the ArtDmx after them', () => frames.length === 1);
    expect(desk.malformed.toJSON()).toEqual({ 'not-artnet': 1 });
    expect(timecode.refused).toEqual({ NOT_ARTNET: 1 });
    expect(timecodes).toEqual([]);
  });

  it('keeps the other user when one leaves, and frees the port when both have', async () => {
    const port = await freeUdpPort();
    const { desk, timecodes } = await bothOn(port);
    await closers.splice(0, 1)[0](); // the desk closes
    expect(artnetUsers(port)).toBe(1);
    await send(encodeArtTimecode(tc, 25), port);
    await until('timecode after the desk left', () => timecodes.length === 1);
    expect(desk.port).toBe(port);

    await closers.splice(0)[0]();
    expect(artnetUsers(port)).toBe(0);
    // Bound without SO_REUSEADDR: fails while any socket still holds the port.
    const probe = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.bind(port, '0.0.0.0', () => resolve());
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it('refuses a port that is taken, naming it, and a later user can still open it', async () => {
    const port = await freeUdpPort();
    const squatter = createSocket('udp4');
    await new Promise<void>((resolve) => squatter.bind(port, '0.0.0.0', () => resolve()));
    await expect(listenArtnet({ port }, { opcodes: [], onPacket: () => undefined })).rejects.toThrow(`cannot listen for Art-Net on UDP port ${port}`);
    expect(artnetUsers(port)).toBe(0);
    await new Promise<void>((resolve) => squatter.close(() => resolve()));
    const lease = await listenArtnet({ port }, { opcodes: [], onPacket: () => undefined });
    expect(lease.port).toBe(port);
    await lease.release();
  });
});
