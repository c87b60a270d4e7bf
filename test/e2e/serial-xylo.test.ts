/**
 * The Xyloband driver over a real pty pair to a stand-in XyloSender: a small
 * model of the public sketch (length byte, then the packet; transmits, then
 * blinks 50 ms during which it reads nothing; a 64-byte receive buffer that
 * overflows if the host writes too fast).
 */
import { SerialPort } from 'serialport';
import { encodeCcb, toHex, type CcbCommand, type CcbTarget } from '@crowdcue/protocol';
import { hasSocat, openPtyPair, type PtyPair } from '@crowdcue/simulator/node';
import { openTransmitter, type OpenedTransmitter, type PlannedPacket } from '@crowdcue/controller';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** What the sketch does with bytes, at the pace the real one would. */
class FakeXyloSender {
  readonly packets: Array<{ atMs: number; hex: string }> = [];
  overflowed = 0;
  private rx: number[] = [];
  private busyUntil = 0;
  private greeted = false;
  private timer: ReturnType<typeof setInterval>;

  constructor(readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      this.greeted = true;
      for (const b of chunk) {
        if (this.rx.length >= 64) this.overflowed++;
        else this.rx.push(b);
      }
      this.work();
    });
    // An Arduino greets after the reset its port opening causes; say it until someone listens.
    this.timer = setInterval(() => {
      if (!this.greeted) port.write('Initializing...\r\nXyloShield initialized\r\n');
      this.work();
    }, 5);
  }

  say(line: string): void {
    this.port.write(line + '\r\n');
  }

  private work(): void {
    const now = performance.now();
    if (now < this.busyUntil) return;
    while (this.rx.length > 0) {
      const len = this.rx[0];
      if (len > 63) {
        this.rx.shift();
        this.say('Illegal length byte received');
        continue;
      }
      if (this.rx.length < 1 + len) return;
      const packet = this.rx.splice(0, 1 + len).slice(1);
      this.packets.push({ atMs: now, hex: toHex(Uint8Array.from(packet)) });
      // Transmit, then blink for 50 ms reading nothing.
      this.busyUntil = now + 50 + 6;
      return;
    }
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return new Promise((r) => this.port.close(() => r()));
  }
}

const available = hasSocat();
let pty: PtyPair;
let sketch: FakeXyloSender;
let tx: OpenedTransmitter;

function send(seq: number, target: CcbTarget, command: CcbCommand): void {
  const rf = encodeCcb({ site: 7, seq, target, ...command });
  const p: PlannedPacket = { seq, rf, zones: 'ALL', atMs: null, priority: false, repeat: 0, gapMs: 0, purpose: 'cue' };
  tx.send(p);
}

describe.skipIf(!available && !process.env.CI)('Xyloband driver over a real pty pair', () => {
  beforeAll(async () => {
    pty = await openPtyPair();
    const port = new SerialPort({ path: pty.paths[1], baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    sketch = new FakeXyloSender(port);
    tx = openTransmitter(`xylo+serial:${pty.paths[0]}`, { xylo: { readyTimeoutMs: 2000, air: { wakeMs: 400 } } });
    await tx.start();
  }, 20_000);

  afterAll(async () => {
    await tx?.stop();
    await sketch?.close();
    await pty?.close();
  });

  it('waits for the sketch, wakes the bands, then sends colours the sketch can keep up with', async () => {
    expect(tx.health().state).toBe('up');
    send(1, { kind: 'ZONES', zones: [0] }, { cmd: 'COLOR', rgb: [255, 0, 0], fadeMs: 0 });
    await vi.waitFor(() => expect(sketch.packets.filter((p) => p.hex === '00010001ff06013e000000fa03080107').length).toBe(4), { timeout: 5000 });
    const hexes = sketch.packets.map((p) => p.hex);
    expect(hexes[0]).toBe('00ffff008102');
    // Nothing lost to the sketch's receive buffer (a host writing faster than one packet per
    // blink would fill its 64 bytes within a few packets), nothing it could not parse.
    expect(sketch.overflowed).toBe(0);
    expect(tx.health().deviceErrors ?? {}).toEqual({});
  });

  it('counts and logs what the sketch complains about', async () => {
    sketch.say('Packet send failed!');
    await vi.waitFor(() => expect(tx.health().deviceErrors?.['Packet send failed!']).toBe(1), { timeout: 3000 });
  });
});
