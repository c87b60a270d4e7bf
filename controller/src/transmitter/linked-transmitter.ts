/**
 * What every driver shares: one link at a time to the device, opened through a
 * Transport; lost links are reopened with back-off for as long as the driver
 * runs; health, on-air and event streams. A driver subclass speaks the device's
 * protocol: its handshake, its bytes, and what to forget when the link drops.
 */
import { BehaviorSubject, Subject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { RepeatedWarnings } from '../logging/repeated-warnings';
import { AirtimeWindow } from './airtime-window';
import { Backoff } from './backoff';
import { ByteLink } from './transport';
import type { Transport } from './transport';
import type {
  OnAirPacket,
  PlannedPacket,
  Transmitter,
  TransmitterCapabilities,
  TransmitterEvent,
  TransmitterHealth,
  TransmitterState,
} from './types';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LinkedTransmitterOptions {
  id: string;
  url: string;
  coverage: number[] | 'ALL';
  transport: Transport;
  scheduler: SchedulerLike;
  /** Reconnect back-off, ms (defaults 50 → 1000). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Called after a lost link came back (also sent as an `up` event with reconnect = true). */
  onReconnect?: (transmitter: Transmitter) => void;
  /** Where log lines go besides events$ (the CLI prints them). */
  log?: (level: LogLevel, message: string, transmitterId: string) => void;
  /** How often health$ re-emits so airtime use decays while idle, ms. */
  healthEveryMs?: number;
}

export abstract class LinkedTransmitter implements Transmitter {
  readonly id: string;
  readonly url: string;
  readonly coverage: number[] | 'ALL';
  readonly health$: Observable<TransmitterHealth>;
  readonly onAir$: Observable<OnAirPacket>;
  readonly events$: Observable<TransmitterEvent>;

  protected readonly scheduler: SchedulerLike;
  protected readonly transport: Transport;
  protected readonly airtime = new AirtimeWindow();
  protected link: ByteLink | undefined;
  protected caps: TransmitterCapabilities | undefined;

  private readonly healthSubject: BehaviorSubject<TransmitterHealth>;
  private readonly onAirSubject = new Subject<OnAirPacket>();
  private readonly eventSubject = new Subject<TransmitterEvent>();
  private readonly backoff: Backoff;
  private readonly opts: LinkedTransmitterOptions;
  private current: TransmitterHealth;
  private running = false;
  private everUp = false;
  /** Bumped for every link attempt and on stop: callbacks of an older link are ignored. */
  private generation = 0;
  private downReason: string | undefined;
  /** Set when the device must not be reconnected on our own (fenced by a newer controller). */
  private haltedBecause: string | undefined;
  private retryTimer: Subscription | undefined;
  private healthTimer: Subscription | undefined;
  /** A device spewing garbage must not flood the terminal or the console: one line, then counts. */
  private readonly logLines: RepeatedWarnings;

  constructor(opts: LinkedTransmitterOptions) {
    this.opts = opts;
    this.id = opts.id;
    this.url = opts.url;
    this.coverage = opts.coverage;
    this.transport = opts.transport;
    this.scheduler = opts.scheduler;
    this.backoff = new Backoff(opts.reconnectMinMs ?? 50, opts.reconnectMaxMs ?? 1000);
    this.current = { id: this.id, url: this.url, state: 'down', queueDepth: 0, airtimePct: 0, packetsSent: 0, nacks: {}, lateSends: 0, badFrames: 0, dropped: 0, reconnects: 0 };
    this.healthSubject = new BehaviorSubject(this.snapshot());
    this.health$ = this.healthSubject.asObservable();
    this.onAir$ = this.onAirSubject.asObservable();
    this.events$ = this.eventSubject.asObservable();
    this.logLines = new RepeatedWarnings(
      (level, message) => {
        this.opts.log?.(level, message, this.id);
        this.eventSubject.next({ type: 'log', transmitterId: this.id, atMs: this.scheduler.now(), level, message });
      },
      { scheduler: this.scheduler },
    );
  }

  capabilities(): TransmitterCapabilities | undefined {
    return this.caps;
  }

  /** The latest health figures. */
  health(): TransmitterHealth {
    return this.healthSubject.value;
  }

  /** Resolves once the first connection attempt has succeeded or failed; failures keep retrying in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.haltedBecause = undefined;
    this.scheduleHealthTick();
    await this.connect();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    this.retryTimer?.unsubscribe();
    this.healthTimer?.unsubscribe();
    const link = this.link;
    this.link = undefined;
    this.onLinkDown('stopped');
    await link?.close();
    this.setState('down', 'stopped');
    this.logLines.close();
  }

  abstract send(packet: PlannedPacket): void;
  abstract flush(obsolete?: (packet: PlannedPacket) => boolean): void;

  /** Talk to a freshly opened device until it is ready; throw an Error naming why it is not. */
  protected abstract handshake(link: ByteLink): Promise<TransmitterCapabilities>;
  /** Bytes from the device. */
  protected abstract onLinkData(bytes: Uint8Array): void;
  /** The link is ready (after the handshake). */
  protected abstract onLinkUp(reconnect: boolean): void;
  /** The link is gone: forget whatever was in flight on it. */
  protected abstract onLinkDown(reason: string): void;

  protected get isRunning(): boolean {
    return this.running;
  }

  protected get isUp(): boolean {
    return this.current.state === 'up';
  }

  /**
   * Give up on the device for good (until start() again): the link is closed
   * and not retried. A fenced driver does this: a newer controller holds it.
   */
  protected halt(reason: string): void {
    this.haltedBecause = reason;
    this.retryTimer?.unsubscribe();
    if (this.link) this.dropLink(reason);
    else this.setState('down', reason);
  }

  /** Give up on the current link (device silent, garbled beyond hope); reconnecting follows. */
  protected dropLink(reason: string): void {
    if (!this.link) return;
    this.downReason = reason;
    void this.link.close();
  }

  protected patchHealth(patch: Partial<TransmitterHealth>): void {
    this.current = { ...this.current, ...patch };
    this.emitHealth();
  }

  protected countNack(reason: string): void {
    const nacks = { ...this.current.nacks } as Record<string, number>;
    nacks[reason] = (nacks[reason] ?? 0) + 1;
    this.patchHealth({ nacks });
  }

  protected countDeviceError(message: string): void {
    const errors = { ...(this.current.deviceErrors ?? {}) };
    errors[message] = (errors[message] ?? 0) + 1;
    this.patchHealth({ deviceErrors: errors });
  }

  protected get healthNow(): TransmitterHealth {
    return this.current;
  }

  protected emitOnAir(packet: OnAirPacket): void {
    this.airtime.add(packet.startMs, packet.endMs);
    this.onAirSubject.next(packet);
  }

  protected emitEvent(event: TransmitterEvent): void {
    this.eventSubject.next(event);
  }

  /** A log line; repeats of one cause (the message with its numbers blanked, or `cause`) are counted per second. */
  protected log(level: LogLevel, message: string, cause?: string): void {
    this.logLines.note(level, message, cause);
  }

  protected dropped(packet: PlannedPacket, reason: string): void {
    this.patchHealth({ dropped: (this.current.dropped ?? 0) + 1 });
    this.eventSubject.next({ type: 'dropped', transmitterId: this.id, atMs: this.scheduler.now(), seq: packet.seq, purpose: packet.purpose, reason });
  }

  protected after(delayMs: number, fn: () => void): Subscription {
    return this.scheduler.schedule(fn, Math.max(0, delayMs));
  }

  private scheduleHealthTick(): void {
    this.healthTimer = this.after(this.opts.healthEveryMs ?? 250, () => {
      if (!this.running) return;
      this.emitHealth();
      this.scheduleHealthTick();
    });
  }

  private emitHealth(): void {
    this.healthSubject.next(this.snapshot());
  }

  private snapshot(): TransmitterHealth {
    const airtimePct = this.airtime.percent(this.scheduler?.now() ?? 0);
    return { ...this.current, nacks: { ...this.current.nacks }, airtimePct, capabilities: this.caps };
  }

  private setState(state: TransmitterState, lastError?: string): void {
    const was = this.current.state;
    this.patchHealth(lastError === undefined ? { state } : { state, lastError });
    if (state === 'down' && was !== 'down' && lastError !== undefined) {
      this.eventSubject.next({ type: 'down', transmitterId: this.id, atMs: this.scheduler.now(), reason: lastError });
    }
  }

  private async connect(): Promise<void> {
    const gen = ++this.generation;
    this.downReason = undefined;
    this.setState('connecting');
    let stream;
    try {
      stream = await this.transport.open();
    } catch (err) {
      if (gen === this.generation) this.linkLost(gen, (err as Error).message);
      return;
    }
    if (gen !== this.generation || !this.running) {
      stream.destroy();
      return;
    }
    const link = new ByteLink(stream, {
      data: (bytes) => {
        if (gen === this.generation) this.onLinkData(bytes);
      },
      closed: (reason) => this.linkLost(gen, reason),
    });
    this.link = link;
    let caps: TransmitterCapabilities;
    try {
      caps = await this.handshake(link);
    } catch (err) {
      if (gen !== this.generation) return;
      this.dropLink((err as Error).message);
      return;
    }
    if (gen !== this.generation || !link.isOpen) return;
    this.caps = caps;
    this.backoff.reset();
    const reconnect = this.everUp;
    this.everUp = true;
    this.patchHealth({ state: 'up', lastError: undefined, ...(reconnect ? { reconnects: (this.current.reconnects ?? 0) + 1 } : {}) });
    this.log('info', `${reconnect ? 'reconnected' : 'connected'} to ${caps.name} over ${this.transport.label}`);
    this.onLinkUp(reconnect);
    this.eventSubject.next({ type: 'up', transmitterId: this.id, atMs: this.scheduler.now(), reconnect });
    if (reconnect) this.opts.onReconnect?.(this);
  }

  private linkLost(gen: number, reason: string): void {
    if (gen !== this.generation) return;
    const why = this.downReason ?? reason;
    this.downReason = undefined;
    this.link = undefined;
    this.generation++;
    this.onLinkDown(why);
    if (!this.running) return;
    if (this.haltedBecause !== undefined) {
      this.setState('down', this.haltedBecause);
      return;
    }
    const delay = this.backoff.delay();
    this.log('warn', `link down (${why}); retrying in ${delay} ms`);
    this.setState('down', why);
    this.retryTimer?.unsubscribe();
    this.retryTimer = this.after(delay, () => {
      if (this.running) void this.connect();
    });
  }
}
