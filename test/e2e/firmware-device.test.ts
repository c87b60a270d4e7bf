/**
 * The reference firmware's CCL rules, asked of the compiled firmware in simavr
 * over its pty with hand-made frames: every NACK, FLUSH, PRIORITY, repeats and
 * their gaps, and fencing. Times come from the device's own CLOCK and the
 * radio's record in simulated time, so the machine's load cannot move them.
 */
import { SerialPort } from 'serialport';
import { CclStreamDecoder, encodeCcb, encodeCclFrame, encodeRawFrame, type CclDeviceMessage, type CclHostMessage } from '@crowdcue/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFirmware, missingFirmwareTools, startFirmwareSim, type FirmwareSim } from './firmware-rig';

const run = missingFirmwareTools().length === 0 || Boolean(process.env.CI);

/** A raw CCL host: writes frames, pairs answers by seq. */
class RawHost {
  private decoder = new CclStreamDecoder({ parse: { from: 'device' } });
  private waiting = new Map<number, (m: CclDeviceMessage) => void>();
  readonly statuses: Array<Extract<CclDeviceMessage, { type: 'STATUS' }>> = [];
  private seq = 0;
  constructor(readonly port: SerialPort) {
    port.on('data', (b: Buffer) => {
      for (const item of this.decoder.push(b)) {
        if (item.kind !== 'frame') continue;
        const m = item.frame.message as CclDeviceMessage;
        if (m.type === 'STATUS') this.statuses.push(m);
        else this.waiting.get(item.frame.seq)?.(m);
      }
    });
  }
  static async open(path: string): Promise<RawHost> {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return new RawHost(port);
  }
  /** Sends one frame (a message, or raw bytes already framed) and waits for the answer with its seq. */
  ask(message: CclHostMessage | ((seq: number) => Uint8Array)): Promise<CclDeviceMessage> {
    return this.askAll([message])[0];
  }
  /** Several frames in one write, so they reach the device back to back whatever the load here. */
  askAll(messages: Array<CclHostMessage | ((seq: number) => Uint8Array)>): Array<Promise<CclDeviceMessage>> {
    const frames: Uint8Array[] = [];
    const answers = messages.map((message) => {
      const seq = this.seq++ & 0xff;
      frames.push(typeof message === 'function' ? message(seq) : encodeCclFrame(seq, message));
      return new Promise<CclDeviceMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to seq ${seq}`)), 5000);
        this.waiting.set(seq, (m) => {
          clearTimeout(timer);
          this.waiting.delete(seq);
          resolve(m);
        });
      });
    });
    this.port.write(Buffer.concat(frames));
    return answers;
  }
  async now(): Promise<number> {
    const m = await this.ask({ type: 'TIME' });
    if (m.type !== 'CLOCK') throw new Error(`TIME answered ${m.type}`);
    return m.nowUs;
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}

let tag = 0;
/** A COLOR whose colour tells the packets apart on air. */
const rf = (len = 9) => {
  tag++;
  const p = encodeCcb({ site: 1, seq: (tag % 255) + 1, target: { kind: 'ALL' }, cmd: 'COLOR', rgb: [tag & 0xff, 1, 2], fadeMs: 0 });
  return len <= p.length ? p : new Uint8Array([...p, ...new Array<number>(len - p.length).fill(7)]);
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const send = (r: Uint8Array, o: { atUs?: number; priority?: boolean; repeat?: number; gapMs?: number } = {}): CclHostMessage => ({
  type: 'SEND',
  timed: o.atUs !== undefined,
  ...(o.atUs !== undefined ? { atUs: o.atUs >>> 0 } : {}),
  priority: o.priority ?? false,
  repeat: o.repeat ?? 0,
  gapMs: o.gapMs ?? 0,
  rf: r,
});

async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!run)('reference firmware as a CCL device (simavr)', () => {
  let sim: FirmwareSim;
  let host: RawHost;
  beforeAll(async () => {
    buildFirmware();
    sim = await startFirmwareSim();
    host = await RawHost.open(sim.path);
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await sim?.close();
  });
  const aired = (r: Uint8Array) => sim.air().filter((a) => a.rf === hex(r));

  it('answers HELLO with INFO, PING with PONG, and every malformed frame with BAD_FRAME', async () => {
    expect(await host.ask({ type: 'HELLO' })).toMatchObject({ type: 'INFO', proto: 1, rfMax: 48, queueCap: 16, bitrate: 38415, overhead: 13 });
    expect(await host.ask({ type: 'PING', data: new Uint8Array([9, 8, 7]) })).toEqual({ type: 'PONG', data: new Uint8Array([9, 8, 7]) });
    const raw = (version: number, type: number, payload: number[]) => (seq: number) => encodeRawFrame({ version, type, seq, payload: new Uint8Array(payload) });
    const bad = { type: 'NACK', reason: 'BAD_FRAME' };
    expect(await host.ask(raw(2, 0x03, []))).toEqual(bad); // unknown version
    expect(await host.ask(raw(1, 0x42, []))).toEqual(bad); // unknown type
    expect(await host.ask(raw(1, 0x82, [1]))).toEqual(bad); // a device's type
    expect(await host.ask(raw(1, 0x03, [0]))).toEqual(bad); // TIME with a payload
    expect(await host.ask(raw(1, 0x05, new Array<number>(17).fill(1)))).toEqual(bad); // PING over 16 bytes
    expect(await host.ask(raw(1, 0x01, [1, 2, 3]))).toEqual(bad); // HELLO neither plain nor a claim
    expect(await host.ask(raw(1, 0x02, [0x04, 0, 0, 1]))).toEqual(bad); // SEND with a reserved flag
    expect(await host.ask(raw(1, 0x02, [0x00, 0, 0]))).toEqual(bad); // SEND without rf
    expect(await host.ask(raw(1, 0x02, [0x01, 0, 0, 1, 2]))).toEqual(bad); // timed SEND cut short in at_us
  });

  it('refuses TOO_LONG, TOO_LATE and QUEUE_FULL, and FLUSH empties the queue with an ACK and a STATUS', async () => {
    expect(await host.ask(send(rf(49)))).toEqual({ type: 'NACK', reason: 'TOO_LONG' });
    const now = await host.now();
    expect(await host.ask(send(rf(), { atUs: now - 1000 }))).toEqual({ type: 'NACK', reason: 'TOO_LATE' });
    const far = now + 20_000_000;
    for (let i = 1; i <= 16; i++) expect(await host.ask(send(rf(), { atUs: far + i * 10_000 }))).toEqual({ type: 'ACK', queued: i });
    expect(await host.ask(send(rf(), { atUs: far }))).toEqual({ type: 'NACK', reason: 'QUEUE_FULL' });
    const before = host.statuses.length;
    expect(await host.ask({ type: 'FLUSH' })).toEqual({ type: 'ACK', queued: 0 });
    await until(() => host.statuses.length > before, 'the STATUS after FLUSH');
    expect(host.statuses[before].queued).toBe(0);
  });

  it('starts a timed SEND on its at_us, repeats after the gap, and lets PRIORITY go first', async () => {
    const timed = rf();
    const now = await host.now();
    const at = now + 300_000;
    expect(await host.ask(send(timed, { atUs: at, repeat: 2, gapMs: 20 }))).toEqual({ type: 'ACK', queued: 1 });
    await until(() => aired(timed).length === 3, 'three transmissions of the timed SEND');
    const t = aired(timed);
    expect(Math.abs(((t[0].deviceStartUs - at + 2 ** 31) % 2 ** 32) - 2 ** 31)).toBeLessThan(100);
    for (let i = 1; i < 3; i++) expect(t[i].startUs - t[i - 1].endUs).toBeGreaterThanOrEqual(20_000);

    // Two plain SENDs, then a PRIORITY one, written at once while a 48-byte packet holds the channel (12.7 ms).
    const long = rf(48);
    const plainA = rf();
    const plainB = rf();
    const urgent = rf();
    const answers = await Promise.all(host.askAll([send(long), send(plainA), send(plainB), send(urgent, { priority: true })]));
    expect(answers.map((a) => a.type)).toEqual(['ACK', 'ACK', 'ACK', 'ACK']);
    await until(() => aired(plainB).length === 1, 'the plain SENDs on air');
    const start = (r: Uint8Array) => aired(r)[0].startUs;
    expect(start(urgent)).toBeLessThan(start(plainA));
    expect(start(plainA)).toBeLessThan(start(plainB));
    // One transmission at a time, with at least 1 ms of quiet between.
    const air = sim.air();
    for (let i = 1; i < air.length; i++) expect(air[i].startUs - air[i - 1].endUs).toBeGreaterThanOrEqual(999);
  });

  it('fences: a newer epoch takes the device; an older one, and plain HELLOs, are refused and may not SEND', async () => {
    const claim = (controllerId: number, epoch: number): CclHostMessage => ({ type: 'HELLO', controllerId, epoch });
    expect((await host.ask(claim(0x1234abcd, 3))).type).toBe('INFO');
    expect((await host.ask(send(rf()))).type).toBe('ACK');
    expect(await host.ask(claim(0x55, 2))).toEqual({ type: 'NACK', reason: 'FENCED' });
    expect(await host.ask(send(rf()))).toEqual({ type: 'NACK', reason: 'FENCED' });
    expect(await host.ask({ type: 'FLUSH' })).toEqual({ type: 'NACK', reason: 'FENCED' });
    expect((await host.ask({ type: 'TIME' })).type).toBe('CLOCK');
    expect(await host.ask({ type: 'HELLO' })).toEqual({ type: 'NACK', reason: 'FENCED' });
    expect(await host.ask(claim(0x55, 3))).toEqual({ type: 'NACK', reason: 'FENCED' });
    expect((await host.ask(claim(0x1234abcd, 3))).type).toBe('INFO'); // the holder reconnecting
    expect((await host.ask(send(rf()))).type).toBe('ACK');
    expect((await host.ask(claim(0x55, 4))).type).toBe('INFO'); // a newer epoch takes over
    expect((await host.ask(send(rf()))).type).toBe('ACK');
  });
});
