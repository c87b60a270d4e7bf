/**
 * The CCL driver through serialport against a scripted device on
 * @serialport/binding-mock: wire bytes, a device of another protocol version,
 * garbage on the line, a port that is not there.
 */
import { encodeCcb, encodeCclFrame, toHex, type CclDeviceMessage, type CclHostMessage } from '@crowdcue/protocol';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockSerial, scriptCclDevice, type MockSerial } from './mock-serial.test-util';
import { openTransmitter, type OpenedTransmitter } from './open-transmitter';
import type { PlannedPacket } from './types';

const vectors = JSON.parse(readFileSync(new URL('../../../protocol/test-data/vectors.json', import.meta.url), 'utf8')) as {
  ccl: Array<{ name: string; wire: string }>;
};

let n = 0;
let running: OpenedTransmitter[] = [];
afterEach(async () => {
  await Promise.all(running.map((t) => t.stop()));
  running = [];
});

function info(proto = 1, radio: Partial<Extract<CclDeviceMessage, { type: 'INFO' }>> = {}): CclDeviceMessage {
  return { type: 'INFO', proto, rfMax: 48, queueCap: 8, bitrate: 38_400, overhead: 13, name: 'scripted', ...radio };
}

/** A well-behaved device: answers everything at once. */
function wellBehaved(proto = 1, radio: Partial<Extract<CclDeviceMessage, { type: 'INFO' }>> = {}) {
  return (m: CclHostMessage): CclDeviceMessage | undefined => {
    switch (m.type) {
      case 'HELLO':
        return info(proto, radio);
      case 'TIME':
        return { type: 'CLOCK', nowUs: Math.floor(performance.now() * 1000) >>> 0 };
      case 'PING':
        return { type: 'PONG', data: m.data };
      case 'SEND':
      case 'FLUSH':
        return { type: 'ACK', queued: 0 };
    }
  };
}

function open(mock: MockSerial, url = `serial:${mock.path}`): OpenedTransmitter {
  const t = openTransmitter(url, {
    serialBinding: mock.binding,
    reconnectMinMs: 20,
    reconnectMaxMs: 100,
    ccl: { helloTimeoutMs: 80, helloAttempts: 2, pingEveryMs: 50, downAfterMs: 300, clockBurst: 2 },
  });
  running.push(t);
  return t;
}

const packet = (rgb: [number, number, number]): PlannedPacket => ({
  seq: 9,
  rf: encodeCcb({ site: 1, seq: 9, target: { kind: 'ALL' }, cmd: 'COLOR', rgb, fadeMs: 0 }),
  zones: 'ALL',
  atMs: null,
  priority: false,
  repeat: 0,
  gapMs: 0,
  purpose: 'cue',
});

describe('CCL driver over serialport (binding-mock)', () => {
  it('opens with a line flush and the HELLO frame of the vectors, then syncs and sends', async () => {
    const mock = mockSerial(`/dev/ccl${n++}`);
    const device = scriptCclDevice(mock, wellBehaved());
    const t = open(mock);
    await t.start();
    expect(t.health().state).toBe('up');
    expect(toHex(mock.written[0]) + toHex(mock.written[1])).toBe('00' + vectors.ccl.find((v) => v.name === 'hello')!.wire);
    expect(device.frames.filter((f) => f.message.type === 'TIME').length).toBe(2);
    t.send(packet([1, 2, 3]));
    await vi.waitFor(() => expect(device.frames.some((f) => f.message.type === 'SEND')).toBe(true));
    const send = device.frames.find((f) => f.message.type === 'SEND')!.message;
    expect(send).toMatchObject({ timed: false, priority: false, repeat: 0 });
    expect(toHex((send as { rf: Uint8Array }).rf)).toBe(toHex(packet([1, 2, 3]).rf));
  });

  it('refuses a device that speaks another protocol version, saying so', async () => {
    const mock = mockSerial(`/dev/ccl${n++}`);
    scriptCclDevice(mock, wellBehaved(2));
    const t = open(mock);
    await t.start();
    expect(t.health().state).not.toBe('up');
    expect(t.health().lastError).toBe("device 'scripted' speaks CCL protocol 2; this controller speaks protocol 1 only");
  });

  it('refuses a device that claims radio figures no transmitter has, naming each field and its range', async () => {
    const mock = mockSerial(`/dev/ccl${n++}`);
    scriptCclDevice(mock, wellBehaved(1, { bitrate: 1, queueCap: 0, rfMax: 4 }));
    const t = open(mock);
    await t.start();
    expect(t.health().state).not.toBe('up');
    expect(t.capabilities()).toBeUndefined();
    expect(t.health().lastError).toBe(
      "device 'scripted' reports radio figures no transmitter has, refused: bitrate 1 bit/s (accepted 1,200..2,000,000 bit/s); " +
        'rf_max 4 bytes (accepted 9..255 bytes); queue_cap 0 SENDs (accepted 1..255 SENDs)',
    );
  });

  it('takes a device at the edges of the ranges (a 1.2 kbit/s sub-GHz radio, a 2 Mbit/s nRF24)', async () => {
    for (const radio of [{ bitrate: 1_200, rfMax: 9, queueCap: 1, overhead: 0 }, { bitrate: 2_000_000, rfMax: 255, queueCap: 255, overhead: 63 }]) {
      const mock = mockSerial(`/dev/ccl${n++}`);
      scriptCclDevice(mock, wellBehaved(1, radio));
      const t = open(mock);
      await t.start();
      expect(t.health().state).toBe('up');
      expect(t.capabilities()).toMatchObject(radio);
    }
  });

  it('drops garbage and half frames from the device, counts them, and carries on', async () => {
    const mock = mockSerial(`/dev/ccl${n++}`);
    const device = scriptCclDevice(mock, wellBehaved());
    const t = open(mock);
    await t.start();
    // Noise, a frame cut short, a frame with a broken CRC, then a good PONG for nobody.
    mock.emit(new Uint8Array([0x13, 0x37, 0xff, 0x00]));
    const good = encodeCclFrame(200, { type: 'PONG', data: new Uint8Array([1]) });
    mock.emit(good.slice(0, 4));
    mock.emit(new Uint8Array([0x00]));
    const bad = good.slice();
    bad[2] ^= 0x40;
    mock.emit(bad);
    await vi.waitFor(() => expect(t.health().badFrames).toBe(3));
    t.send(packet([4, 5, 6]));
    await vi.waitFor(() => expect(device.frames.some((f) => f.message.type === 'SEND')).toBe(true));
    expect(t.health().state).toBe('up');
  });

  it('a device that never answers HELLO: tries again, marks it down, does not hang', async () => {
    const mock = mockSerial(`/dev/ccl${n++}`);
    const device = scriptCclDevice(mock, () => undefined);
    const t = open(mock);
    await t.start();
    expect(t.health().state).toBe('down');
    expect(t.health().lastError).toMatch(/did not answer HELLO/);
    await vi.waitFor(() => expect(device.frames.filter((f) => f.message.type === 'HELLO').length).toBeGreaterThanOrEqual(4));
  });

  it('reports a port that is not there and keeps trying', async () => {
    const mock = mockSerial(`/dev/ccl${n++}`);
    const t = open(mock, 'serial:/dev/no-such-port');
    await t.start();
    expect(t.health().state).toBe('down');
    expect(t.health().lastError).toMatch(/cannot open serial port \/dev\/no-such-port/);
  });
});
