/**
 * A CCL transmitter (spec section 1) in software: it speaks the link over any
 * byte stream (in-process pair, TCP socket, serial port), keeps its own
 * microsecond clock, queues SENDs, puts them on air one at a time with real
 * airtime, and tells listeners (and the crowd) what went on air and when.
 *
 * The queue and channel rules live in AirPlanner (pure); this class only reads
 * the clock, waits, and talks to the stream.
 */
import type { Duplex } from 'node:stream';
import {
  airtimeUs,
  CCL_VERSION,
  DeviceFence,
  encodeCclFrame,
  helloClaim,
  type LinkFence,
  type CclDeviceMessage,
  type CclHostMessage,
  type DecodeError,
  type NackReasonName,
} from '@crowdcue/protocol';
import { AirPlanner, type PlannedStart, type QueueEntry, type SendRequest } from './air-planner';
import { realDeviceClock, type DeviceClock } from './device-clock';
import { wrapUs } from './device-time';
import { duplexPair } from './duplex-pair';
import { DeviceFrameReader } from './frame-reader';
import { OnAirRecord, type OnAirTransmission } from './on-air';

/** Anything that takes packets at the moment bands act on them (S1's Crowd has this shape). */
export interface CrowdSink {
  receive(bytes: Uint8Array, atMs: number, reached?: Uint8Array): void;
}

/**
 * An RF channel in front of the crowd (S1's RfChannel has this shape): each
 * transmission is put on it at its end, in host ms, and landed as soon as the
 * channel's settle time allows (it decides who got it and feeds the crowd).
 */
export interface RfChannelLike {
  readonly settleMs: number;
  transmit(tx: { transmitterId: string; rf: Uint8Array; startMs: number; endMs?: number }): unknown;
  advanceTo(nowMs: number): unknown;
}

/** Faults a test can switch on at any time (`device.faults.busy = true`). */
export interface DeviceFaults {
  /** Every SEND is answered NACK BUSY. */
  busy: boolean;
  /** Every SEND is answered NACK QUEUE_FULL, whatever the queue holds. */
  queueFull: boolean;
  /** HELLO gets no answer (a device that never finishes the handshake). */
  ignoreHello: boolean;
  /** The device neither reads nor answers anything (hung link); what is queued still goes on air. */
  mute: boolean;
  /** Per-SEND override: answer this NACK instead of queueing; undefined = behave normally. */
  nack?: (send: SendRequest) => NackReasonName | undefined;
}

export interface VirtualTransmitterOptions {
  /** INFO name. Default `CrowdCue virtual transmitter`. */
  name?: string;
  rfMax?: number;
  queueCap?: number;
  /** RF bits per second. Default 38400. */
  bitrate?: number;
  /** Bytes the radio adds per packet. Default 13. */
  overhead?: number;
  /** Device clock; default a real one on performance.now() (see clockStartUs, clockDriftPpm). */
  clock?: DeviceClock;
  /** What the default clock reads at creation (u32 wrap applies on the wire). Default 0. */
  clockStartUs?: number;
  /** Default clock's rate error, ppm (positive = fast). Default 0. */
  clockDriftPpm?: number;
  /** Default clock: busy-wait this long before a timed start. Default 2 ms. */
  spinMs?: number;
  /** Default clock: `block` (busy-wait, default) or `yield` (poll between other callbacks). */
  spinMode?: 'block' | 'yield';
  /** Unsolicited STATUS period; 0 = never. Default 1000. */
  statusIntervalMs?: number;
  /** How many transmissions the on-air record keeps. Default 10000. */
  recordLimit?: number;
  /** Gets every transmission at its end time (host ms), e.g. S1's Crowd or an RF channel in front of it. */
  crowd?: CrowdSink;
  /** Or: an RF channel (and this device's transmitter id on it) that decides which bands get each transmission. */
  rf?: { channel: RfChannelLike; transmitterId: string };
  faults?: Partial<DeviceFaults>;
}

export type DeviceEvent =
  | { kind: 'attached'; label: string }
  | { kind: 'detached'; label: string; reason: string }
  | { kind: 'nack'; frameSeq: number; reason: NackReasonName; detail?: string }
  | { kind: 'dropped'; error: DecodeError }
  | { kind: 'flush'; dropped: number }
  | { kind: 'listener-error'; error: unknown };

export interface VirtualTransmitterStats {
  queued: number;
  sent: number;
  late: number;
  /** Frames dropped for bad COBS/CRC/length (STATUS `dropped`). */
  dropped: number;
  /** Frames answered NACK BAD_FRAME. */
  badFrames: number;
  framesIn: number;
  framesOut: number;
  nacks: Partial<Record<NackReasonName, number>>;
  /** Whether a stream is attached. */
  connected: boolean;
}

export interface DeviceInfo {
  name: string;
  rfMax: number;
  queueCap: number;
  bitrate: number;
  overhead: number;
}

type Listener<T> = (value: T) => void;

export class VirtualTransmitter {
  readonly info: DeviceInfo;
  readonly clock: DeviceClock;
  readonly faults: DeviceFaults;

  private readonly planner: AirPlanner;
  private readonly reader = new DeviceFrameReader();
  private readonly record = new OnAirRecord(10_000);
  private readonly airListeners = new Set<Listener<OnAirTransmission>>();
  private readonly eventListeners = new Set<Listener<DeviceEvent>>();
  private readonly crowd?: CrowdSink;
  private readonly rf?: { channel: RfChannelLike; transmitterId: string };
  private readonly statusIntervalUs: number;

  private stream?: Duplex;
  private streamLabel = '';
  private detachStream?: () => void;
  private cancelStart?: () => void;
  private readonly pendingEnds = new Set<() => void>();
  private cancelStatus?: () => void;
  private unsolicitedSeq = 0;
  private closed = false;
  private counters = { dropped: 0, badFrames: 0, framesIn: 0, framesOut: 0 };
  private nacks: Partial<Record<NackReasonName, number>> = {};
  /** Fencing extension (PROTOCOL.md 1.8): who holds the device, and what the attached link said in HELLO. */
  private readonly fence = new DeviceFence();
  private linkFence: LinkFence = null;

  constructor(opts: VirtualTransmitterOptions = {}) {
    this.info = {
      name: opts.name ?? 'CrowdCue virtual transmitter',
      rfMax: opts.rfMax ?? 48,
      queueCap: opts.queueCap ?? 32,
      bitrate: opts.bitrate ?? 38400,
      overhead: opts.overhead ?? 13,
    };
    this.clock =
      opts.clock ?? realDeviceClock({ startUs: opts.clockStartUs, driftPpm: opts.clockDriftPpm, spinMs: opts.spinMs, spinMode: opts.spinMode });
    this.faults = { busy: false, queueFull: false, ignoreHello: false, mute: false, ...opts.faults };
    const { bitrate, overhead } = this.info;
    this.planner = new AirPlanner({
      rfMax: this.info.rfMax,
      queueCap: this.info.queueCap,
      airtimeUs: (len) => airtimeUs(len, bitrate, overhead),
    });
    if (opts.recordLimit !== undefined) this.record = new OnAirRecord(opts.recordLimit);
    this.crowd = opts.crowd;
    this.rf = opts.rf;
    this.statusIntervalUs = (opts.statusIntervalMs ?? 1000) * 1000;
    this.armStatus(this.clock.nowUs() + this.statusIntervalUs);
  }

  // ------------------------------------------------------------ public API

  /** The device clock as CLOCK reports it (u32 microseconds). */
  nowUs(): number {
    return wrapUs(this.clock.nowUs());
  }

  /**
   * Plugs a byte stream into the device (the host is on the other end). A
   * stream already attached is let go (not destroyed). Answers a function that
   * detaches this stream; the device keeps its queue, clock and counters.
   */
  attach(stream: Duplex, label = 'stream'): () => void {
    if (this.closed) throw new Error('virtual transmitter is closed');
    this.detach('replaced by a new stream');
    this.reader.reset();
    this.linkFence = null;
    this.stream = stream;
    this.streamLabel = label;
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      this.receive(bytes);
    };
    const onGone = (reason: string) => () => {
      if (this.stream === stream) this.detach(reason);
    };
    const onError = (err: Error) => onGone(`stream error: ${err.message}`)();
    const onEnd = onGone('the host closed the stream');
    const onClose = onGone('stream closed');
    stream.on('data', onData);
    stream.on('error', onError);
    stream.on('end', onEnd);
    stream.on('close', onClose);
    this.detachStream = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onClose);
      // Keep swallowing errors: a late error on a stream we let go must not crash anything.
      stream.off('error', onError);
      stream.on('error', () => undefined);
    };
    this.emit({ kind: 'attached', label });
    return () => {
      if (this.stream === stream) this.detach('detached');
    };
  }

  /**
   * A fresh in-process connection: answers the host's end of a new duplex pair
   * whose other end is attached to this device (replacing any earlier one).
   * Destroying or ending the host side detaches it.
   */
  connect(label = 'in-process'): Duplex {
    const [hostSide, deviceSide] = duplexPair();
    this.attach(deviceSide, label);
    return hostSide;
  }

  /** Lets go of the current stream, if any (does not destroy it). */
  detach(reason = 'detached'): void {
    if (!this.stream) return;
    this.detachStream?.();
    this.detachStream = undefined;
    this.stream = undefined;
    this.reader.reset();
    this.emit({ kind: 'detached', label: this.streamLabel, reason });
  }

  get connected(): boolean {
    return this.stream !== undefined;
  }

  /** Calls `listener` with every transmission as it ends; answers an unsubscribe function. */
  onAir(listener: Listener<OnAirTransmission>): () => void {
    this.airListeners.add(listener);
    return () => this.airListeners.delete(listener);
  }

  /** The controller holding this device by the fencing extension, if one has said HELLO with it. */
  get fenceHolder(): { controllerId: number; epoch: number } | null {
    return this.fence.holder;
  }

  /** Connections, NACKs, dropped frames, FLUSHes: for logs and tests. */
  onEvent(listener: Listener<DeviceEvent>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** The last transmissions (up to recordLimit), oldest first, each at its end. */
  onAirRecord(): OnAirTransmission[] {
    return this.record.toArray();
  }

  clearRecord(): void {
    this.record.clear();
  }

  stats(): VirtualTransmitterStats {
    return {
      queued: this.planner.queued,
      sent: this.planner.sent,
      late: this.planner.late,
      ...this.counters,
      nacks: { ...this.nacks },
      connected: this.connected,
    };
  }

  /** Feeds bytes as if they came from the host (what attach() does with stream data). */
  receive(bytes: Uint8Array): void {
    if (this.closed || this.faults.mute) return;
    for (const item of this.reader.push(bytes)) {
      if (item.kind === 'dropped') {
        this.counters.dropped++;
        this.emit({ kind: 'dropped', error: item.error });
      } else if (item.kind === 'bad-frame') {
        this.counters.framesIn++;
        this.counters.badFrames++;
        this.nack(item.seq, 'BAD_FRAME', item.error.message);
      } else {
        this.counters.framesIn++;
        this.handle(item.seq, item.message);
      }
    }
  }

  /** Powers the device off: stops the air, timers and the stream. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.detach('device closed');
    this.closed = true;
    this.cancelStart?.();
    this.cancelStatus?.();
    for (const cancel of this.pendingEnds) cancel();
    this.pendingEnds.clear();
  }

  // ------------------------------------------------------------ the link

  private handle(seq: number, message: CclHostMessage): void {
    switch (message.type) {
      case 'HELLO': {
        if (this.faults.ignoreHello) return;
        const answer = this.fence.hello(helloClaim(message));
        this.linkFence = answer.link;
        if (!answer.ok) return this.nack(seq, 'FENCED', 'a newer controller holds this device');
        this.reply(seq, { type: 'INFO', proto: CCL_VERSION, ...this.info });
        return;
      }
      case 'TIME':
        this.reply(seq, { type: 'CLOCK', nowUs: this.nowUs() });
        return;
      case 'PING':
        this.reply(seq, { type: 'PONG', data: message.data });
        return;
      case 'FLUSH': {
        if (!this.fence.mayCommand(this.linkFence)) return this.nack(seq, 'FENCED', 'a newer controller holds this device');
        const dropped = this.planner.flush();
        this.emit({ kind: 'flush', dropped });
        this.reply(seq, { type: 'ACK', queued: Math.min(255, this.planner.queued) });
        this.sendStatus();
        this.plan();
        return;
      }
      case 'SEND':
        this.send(seq, message);
        return;
    }
  }

  private send(seq: number, message: Extract<CclHostMessage, { type: 'SEND' }>): void {
    if (!this.fence.mayCommand(this.linkFence)) return this.nack(seq, 'FENCED', 'a newer controller holds this device');
    const request: SendRequest = {
      rf: message.rf,
      timed: message.timed,
      priority: message.priority,
      repeat: message.repeat,
      gapMs: message.gapMs,
      atUs: message.atUs,
      frameSeq: seq,
    };
    const injected = this.faults.busy ? 'BUSY' : this.faults.queueFull ? 'QUEUE_FULL' : this.faults.nack?.(request);
    if (injected) return this.nack(seq, injected, 'injected fault');
    const result = this.planner.submit(request, this.clock.nowUs());
    if (!result.ok) return this.nack(seq, result.reason);
    this.reply(seq, { type: 'ACK', queued: Math.min(255, result.queued) });
    this.plan();
  }

  private nack(seq: number, reason: NackReasonName, detail?: string): void {
    this.nacks[reason] = (this.nacks[reason] ?? 0) + 1;
    this.emit({ kind: 'nack', frameSeq: seq, reason, detail });
    this.reply(seq, { type: 'NACK', reason });
  }

  private reply(seq: number, message: CclDeviceMessage): void {
    const stream = this.stream;
    if (!stream || this.faults.mute || stream.destroyed || !stream.writable) return;
    this.counters.framesOut++;
    stream.write(encodeCclFrame(seq, message));
  }

  private sendStatus(): void {
    const seq = this.unsolicitedSeq;
    this.unsolicitedSeq = (seq + 1) & 0xff;
    this.reply(seq, {
      type: 'STATUS',
      queued: Math.min(255, this.planner.queued),
      sent: this.planner.sent % 0x1_0000_0000,
      late: this.planner.late & 0xffff,
      dropped: this.counters.dropped & 0xffff,
    });
  }

  private armStatus(atUs: number): void {
    if (this.statusIntervalUs <= 0 || this.closed) return;
    this.cancelStatus = this.clock.wakeAt(atUs, () => {
      this.sendStatus();
      // Next deadline from the last one, not from now: no drift from late timers.
      const now = this.clock.nowUs();
      let next = atUs + this.statusIntervalUs;
      if (next <= now) next = now + this.statusIntervalUs;
      this.armStatus(next);
    });
  }

  // ------------------------------------------------------------ the air

  /** Arms a wake for whatever goes on air next (re-planned after every change). */
  private plan(): void {
    this.cancelStart?.();
    this.cancelStart = undefined;
    if (this.closed) return;
    const now = this.clock.nowUs();
    const next = this.planner.next(now);
    if (!next) return;
    if (next.startUs <= now) {
      this.transmit(next.entry, now);
      return;
    }
    this.cancelStart = this.clock.wakeAt(next.startUs, () => this.fire(), next.entry.exact);
  }

  private fire(): void {
    this.cancelStart = undefined;
    const now = this.clock.nowUs();
    const next: PlannedStart | null = this.planner.next(now);
    if (next && next.startUs <= now) this.transmit(next.entry, now);
    else this.plan();
  }

  private transmit(entry: QueueEntry, nowUs: number): void {
    const startHostMs = this.clock.hostMs();
    const started = this.planner.begin(entry, nowUs);
    const { request } = entry;
    const airMs = (started.endUs - started.startUs) / 1000;
    const tx: OnAirTransmission = {
      rf: started.rf,
      seq: started.rf.length > 1 ? started.rf[1] : 0,
      startUs: wrapUs(started.startUs),
      endUs: wrapUs(started.endUs),
      startHostMs,
      endHostMs: startHostMs + airMs,
      repeatIndex: started.repeatIndex,
      timed: request.timed,
      priority: request.priority,
      frameSeq: request.frameSeq ?? 0,
      sent: started.sent,
    };
    if (started.intendedUs !== undefined) {
      tx.dueUs = wrapUs(started.intendedUs);
      tx.errorUs = started.startUs - started.intendedUs;
    }
    const cancel = this.clock.wakeAt(started.endUs, () => {
      this.pendingEnds.delete(cancel);
      this.ended(tx);
    });
    this.pendingEnds.add(cancel);
    this.plan();
  }

  private ended(tx: OnAirTransmission): void {
    this.record.push(tx);
    if (this.crowd) this.guard(() => this.crowd?.receive(tx.rf, tx.endHostMs));
    if (this.rf) this.toChannel(this.rf, tx);
    for (const listener of this.airListeners) this.guard(() => listener(tx));
  }

  private toChannel(rf: { channel: RfChannelLike; transmitterId: string }, tx: OnAirTransmission): void {
    const { channel, transmitterId } = rf;
    this.guard(() => {
      channel.transmit({ transmitterId, rf: tx.rf, startMs: tx.startHostMs, endMs: tx.endHostMs });
      channel.advanceTo(this.clock.hostMs());
    });
    if (channel.settleMs > 0) {
      // Land it once no other transmitter can still report an overlapping one.
      const atUs = this.clock.nowUs() + channel.settleMs * 1000;
      const cancel = this.clock.wakeAt(atUs, () => {
        this.pendingEnds.delete(cancel);
        this.guard(() => channel.advanceTo(this.clock.hostMs()));
      });
      this.pendingEnds.add(cancel);
    }
  }

  private emit(event: DeviceEvent): void {
    for (const listener of this.eventListeners) {
      try {
        listener(event);
      } catch {
        // A logger that throws must not take the device down.
      }
    }
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.emit({ kind: 'listener-error', error });
    }
  }
}

/**
 * An in-process device and the host's end of a link to it: what the
 * controller's `virtual` transmitter URL opens. Reconnect with `device.connect()`.
 */
export function createVirtualLink(opts: VirtualTransmitterOptions = {}): { hostSide: Duplex; device: VirtualTransmitter } {
  const device = new VirtualTransmitter(opts);
  return { hostSide: device.connect(), device };
}
