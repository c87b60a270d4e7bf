/**
 * A stand-in for the open PixMob IR forwarder sketch on the far end of a pty:
 * it reads bytes the way the sketch does (skip to `[`, the count up to `]`,
 * the digits up to `,`; give up on a part that takes over a second), then
 * "sends the IR" for as long as the runs last plus the sketch's 3 ms pause,
 * reading nothing meanwhile, with a 64-byte receive buffer that overflows if
 * the host writes too fast. Every line is checked against the grammar the
 * driver must keep and decoded back to the code the bands would get.
 *
 * The stand-in runs on Node's event loop: when this process stalls (a busy
 * machine), bytes the host sent on time pile up in the pty and arrive in one
 * chunk, and the stand-in, now behind, catches up only by the host's margin
 * per line. Bytes over the 64 within 2 s of such a stall are kept and counted
 * as `stallExcused`, not as overflow: the board would have read them as they
 * came. A host that writes too fast overflows outside those windows too.
 */
import { SerialPort } from 'serialport';
import {
  decodePixmob,
  parseForwarderLine,
  pixmobAirtimeUs,
  PIXMOB_SKETCH_DELAY_MS,
  type PixmobCommand,
} from '@crowdcue/protocol';

export interface ForwarderLine {
  atMs: number;
  line: string;
  /** Why the line is not one the sketch sends faithfully; undefined = valid. */
  error?: string;
  commands: PixmobCommand[];
}

const RX_BUFFER = 64;
/** Arduino's Stream timeout: readStringUntil gives up after this long without its terminator. */
const READ_TIMEOUT_MS = 1000;
/** A 2 ms heartbeat this late means the process stalled. */
const STALL_MS = 25;
/** How long after a stall the stand-in may still be catching up. */
const CATCH_UP_MS = 2000;

export class FakeIrForwarder {
  readonly lines: ForwarderLine[] = [];
  /** Bytes lost to the full receive buffer. */
  overflowed = 0;
  /** Bytes over the buffer that came in one chunk after this process stalled. */
  stallExcused = 0;
  /** The longest this process went without its 2 ms heartbeat, ms. */
  worstStallMs = 0;
  /** Bytes skipped while looking for `[` (the driver never sends any). */
  junk = 0;
  /** Bytes in the receive buffer, each with when it arrived. */
  private rx: Array<{ byte: number; atMs: number }> = [];
  private busyUntil = 0;
  private frame = '';
  private frameStartMs = 0;
  private lastBeatMs = performance.now();
  private excuseUntilMs = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      const now = performance.now();
      if (now - this.lastBeatMs > STALL_MS) this.excuseUntilMs = now + CATCH_UP_MS;
      const stalled = now < this.excuseUntilMs;
      // The board reads as soon as it is free: what it would have read by now leaves the buffer first.
      this.work();
      for (const byte of chunk) {
        if (this.rx.length < RX_BUFFER) this.rx.push({ byte, atMs: now });
        else if (stalled) {
          this.stallExcused++;
          this.rx.push({ byte, atMs: now });
        } else this.overflowed++;
      }
      this.work();
    });
    this.timer = setInterval(() => {
      const now = performance.now();
      this.worstStallMs = Math.max(this.worstStallMs, now - this.lastBeatMs);
      if (now - this.lastBeatMs > STALL_MS) this.excuseUntilMs = now + CATCH_UP_MS;
      this.lastBeatMs = now;
      this.work();
    }, 2);
  }

  static async open(path: string): Promise<FakeIrForwarder> {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return new FakeIrForwarder(port);
  }

  /** Bytes the board sends to the host (a boot banner, noise). */
  say(bytes: string | Uint8Array): void {
    this.port.write(typeof bytes === 'string' ? bytes : Buffer.from(bytes));
  }

  invalid(): ForwarderLine[] {
    return this.lines.filter((l) => l.error !== undefined);
  }

  private work(): void {
    const now = performance.now();
    if (now < this.busyUntil) return;
    if (this.frame !== '' && now - this.frameStartMs > READ_TIMEOUT_MS) {
      this.lines.push({ atMs: now, line: this.frame, error: 'timed out mid-line (readStringUntil gave up)', commands: [] });
      this.frame = '';
    }
    while (this.rx.length > 0) {
      const { byte, atMs } = this.rx.shift()!;
      const ch = String.fromCharCode(byte);
      if (this.frame === '') {
        if (ch !== '[') {
          this.junk++;
          continue;
        }
        this.frameStartMs = now;
      }
      this.frame += ch;
      if (ch !== ',') continue;
      const line = this.frame;
      this.frame = '';
      const parsed = parseForwarderLine(line);
      if (!parsed.ok) {
        this.lines.push({ atMs: now, line, error: parsed.error.message, commands: [] });
        continue;
      }
      const commands: PixmobCommand[] = [];
      let error: string | undefined;
      for (const code of parsed.value.codes) {
        const d = decodePixmob(code);
        if (d.ok) commands.push(d.value);
        else error = d.error.message;
      }
      this.lines.push({ atMs: now, line, error, commands });
      // Sending: the sketch reads nothing until the IR is out and its pause is over. It had the
      // line when its last byte arrived (or when it was free again, if later), not when this
      // process, running late, got round to it.
      const readAtMs = Math.max(atMs, this.busyUntil);
      this.busyUntil = readAtMs + pixmobAirtimeUs(parsed.value.runs) / 1000 + PIXMOB_SKETCH_DELAY_MS;
      return;
    }
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return new Promise((r) => this.port.close(() => r()));
  }
}
