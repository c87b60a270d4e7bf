/**
 * CCL driver (spec section 1): a CrowdCue transmitter over any byte link.
 *
 * - HELLO/INFO handshake with timeout and retries; a device speaking another
 *   protocol version, or claiming radio figures no radio has (ccl-info-limits.ts),
 *   is refused with an error saying so.
 * - Clock: a burst of TIME/CLOCK exchanges at connect, then one per second; the
 *   smallest recent round trip wins (ClockSync).
 * - Timed SENDs: a packet with `atMs` is handed over `lookaheadMs` early with its
 *   exact device `at_us`, so host jitter never reaches the air. With lookahead 0
 *   the packet is sent untimed at its deadline instead (devices or tests that
 *   want it so).
 * - Flow control: never more SENDs on the device than its queue_cap; QUEUE_FULL
 *   backs off and retries, BUSY retries, TOO_LATE goes again untimed while the
 *   packet is still useful (else it is dropped and reported), TOO_LONG and
 *   BAD_FRAME are reported.
 * - PING heartbeat: a device silent for `downAfterMs` is dropped and reconnected.
 */
import { CclStreamDecoder, CCL_VERSION, encodeCclFrame, repeatGapUs, airtimeUs, type CclDeviceMessage, type CclHostMessage } from '@crowdcue/protocol';
import type { Subscription } from 'rxjs';
import { ClockSync, type ClockSyncOptions } from './clock-sync';
import { infoProblems } from './ccl-info-limits';
import { CclRequests } from './ccl-requests';
import { LinkedTransmitter, type LinkedTransmitterOptions } from './linked-transmitter';
import type { ByteLink } from './transport';
import type { PlannedPacket, TransmitterCapabilities } from './types';

export interface CclTransmitterOptions extends LinkedTransmitterOptions {
  /** How early a timed packet goes to the device, ms; 0 = untimed at the deadline. Default 50. */
  lookaheadMs?: number;
  /** Wait for INFO per HELLO, ms (default 400), and HELLO attempts per connection (default 3). */
  helloTimeoutMs?: number;
  helloAttempts?: number;
  /** Wait for ACK/NACK/CLOCK, ms (default 500). */
  replyTimeoutMs?: number;
  /** Heartbeat period (default 400 ms); silent this long = down (default 1500 ms). */
  pingEveryMs?: number;
  downAfterMs?: number;
  /** Clock re-sync period (default 1000 ms) and exchanges at connect (default 8). */
  clockSyncEveryMs?: number;
  clockBurst?: number;
  clock?: ClockSyncOptions;
  /** QUEUE_FULL back-off, ms (default 5, doubling to 200); BUSY retry delay (default 10). */
  queueFullBackoffMs?: number;
  queueFullBackoffMaxMs?: number;
  busyRetryMs?: number;
  /**
   * Fencing (PROTOCOL.md 1.8): this controller's id and epoch, sent in HELLO.
   * A device that answers NACK FENCED is let go for good and `onFenced` is
   * called; a device without the extension is driven with a plain HELLO.
   */
  fence?: CclFence;
}

export interface CclFence {
  controllerId: number;
  epoch: number;
  onFenced?: (transmitterId: string, reason: string) => void;
}

/** What a fenced driver's health says. */
export const FENCED_REASON = 'fenced: a newer controller holds this transmitter';

export class CclProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CclProtocolError';
  }
}

interface QueuedSend {
  packet: PlannedPacket;
  order: number;
  /** Not before this time (back-off after QUEUE_FULL / BUSY). */
  notBeforeMs: number;
  /** TOO_LATE already: go untimed, as soon as possible. */
  untimed: boolean;
  attempts: number;
}

interface Accepted {
  item: QueuedSend;
  timed: boolean;
  airMs: number;
  /** Quiet time between repeats, ms. */
  gapMs: number;
  startMs: number;
  endMs: number;
  spans: Array<[number, number]>;
  /** Until when we count it as waiting in the device queue (its last start, plus slack for untimed ones). */
  leavesQueueMs: number;
  timer: Subscription | undefined;
}

/**
 * An untimed SEND starts when the device's own timer gets round to it, which
 * can be a little after our estimate; count it as queued a bit longer so flow
 * control does not overfill the device.
 */
const UNTIMED_SLACK_MS = 3;

type InFlight = { seq: number; item: QueuedSend; timed: boolean; atMs: number | null; flushed: boolean };

export class CclTransmitter extends LinkedTransmitter {
  readonly lookaheadMs: number;
  private readonly o: Required<Omit<CclTransmitterOptions, keyof LinkedTransmitterOptions | 'clock' | 'fence'>>;
  private readonly fence: CclFence | undefined;
  /** The device answered our fenced HELLO with BAD_FRAME: it has no fencing extension. */
  private plainHello = false;
  private readonly clock: ClockSync;
  private readonly requests: CclRequests;
  private decoder = new CclStreamDecoder({ parse: { from: 'device' } });
  private queue: QueuedSend[] = [];
  private inflight = new Map<number, InFlight>();
  private accepted: Accepted[] = [];
  private nextOrder = 0;
  private pumpTimer: Subscription | undefined;
  private pumpAtMs = Infinity;
  private heartbeat: Subscription | undefined;
  private clockTimer: Subscription | undefined;
  private lastHeardMs = 0;
  private queueFullDelayMs: number;
  /** The device said QUEUE_FULL or BUSY: nothing more goes until then (and order is kept). */
  private holdUntilMs = -Infinity;
  private channelFreeMs = -Infinity;
  private hostBadFrames = 0;
  private deviceDropped = 0;
  private lastStatus: { late: number; dropped: number } | undefined;
  private pingCounter = 0;

  constructor(opts: CclTransmitterOptions) {
    super(opts);
    this.lookaheadMs = opts.lookaheadMs ?? 50;
    this.o = {
      lookaheadMs: this.lookaheadMs,
      helloTimeoutMs: opts.helloTimeoutMs ?? 400,
      helloAttempts: opts.helloAttempts ?? 3,
      replyTimeoutMs: opts.replyTimeoutMs ?? 500,
      pingEveryMs: opts.pingEveryMs ?? 400,
      downAfterMs: opts.downAfterMs ?? 1500,
      clockSyncEveryMs: opts.clockSyncEveryMs ?? 1000,
      clockBurst: opts.clockBurst ?? 8,
      queueFullBackoffMs: opts.queueFullBackoffMs ?? 5,
      queueFullBackoffMaxMs: opts.queueFullBackoffMaxMs ?? 200,
      busyRetryMs: opts.busyRetryMs ?? 10,
    };
    this.queueFullDelayMs = this.o.queueFullBackoffMs;
    this.fence = opts.fence;
    this.clock = new ClockSync(opts.clock);
    this.requests = new CclRequests(this.scheduler);
  }

  /** Device time (u32 us) for a controller time, once the clock is synced. */
  deviceTimeUs(hostMs: number): number | undefined {
    return this.clock.toDeviceUs(hostMs, this.scheduler.now());
  }

  send(packet: PlannedPacket): void {
    const caps = this.caps;
    if (caps && packet.rf.length > caps.rfMax) {
      this.countNack('TOO_LONG');
      this.dropped(packet, `rf is ${packet.rf.length} bytes; ${caps.name} takes at most ${caps.rfMax}`);
      return;
    }
    this.queue.push({ packet, order: this.nextOrder++, notBeforeMs: -Infinity, untimed: false, attempts: 0 });
    this.pump();
  }

  flush(obsolete?: (packet: PlannedPacket) => boolean): void {
    const isObsolete = obsolete ?? (() => true);
    const now = this.scheduler.now();
    const kept: QueuedSend[] = [];
    for (const item of this.queue) {
      if (isObsolete(item.packet)) this.dropped(item.packet, 'flushed');
      else kept.push(item);
    }
    this.queue = kept;

    // What the device holds: accepted SENDs not yet on air, and SENDs still in flight.
    const onDevice = this.accepted.filter((a) => a.startMs > now);
    const inFlight = [...this.inflight.values()].filter((f) => !f.flushed);
    const anyObsolete = onDevice.some((a) => isObsolete(a.item.packet)) || inFlight.some((f) => isObsolete(f.item.packet));
    if (anyObsolete && this.link && this.isUp) {
      // FLUSH is all or nothing on the device: take everything back, re-send the keepers.
      this.write({ type: 'FLUSH' }, (m) => {
        if (m.type === 'NACK' && m.reason === 'FENCED') this.fenced('FLUSH');
      });
      for (const a of onDevice) {
        a.timer?.unsubscribe();
        if (isObsolete(a.item.packet)) this.dropped(a.item.packet, 'flushed');
        else this.queue.push({ ...a.item, notBeforeMs: -Infinity });
      }
      this.accepted = this.accepted.filter((a) => a.startMs <= now);
      for (const f of inFlight) {
        f.flushed = true;
        if (isObsolete(f.item.packet)) this.dropped(f.item.packet, 'flushed');
        else this.queue.push({ ...f.item, notBeforeMs: -Infinity });
      }
      this.airtime.dropAfter(now);
      this.channelFreeMs = Math.min(this.channelFreeMs, now);
    }
    this.pump();
  }

  // ------------------------------------------------------------- link life

  protected async handshake(link: ByteLink): Promise<TransmitterCapabilities> {
    this.decoder = new CclStreamDecoder({ parse: { from: 'device' } });
    this.clock.reset();
    let info: Extract<CclDeviceMessage, { type: 'INFO' }> | undefined;
    for (let attempt = 1; attempt <= this.o.helloAttempts && !info; attempt++) {
      if (!link.isOpen) throw new Error('link closed during HELLO');
      // A leading 0x00 ends any half frame the device was holding from before.
      link.write(new Uint8Array([0]));
      const fenced = this.fence && !this.plainHello;
      const hello: CclHostMessage = fenced ? { type: 'HELLO', controllerId: this.fence.controllerId, epoch: this.fence.epoch } : { type: 'HELLO' };
      const answer = await this.request(hello, this.o.helloTimeoutMs);
      if (answer?.message.type === 'INFO') info = answer.message;
      else if (answer?.message.type === 'NACK' && answer.message.reason === 'FENCED') {
        this.fenced('HELLO');
        throw new CclProtocolError(FENCED_REASON);
      } else if (fenced && answer?.message.type === 'NACK' && answer.message.reason === 'BAD_FRAME') {
        // A device without the fencing extension: plain CCL, one controller at a time.
        this.log('warn', 'device has no fencing extension (PROTOCOL.md 1.8); driving it with a plain HELLO');
        this.plainHello = true;
        attempt--;
      } else if (answer) throw new CclProtocolError(`device answered HELLO with ${answer.message.type}, not INFO`);
      else this.log('warn', `no INFO answer to HELLO (attempt ${attempt} of ${this.o.helloAttempts})`);
    }
    if (!info) throw new Error(`device did not answer HELLO (${this.o.helloAttempts} tries, ${this.o.helloTimeoutMs} ms each)`);
    if (info.proto !== CCL_VERSION) {
      const msg = `device '${info.name}' speaks CCL protocol ${info.proto}; this controller speaks protocol ${CCL_VERSION} only`;
      this.log('error', msg);
      throw new CclProtocolError(msg);
    }
    const impossible = infoProblems(info);
    if (impossible.length > 0) {
      const msg = `device '${info.name}' reports radio figures no transmitter has, refused: ${impossible.join('; ')}`;
      this.log('error', msg);
      throw new CclProtocolError(msg);
    }
    for (let i = 0; i < this.o.clockBurst && link.isOpen; i++) await this.syncClock();
    if (!this.clock.synced) throw new Error('device did not answer TIME');
    return { name: info.name, rfMax: info.rfMax, queueCap: info.queueCap, bitrate: info.bitrate, overhead: info.overhead, timedSend: true };
  }

  protected onLinkUp(): void {
    const now = this.scheduler.now();
    this.lastHeardMs = now;
    this.lastStatus = undefined;
    this.channelFreeMs = -Infinity;
    this.queueFullDelayMs = this.o.queueFullBackoffMs;
    this.holdUntilMs = -Infinity;
    // Whatever waited through the outage and is already due is stale: the planner
    // re-sends the current look on reconnect.
    const stale = this.queue.filter((q) => q.packet.atMs === null || q.packet.atMs < now);
    for (const q of stale) this.dropped(q.packet, 'link was down when it was due');
    this.queue = this.queue.filter((q) => !stale.includes(q));
    this.heartbeat = this.after(this.o.pingEveryMs, () => this.beat());
    this.clockTimer = this.after(this.o.clockSyncEveryMs, () => this.resync());
    this.reportClock();
    this.pump();
  }

  protected onLinkDown(reason: string): void {
    this.heartbeat?.unsubscribe();
    this.clockTimer?.unsubscribe();
    this.pumpTimer?.unsubscribe();
    this.pumpTimer = undefined;
    this.pumpAtMs = Infinity;
    const now = this.scheduler.now();
    for (const a of this.accepted) if (a.startMs > now) a.timer?.unsubscribe();
    // Device queue contents are lost with the link (the device may have reset).
    for (const a of this.accepted) if (a.startMs > now) this.dropped(a.item.packet, `link lost: ${reason}`);
    this.accepted = [];
    const flights = [...this.inflight.values()];
    this.inflight.clear();
    this.requests.failAll();
    for (const f of flights) if (!f.flushed) this.queue.push(f.item);
    this.airtime.dropAfter(now);
    this.patchHealth({ queueDepth: this.queue.length });
  }

  protected onLinkData(bytes: Uint8Array): void {
    const now = this.scheduler.now();
    for (const item of this.decoder.push(bytes)) {
      if (item.kind === 'dropped') {
        this.hostBadFrames++;
        this.log('warn', `dropped a bad frame from the device (${item.cause}): ${item.error.message}`, `bad frames from the device (${item.cause})`);
        this.reportBadFrames();
        continue;
      }
      this.lastHeardMs = now;
      const { seq, message } = item.frame;
      if (message.type === 'STATUS') {
        this.onStatus(message);
        continue;
      }
      if (!this.isDeviceMessage(message)) continue;
      if (!this.requests.answer(seq, message, now)) this.log('info', `late or stray ${message.type} for seq ${seq} ignored`);
    }
  }

  /** A newer controller holds the device: stop driving it, and say so once. */
  private fenced(what: string): void {
    this.log('error', `${what} answered NACK FENCED: a newer controller holds this transmitter; letting it go`);
    this.halt(FENCED_REASON);
    this.fence?.onFenced?.(this.id, FENCED_REASON);
  }

  private isDeviceMessage(m: CclDeviceMessage | CclHostMessage): m is CclDeviceMessage {
    return ['INFO', 'ACK', 'NACK', 'CLOCK', 'STATUS', 'PONG'].includes(m.type);
  }

  private onStatus(s: Extract<CclDeviceMessage, { type: 'STATUS' }>): void {
    const prev = this.lastStatus;
    this.lastStatus = { late: s.late, dropped: s.dropped };
    if (!prev) return;
    const late = (s.late - prev.late + 0x10000) & 0xffff;
    const dropped = (s.dropped - prev.dropped + 0x10000) & 0xffff;
    if (late > 0) this.patchHealth({ lateSends: this.healthNow.lateSends + late });
    if (dropped > 0) {
      this.deviceDropped += dropped;
      this.log('warn', `device dropped ${dropped} bad frame(s) from us`);
      this.reportBadFrames();
    }
  }

  private reportBadFrames(): void {
    this.patchHealth({ badFrames: this.hostBadFrames + this.deviceDropped });
  }

  // ------------------------------------------------------------- requests

  private write(
    message: CclHostMessage,
    answer: (m: CclDeviceMessage, atMs: number) => void,
    timeout: () => void = () => undefined,
    timeoutMs = this.o.replyTimeoutMs,
    written?: () => void,
  ): number | undefined {
    const link = this.link;
    if (!link) return undefined;
    const seq = this.requests.open(timeoutMs, answer, timeout);
    let frame: Uint8Array;
    try {
      frame = encodeCclFrame(seq, message);
    } catch (err) {
      this.requests.cancel(seq);
      throw err;
    }
    link.write(frame, written);
    return seq;
  }

  /** One request; resolves with the answer or undefined on timeout. */
  private request(
    message: CclHostMessage,
    timeoutMs: number,
    written?: () => void,
  ): Promise<{ message: CclDeviceMessage; atMs: number } | undefined> {
    return new Promise((resolve) => {
      const seq = this.write(message, (m, atMs) => resolve({ message: m, atMs }), () => resolve(undefined), timeoutMs, written);
      if (seq === undefined) resolve(undefined);
    });
  }

  private async syncClock(): Promise<void> {
    // The round trip starts when the frame reaches the OS, not when we asked for
    // the write: serialport hands writes to a worker thread, and counting that
    // delay as line time would skew the midpoint (measured ~0.15 ms over a pty).
    const t0 = this.scheduler.now();
    let left = t0;
    const answer = await this.request({ type: 'TIME' }, this.o.replyTimeoutMs, () => {
      left = this.scheduler.now();
    });
    if (answer?.message.type === 'CLOCK') this.clock.add(t0, answer.atMs, answer.message.nowUs, left);
  }

  private resync(): void {
    void this.syncClock().then(() => this.reportClock());
    this.clockTimer = this.after(this.o.clockSyncEveryMs, () => this.resync());
  }

  private reportClock(): void {
    const now = this.scheduler.now();
    const best = this.clock.best(now);
    this.patchHealth({ clockOffsetUs: this.clock.signedOffsetUs(now), clockUncertaintyUs: best ? Math.round(best.uncertaintyUs) : undefined });
  }

  private beat(): void {
    const now = this.scheduler.now();
    if (now - this.lastHeardMs > this.o.downAfterMs) {
      this.log('error', `device stopped answering (nothing heard for ${Math.round(now - this.lastHeardMs)} ms)`);
      this.dropLink(`device stopped answering for ${Math.round(now - this.lastHeardMs)} ms`);
      return;
    }
    const n = this.pingCounter++ & 0xffffffff;
    const data = new Uint8Array([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff]);
    this.write({ type: 'PING', data }, () => undefined);
    this.heartbeat = this.after(this.o.pingEveryMs, () => this.beat());
  }

  // ------------------------------------------------------------- sending

  /** When an item may go to the device. */
  private dispatchAtMs(item: QueuedSend): number {
    const p = item.packet;
    const base = p.atMs === null || item.untimed ? -Infinity : p.atMs - this.lookaheadMs;
    return Math.max(base, item.notBeforeMs);
  }

  private deviceQueued(now: number): number {
    let n = 0;
    for (const a of this.accepted) if (a.leavesQueueMs > now) n++;
    return n;
  }

  private pump(): void {
    const caps = this.caps;
    const now = this.scheduler.now();
    if (!caps || !this.link || !this.isUp) {
      this.patchHealth({ queueDepth: this.queue.length });
      return;
    }
    this.accepted = this.accepted.filter((a) => a.endMs > now - 1000);
    this.queue.sort((a, b) => Number(b.packet.priority) - Number(a.packet.priority) || this.dispatchAtMs(a) - this.dispatchAtMs(b) || a.order - b.order);
    let wake = now < this.holdUntilMs ? this.holdUntilMs : Infinity;
    const rest: QueuedSend[] = [];
    for (const item of this.queue) {
      const at = this.dispatchAtMs(item);
      const exp = item.packet.expiresAtMs;
      if (exp !== undefined && now > exp) {
        this.dropped(item.packet, `expired ${Math.round(now - exp)} ms before it could go on air`);
        continue;
      }
      const room = now >= this.holdUntilMs && this.inflight.size + this.deviceQueued(now) < caps.queueCap;
      // Untimed SENDs go on air in arrival order: one in flight at a time, or a NACKed one
      // could be overtaken by the next (and bands, de-duplicating by seq, would keep the
      // older colour when it is sent again). Timed ones are ordered by their start time.
      const inOrder = this.willBeTimed(item, now) || ![...this.inflight.values()].some((f) => !f.timed && !f.flushed);
      if (at <= now && room && inOrder) {
        this.dispatch(item, now);
      } else {
        rest.push(item);
        if (at > now) wake = Math.min(wake, at);
      }
    }
    this.queue = rest;
    // A full device frees up as its queue goes on air: look again then.
    if (rest.some((i) => this.dispatchAtMs(i) <= now)) {
      const nextStart = Math.min(...this.accepted.filter((a) => a.leavesQueueMs > now).map((a) => Math.max(a.leavesQueueMs, a.endMs)));
      if (Number.isFinite(nextStart)) wake = Math.min(wake, nextStart);
    }
    this.armPump(wake);
    this.patchHealth({ queueDepth: this.queue.length + this.inflight.size + this.deviceQueued(now) });
  }

  private armPump(atMs: number): void {
    if (atMs === this.pumpAtMs) return;
    this.pumpTimer?.unsubscribe();
    this.pumpTimer = undefined;
    this.pumpAtMs = atMs;
    if (!Number.isFinite(atMs)) return;
    this.pumpTimer = this.after(atMs - this.scheduler.now(), () => {
      this.pumpTimer = undefined;
      this.pumpAtMs = Infinity;
      this.pump();
    });
  }

  private willBeTimed(item: QueuedSend, now: number): boolean {
    const p = item.packet;
    return p.atMs !== null && !item.untimed && this.lookaheadMs > 0 && p.atMs > now && this.clock.synced;
  }

  private dispatch(item: QueuedSend, now: number): void {
    const p = item.packet;
    item.attempts++;
    let timed = false;
    let atUs: number | undefined;
    if (p.atMs !== null && !item.untimed && this.lookaheadMs > 0) {
      if (this.willBeTimed(item, now)) {
        atUs = this.clock.toDeviceUs(p.atMs, now);
        timed = atUs !== undefined;
      } else {
        // Handed to us too late for a timed start: on air as soon as possible, and counted.
        this.patchHealth({ lateSends: this.healthNow.lateSends + 1 });
      }
    }
    const message: CclHostMessage = { type: 'SEND', timed, priority: p.priority, repeat: p.repeat, gapMs: p.gapMs, ...(timed ? { atUs } : {}), rf: p.rf };
    const flight: InFlight = { seq: -1, item, timed, atMs: timed ? p.atMs : null, flushed: false };
    try {
      const seq = this.write(
        message,
        (m, atMs) => this.onSendAnswer(flight, m, atMs),
        () => this.onSendTimeout(flight),
      );
      if (seq === undefined) return void this.queue.push(item);
      flight.seq = seq;
      this.inflight.set(seq, flight);
    } catch (err) {
      this.dropped(p, `cannot encode SEND: ${(err as Error).message}`);
    }
  }

  private onSendTimeout(flight: InFlight): void {
    if (this.inflight.get(flight.seq) !== flight) return;
    this.inflight.delete(flight.seq);
    if (flight.flushed || !this.isUp) return;
    this.log('warn', `no ACK for SEND seq ${flight.item.packet.seq} within ${this.o.replyTimeoutMs} ms`);
    this.retryOrDrop(flight.item, 'no answer to SEND');
  }

  private retryOrDrop(item: QueuedSend, reason: string): void {
    const now = this.scheduler.now();
    const exp = item.packet.expiresAtMs;
    if (item.attempts >= 3 || (exp !== undefined && now > exp)) {
      this.dropped(item.packet, reason);
    } else {
      this.queue.push(item);
    }
    this.pump();
  }

  private onSendAnswer(flight: InFlight, m: CclDeviceMessage, atMs: number): void {
    this.inflight.delete(flight.seq);
    const item = flight.item;
    if (m.type === 'ACK') {
      this.queueFullDelayMs = this.o.queueFullBackoffMs;
      if (!flight.flushed) this.onAccepted(flight, atMs, m.queued);
      this.pump();
      return;
    }
    if (m.type !== 'NACK') {
      this.log('warn', `device answered SEND with ${m.type}`);
      this.retryOrDrop(item, `answered with ${m.type}`);
      return;
    }
    const reason = typeof m.reason === 'number' ? 'UNKNOWN' : m.reason;
    this.countNack(reason);
    if (reason === 'FENCED') {
      this.dropped(item.packet, FENCED_REASON);
      this.fenced('SEND');
      return;
    }
    if (flight.flushed) return this.pump();
    const now = this.scheduler.now();
    switch (reason) {
      case 'QUEUE_FULL':
        // Hold everything, not just this packet, so nothing overtakes it.
        if (now >= this.holdUntilMs) {
          this.holdUntilMs = now + this.queueFullDelayMs;
          this.queueFullDelayMs = Math.min(this.o.queueFullBackoffMaxMs, this.queueFullDelayMs * 2);
        }
        item.attempts--;
        this.queue.push(item);
        break;
      case 'BUSY':
        this.holdUntilMs = Math.max(this.holdUntilMs, now + this.o.busyRetryMs);
        item.attempts--;
        this.queue.push(item);
        break;
      case 'TOO_LATE': {
        this.patchHealth({ lateSends: this.healthNow.lateSends + 1 });
        const exp = item.packet.expiresAtMs;
        if (exp !== undefined && now > exp) {
          this.dropped(item.packet, 'TOO_LATE and past its use');
        } else {
          this.log('warn', `SEND seq ${item.packet.seq} was too late for its timed start; sending it at once`);
          item.untimed = true;
          this.queue.push(item);
        }
        break;
      }
      case 'BAD_FRAME':
        this.log('warn', `device could not read our SEND (seq ${item.packet.seq}): BAD_FRAME`);
        if (item.attempts < 2) this.queue.push(item);
        else this.dropped(item.packet, 'device answered BAD_FRAME');
        break;
      case 'TOO_LONG':
        this.log('error', `device refused packet seq ${item.packet.seq}: ${item.packet.rf.length} bytes is TOO_LONG`);
        this.dropped(item.packet, 'TOO_LONG');
        break;
      default:
        this.log('error', `device refused packet seq ${item.packet.seq} with unknown NACK reason ${String(m.reason)}`);
        this.dropped(item.packet, `NACK ${String(m.reason)}`);
    }
    this.pump();
  }

  /** Estimate when an accepted SEND is on air, and announce it when it starts. */
  private onAccepted(flight: InFlight, ackAtMs: number, queued: number): void {
    const caps = this.caps;
    if (!caps) return;
    const p = flight.item.packet;
    const entry: Accepted = {
      item: flight.item,
      timed: flight.timed,
      airMs: airtimeUs(p.rf.length, caps.bitrate, caps.overhead) / 1000,
      gapMs: repeatGapUs(p.gapMs) / 1000,
      startMs: 0,
      endMs: 0,
      leavesQueueMs: 0,
      spans: [],
      timer: undefined,
    };
    this.accepted.push(entry);
    this.place(entry, flight.timed && flight.atMs !== null ? flight.atMs : Math.max(ackAtMs, this.channelFreeMs));
    this.reanchor(ackAtMs, queued);
  }

  /** Put an accepted SEND at startMs: its transmissions, its queue exit, its on-air announcement. */
  private place(a: Accepted, startMs: number): void {
    const p = a.item.packet;
    a.spans = [];
    let t = startMs;
    for (let i = 0; i <= p.repeat; i++) {
      a.spans.push([t, t + a.airMs]);
      t += a.airMs + a.gapMs;
    }
    a.startMs = startMs;
    a.endMs = a.spans[a.spans.length - 1][1];
    // The device keeps a SEND queued until its last transmission starts.
    a.leavesQueueMs = a.spans[a.spans.length - 1][0] + (a.timed ? 0.5 : UNTIMED_SLACK_MS);
    if (!a.timed) this.channelFreeMs = Math.max(this.channelFreeMs, a.endMs + 1);
    a.timer?.unsubscribe();
    const spans = a.spans;
    a.timer = this.after(startMs - this.scheduler.now(), () => {
      this.patchHealth({ packetsSent: this.healthNow.packetsSent + 1 });
      for (const [s, e] of spans) this.emitOnAir({ transmitterId: this.id, rf: p.rf, startMs: s, endMs: e, format: 'ccb', seq: p.seq });
    });
  }

  /**
   * ACK says how many SENDs the device holds. When that is more than we
   * believe, its channel is behind our estimate (a slow device, a busy line):
   * the last `queued` untimed SENDs had not started at `atMs`, so re-chain them
   * from there. Keeps flow control and on-air estimates honest.
   */
  private reanchor(atMs: number, queued: number): void {
    const believed = this.accepted.filter((a) => a.leavesQueueMs > atMs).length;
    if (queued <= believed || this.accepted.some((a) => a.timed && a.leavesQueueMs > atMs)) return;
    const untimed = this.accepted.filter((a) => !a.timed);
    const waiting = untimed.slice(Math.max(0, untimed.length - queued));
    this.channelFreeMs = -Infinity;
    let free = atMs;
    for (const a of waiting) {
      const start = Math.max(a.startMs, free);
      this.place(a, start);
      free = a.endMs + 1;
    }
  }
}
