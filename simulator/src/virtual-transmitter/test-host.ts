/**
 * A minimal CCL host for tests of the device: writes frames, collects the
 * device's frames, and waits for a particular one. Not a driver (that is the
 * controller's job); it does nothing the test does not ask for.
 */
import type { Duplex } from 'node:stream';
import { CclStreamDecoder, type CclDeviceMessage, type CclFrame, type CclHostMessage, encodeCclFrame } from '@crowdcue/protocol';

type DeviceFrame = CclFrame<CclDeviceMessage>;

export class TestHost {
  readonly frames: DeviceFrame[] = [];
  private readonly decoder = new CclStreamDecoder({ parse: { from: 'device' } });
  private waiters: Array<{ match: (f: DeviceFrame) => boolean; resolve: (f: DeviceFrame) => void; from: number }> = [];
  private seq = 0;

  constructor(readonly stream: Duplex) {
    stream.on('data', (chunk: Buffer) => {
      for (const item of this.decoder.push(chunk)) {
        if (item.kind !== 'frame') throw new Error(`device sent a bad frame: ${item.error.message}`);
        this.frames.push(item.frame as DeviceFrame);
      }
      this.check();
    });
    stream.on('error', () => undefined);
  }

  get decoderStats() {
    return this.decoder.stats;
  }

  /** Writes a frame with the next host seq; answers that seq. */
  send(message: CclHostMessage, seq = this.nextSeq()): number {
    this.stream.write(encodeCclFrame(seq, message));
    return seq;
  }

  writeRaw(bytes: Uint8Array): void {
    this.stream.write(bytes);
  }

  /** Sends and waits for the reply carrying the same seq (STATUS excluded). */
  async request(message: CclHostMessage, timeoutMs = 5000): Promise<CclDeviceMessage> {
    const from = this.frames.length;
    const seq = this.send(message);
    const f = await this.waitFor((fr) => fr.seq === seq && fr.message.type !== 'STATUS', timeoutMs, from);
    return f.message;
  }

  /** Waits for a device frame (received after `from`, default: any not yet seen... i.e. from now). */
  waitFor(match: (f: DeviceFrame) => boolean, timeoutMs = 5000, from = this.frames.length): Promise<DeviceFrame> {
    const seen = this.frames.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching device frame within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        from,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => {
      const f = this.frames.slice(w.from).find(w.match);
      if (f) w.resolve(f);
      return !f;
    });
  }

  private nextSeq(): number {
    const s = this.seq;
    this.seq = (s + 1) & 0xff;
    return s;
  }
}
