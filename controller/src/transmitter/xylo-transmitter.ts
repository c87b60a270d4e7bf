/**
 * Xyloband driver: real Xylobands through an Arduino + RFM26W running the
 * public XyloSender sketch (spec section 3).
 *
 * CCB packets from the planner are decoded and applied to a host-side model of
 * the 12 zones (XyloZoneModel) at their planned time; every slot the channel
 * allows, XyloAirQueue picks the one packet that matters most and it is written
 * as `[length][packet]`. One write per slot and nothing queued in the sketch:
 * it reads one packet, transmits it and then blinks for 50 ms, and bytes sent
 * meanwhile would pile up in its 64-byte serial buffer.
 */
import { airtimeUs, xyloSerialFrame, type CcbPacket, type Rgb } from '@crowdcue/protocol';
import type { Subscription } from 'rxjs';
import type { LinkedTransmitterOptions } from './linked-transmitter';
import type { ByteLink } from './transport';
import type { TransmitterCapabilities } from './types';
import { XyloAirQueue, type XyloAirOptions } from './xylo-air-queue';
import { XYLO_ZONES, XyloZoneModel, type ApplyOutcome, type ZonePosition } from './xylo-zone-model';
import { ZoneModelTransmitter } from './zone-model-transmitter';

export interface XyloTransmitterOptions extends LinkedTransmitterOptions {
  /** Xyloband site byte (default 0). */
  site?: number;
  /** Shortest time between two packets written to the sketch, ms. Default 80 (the library's own repeat spacing). */
  slotMs?: number;
  /** Radio figures for airtime estimates (the sketch does not say). Defaults 38400 bit/s, 10 bytes overhead. */
  bitrate?: number;
  overhead?: number;
  /**
   * Wait for the sketch's start-up line after opening the port, ms (an Arduino
   * resets when its port opens). Default 3000; 0 = do not wait.
   */
  readyTimeoutMs?: number;
  /** Send the 10-second wake when the show starts. Default true. */
  wakeOnStart?: boolean;
  /** Where each zone sits (0..255 each axis), for LINEAR/RADIAL effects; default the venue centre. */
  zonePositions?: ZonePosition[];
  air?: Partial<Omit<XyloAirOptions, 'site'>>;
}

/** The sketch's own messages that mean trouble (counted in health). */
const TROUBLE = [/Illegal length byte received/, /Packet send failed!/, /init failed/i];
const READY = /XyloShield initialized/;
const MAX_SLOT_MS = 200;

export class XyloTransmitter extends ZoneModelTransmitter {
  private readonly air: XyloAirQueue;
  private readonly x: { slotMs: number; bitrate: number; overhead: number; readyTimeoutMs: number; wakeOnStart: boolean };
  private slotMs: number;
  private lineBuffer = '';
  private readyWaiter: ((line: string) => void) | undefined;
  private slotTimer: Subscription | undefined;
  private lastWriteMs = -Infinity;
  private woke = false;

  constructor(opts: XyloTransmitterOptions) {
    super(opts, new XyloZoneModel(opts.zonePositions), 'Xyloband');
    this.x = {
      slotMs: opts.slotMs ?? 80,
      bitrate: opts.bitrate ?? 38_400,
      overhead: opts.overhead ?? 10,
      readyTimeoutMs: opts.readyTimeoutMs ?? 3000,
      wakeOnStart: opts.wakeOnStart ?? true,
    };
    this.slotMs = this.x.slotMs;
    this.air = new XyloAirQueue({ ...opts.air, site: opts.site ?? 0 });
  }

  /** What the bands of a zone should show now, per the host-side model. */
  zoneColour(zone: number): Rgb {
    return this.model.colorAt(zone, this.scheduler.now());
  }

  // ------------------------------------------------------------- link life

  protected async handshake(link: ByteLink): Promise<TransmitterCapabilities> {
    this.lineBuffer = '';
    if (this.x.readyTimeoutMs > 0) {
      const line = await new Promise<string | undefined>((resolve) => {
        const timer = this.after(this.x.readyTimeoutMs, () => finish(undefined));
        const finish = (l: string | undefined) => {
          timer.unsubscribe();
          this.readyWaiter = undefined;
          resolve(l);
        };
        this.readyWaiter = (l) => {
          if (READY.test(l) || /init failed/i.test(l)) finish(l);
        };
      });
      if (line && /init failed/i.test(line)) throw new Error(`XyloSender reports: ${line}`);
      if (!line) this.log('info', `no start-up line from the XyloSender within ${this.x.readyTimeoutMs} ms; assuming it is ready`);
    }
    if (!link.isOpen) throw new Error('link closed while waiting for the XyloSender');
    return { name: 'XyloSender', rfMax: 63, queueCap: 1, bitrate: this.x.bitrate, overhead: this.x.overhead, timedSend: false };
  }

  protected onLinkUp(reconnect: boolean): void {
    const now = this.scheduler.now();
    if (!this.woke && this.x.wakeOnStart) this.air.startWake(now);
    else this.air.forget();
    this.woke = true;
    if (reconnect) this.log('info', 'XyloSender back: sending every zone again');
    this.lastWriteMs = -Infinity;
    this.tick();
  }

  protected onLinkDown(): void {
    this.slotTimer?.unsubscribe();
    this.slotTimer = undefined;
    this.readyWaiter?.('');
  }

  protected onLinkData(bytes: Uint8Array): void {
    this.lineBuffer += new TextDecoder().decode(bytes);
    const lines = this.lineBuffer.split(/\r?\n/);
    this.lineBuffer = lines.pop() ?? '';
    // A sketch spewing bytes without newlines must not grow memory.
    if (this.lineBuffer.length > 512) this.lineBuffer = this.lineBuffer.slice(-512);
    for (const raw of lines) {
      const line = raw.trim();
      if (line === '') continue;
      this.readyWaiter?.(line);
      const trouble = TROUBLE.find((t) => t.test(line));
      if (!trouble) {
        this.log('info', `XyloSender: ${line}`);
        continue;
      }
      this.countDeviceError(line);
      this.log('warn', `XyloSender: ${line}`);
      if (/Packet send failed!/.test(line) && this.slotMs < MAX_SLOT_MS) {
        // The radio was still busy: give each packet more room.
        this.slotMs = Math.min(MAX_SLOT_MS, this.slotMs + 10);
        this.log('warn', `slowing to one packet per ${this.slotMs} ms`);
      }
    }
  }

  // ------------------------------------------------------------- the air

  protected applied(_packet: CcbPacket, outcome: ApplyOutcome, now: number): void {
    if (outcome.kind === 'sleep-all') this.air.sleepAll(now);
    else if (outcome.kind === 'wake-all') this.air.wakeAll(now);
    // Use a free slot at once rather than waiting for the next tick.
    if (this.isUp && now - this.lastWriteMs >= this.slotMs) this.tick();
  }

  private tick(): void {
    this.slotTimer?.unsubscribe();
    this.slotTimer = undefined;
    const link = this.link;
    if (!link || !this.isUp) return;
    const now = this.scheduler.now();
    const wait = this.lastWriteMs + this.slotMs - now;
    if (wait > 0) {
      this.slotTimer = this.after(wait, () => this.tick());
      return;
    }
    const desired: Array<Rgb | undefined> = [];
    for (let z = 0; z < XYLO_ZONES; z++) desired.push(this.model.desiredAt(z, now));
    const out = this.air.next(now, desired);
    if (out) {
      link.write(xyloSerialFrame(out.packet));
      this.lastWriteMs = now;
      // Serial time at 115200 baud is ~87 us a byte; the radio starts once the last byte is in.
      const startMs = now + ((out.packet.length + 1) * 10) / 115.2;
      const endMs = startMs + airtimeUs(out.packet.length, this.x.bitrate, this.x.overhead) / 1000;
      this.patchHealth({ packetsSent: this.healthNow.packetsSent + 1 });
      this.emitOnAir({ transmitterId: this.id, rf: out.packet, startMs, endMs, format: 'xyloband' });
    }
    this.reportDepth();
    this.slotTimer = this.after(out ? this.slotMs : Math.min(this.slotMs, 20), () => this.tick());
  }

  protected airDepth(): number {
    return this.air.depth;
  }
}
