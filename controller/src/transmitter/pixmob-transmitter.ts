/**
 * PixMob IR driver: PixMob bands through an IR forwarder sketch (an Arduino or
 * similar board with an IR LED that takes raw timings over serial; spec section 5).
 *
 * IR reaches the bands the transmitter is aimed at and carries no address the
 * show can use, so one IR transmitter shows one look: the look of the first
 * zone it covers. CCB packets from the planner are applied at their planned
 * time to a host-side model of the zones (the same CCB band semantics the
 * Xyloband driver renders), and every slot the forwarder is free
 * PixmobAirQueue picks the code that matters most. One line per slot and
 * nothing queued in the sketch: it blocks while it sends the IR, and a second
 * line written meanwhile would wait in its 64-byte serial buffer, arriving
 * late or cut short.
 */
import {
  encodePixmob,
  pixmobAirtimeUs,
  pixmobExactTimeKey,
  pixmobLine,
  pixmobRuns,
  pixmobSerialUs,
  PIXMOB_SKETCH_DELAY_MS,
  type CcbPacket,
  type Rgb,
} from '@crowdcue/protocol';
import type { Subscription } from 'rxjs';
import type { LinkedTransmitterOptions } from './linked-transmitter';
import { PixmobAirQueue, type PixmobAirOptions, type PixmobView } from './pixmob-air-queue';
import type { ByteLink } from './transport';
import type { TransmitterCapabilities } from './types';
import { XyloZoneModel, type ApplyOutcome, type ZonePosition } from './xylo-zone-model';
import { ZoneModelTransmitter } from './zone-model-transmitter';

export interface PixmobTransmitterOptions extends LinkedTransmitterOptions {
  /** The zone whose look this transmitter shows. Default: the first zone it covers (0 for ALL). */
  zone?: number;
  /**
   * Wait after opening the port before the first line, ms: an Arduino resets
   * when its port opens and its boot loader swallows what arrives in the
   * first second or two. The sketch prints nothing to wait for. Default 2000.
   */
  settleMs?: number;
  /**
   * Margin added to each slot on top of the line's serial time, IR time and the sketch's
   * 3 ms pause, ms. It covers the sketch's own work on a line (String handling on a 16 MHz
   * AVR, of the order of a millisecond or two): a host even slightly faster than the
   * sketch would build a backlog in its 64-byte buffer, line by line, until it overflows.
   * Default 8.
   */
  guardMs?: number;
  /** Where each zone sits (0..255 each axis), for LINEAR/RADIAL effects; default the venue centre. */
  zonePositions?: ZonePosition[];
  air?: Partial<PixmobAirOptions>;
}

/** CCB zones the host model keeps (all of CCB's). */
const CCB_ZONES = 64;
/** A device line longer than this without a newline is noise: keep only its tail. */
const MAX_DEVICE_LINE = 512;

export class PixmobTransmitter extends ZoneModelTransmitter {
  readonly zone: number;
  private readonly air: PixmobAirQueue;
  private readonly settleMs: number;
  private readonly guardMs: number;
  private slotTimer: Subscription | undefined;
  private busyUntilMs = -Infinity;
  private lastSlotMs = 60;
  private nativeFade: PixmobView['nativeFade'];
  private deviceText = '';
  private heldReported = 0;
  private heldForDue = false;

  constructor(opts: PixmobTransmitterOptions) {
    super(opts, new XyloZoneModel(opts.zonePositions, CCB_ZONES), 'PixMob');
    this.zone = opts.zone ?? (opts.coverage === 'ALL' ? 0 : (opts.coverage[0] ?? 0));
    this.settleMs = opts.settleMs ?? 2000;
    this.guardMs = opts.guardMs ?? 8;
    this.air = new PixmobAirQueue(opts.air);
  }

  /** What the bands in the beam should show now, per the host-side model. */
  beamColour(): Rgb {
    return this.model.colorAt(this.zone, this.scheduler.now());
  }

  // ------------------------------------------------------------- link life

  protected async handshake(link: ByteLink): Promise<TransmitterCapabilities> {
    this.deviceText = '';
    // Every open resets an Arduino, a reconnect too.
    if (this.settleMs > 0) await new Promise<void>((resolve) => this.after(this.settleMs, resolve));
    if (!link.isOpen) throw new Error('link closed while the IR forwarder was starting');
    // The planner's CCB packets never go on air as such (they feed the host model), so
    // its airtime budget is the serial line's; rf_max is CCB's, for the same reason.
    return { name: 'PixMob IR forwarder', rfMax: 48, queueCap: 1, bitrate: 115_200, overhead: 0, timedSend: false };
  }

  protected onLinkUp(reconnect: boolean): void {
    this.air.forget();
    if (reconnect) this.log('info', 'IR forwarder back: sending the look again');
    this.busyUntilMs = -Infinity;
    this.tick();
  }

  protected onLinkDown(): void {
    this.slotTimer?.unsubscribe();
    this.slotTimer = undefined;
  }

  protected onLinkData(bytes: Uint8Array): void {
    // The forwarder sketches print nothing; whatever comes is a board's boot text or noise.
    this.deviceText += new TextDecoder().decode(bytes);
    const lines = this.deviceText.split(/\r?\n/);
    this.deviceText = lines.pop() ?? '';
    if (this.deviceText.length > MAX_DEVICE_LINE) {
      this.countDeviceError('unexpected bytes from the IR forwarder');
      this.log('warn', `IR forwarder sent ${this.deviceText.length} bytes without a line end; ignored`, 'forwarder-noise');
      this.deviceText = '';
    }
    for (const raw of lines) {
      const line = raw.replace(/[^\x20-\x7e]/g, '?').trim();
      if (line === '') continue;
      this.countDeviceError('unexpected text from the IR forwarder');
      this.log('warn', `IR forwarder says: ${line.slice(0, 80)}`, 'forwarder-text');
    }
  }

  // ------------------------------------------------------------- the air

  protected applied(packet: CcbPacket, outcome: ApplyOutcome, now: number): void {
    if (outcome.kind !== 'ignored') this.noteFade(packet, now);
    // Use a free slot at once rather than waiting for the next tick.
    if (this.isUp && now >= this.busyUntilMs) this.tick();
  }

  /** A COLOR to our zone whose fade is one of the band's own times: the band runs it. */
  private noteFade(packet: CcbPacket, now: number): void {
    const ours = packet.target.kind === 'ALL' || (packet.target.kind === 'ZONES' && packet.target.zones.includes(this.zone));
    if (!ours) return;
    if (packet.cmd !== 'COLOR' && packet.cmd !== 'EFFECT' && packet.cmd !== 'MASTER' && packet.cmd !== 'SLEEP' && packet.cmd !== 'WAKE') return;
    this.nativeFade = undefined;
    if (packet.cmd !== 'COLOR' || packet.fadeMs <= 0) return;
    const attack = pixmobExactTimeKey(packet.fadeMs);
    if (attack === undefined) return;
    this.nativeFade = { rgb: this.model.colorAt(this.zone, now + packet.fadeMs), attack, untilMs: now + packet.fadeMs };
  }

  private view(atMs: number): PixmobView {
    const zone = this.zone;
    const touched = this.model.desiredAt(zone, atMs);
    const fade = this.nativeFade && atMs < this.nativeFade.untilMs ? this.nativeFade : undefined;
    return {
      rgb: touched,
      motion: this.model.motionAt(zone, atMs),
      asleep: this.model.isAsleep(zone),
      nativeFade: fade,
      sparkle: this.model.sparkleAt(zone, atMs),
    };
  }

  private tick(): void {
    this.slotTimer?.unsubscribe();
    this.slotTimer = undefined;
    const link = this.link;
    if (!link || !this.isUp) return;
    const now = this.scheduler.now();
    // Infinity: a line is still on its way to the OS; its callback sets the next tick.
    if (this.busyUntilMs === Infinity) return;
    if (now < this.busyUntilMs) {
      this.tickAfter(this.busyUntilMs - now);
      return;
    }
    // Sample the look where the code will land: bands act when the code has ended.
    // A planned change landing within this slot beats a repeat, refresh or glide that would
    // hold the line; held for one slot at most, so a stream of packets cannot starve the look.
    const changeDue = !this.heldForDue && this.packetDueBefore(now + this.lastSlotMs, now);
    const out = this.air.next(now, this.view(now + this.lastSlotMs), this.lastSlotMs, changeDue);
    this.heldForDue = changeDue && !out;
    if (out) {
      const line = pixmobLine(out.command);
      const runs = pixmobRuns(out.command);
      const serialMs = pixmobSerialUs(line) / 1000;
      const irMs = pixmobAirtimeUs(runs) / 1000;
      const slotMs = serialMs + irMs + PIXMOB_SKETCH_DELAY_MS + this.guardMs;
      this.lastSlotMs = slotMs;
      // The slot runs from when the OS has the bytes, not from the call: a write held up in
      // this process (a busy thread pool) must not let the next line follow on its heels.
      this.busyUntilMs = Infinity;
      link.write(new TextEncoder().encode(line), () => {
        if (this.link !== link) return;
        const sentMs = this.scheduler.now();
        this.busyUntilMs = sentMs + slotMs;
        this.emitOnAir({ transmitterId: this.id, rf: encodePixmob(out.command), startMs: sentMs + serialMs, endMs: sentMs + serialMs + irMs, format: 'pixmob-ir' });
        this.tickAfter(slotMs);
      });
      this.patchHealth({ packetsSent: this.healthNow.packetsSent + 1 });
    }
    if (this.air.heldBack > this.heldReported) {
      this.heldReported = this.air.heldBack;
      this.log('warn', `a colour change held back: the flash limit is ${this.air.options.flashesPerSecond}/s`, 'flash-limit');
    }
    this.reportDepth();
    // After a write the next tick is set once the bytes are out; idle, look again soon.
    if (!out) this.tickAfter(10);
  }

  private tickAfter(ms: number): void {
    this.slotTimer?.unsubscribe();
    this.slotTimer = this.after(ms, () => this.tick());
  }

  protected airDepth(): number {
    return this.air.depth;
  }
}
