/**
 * What every driver for bands that do not speak CCB shares (Xylobands through
 * a XyloSender, PixMob bands through an IR forwarder): the planner's CCB
 * packets wait here until their planned time, are then applied to a host-side
 * model of the zones (XyloZoneModel), and the driver's own air queue sends
 * whatever the model says the bands should show. A flush drops the packets
 * still waiting that the planner calls obsolete.
 */
import { decodeCcb, type CcbPacket } from '@crowdcue/protocol';
import type { Subscription } from 'rxjs';
import { LinkedTransmitter, type LinkedTransmitterOptions } from './linked-transmitter';
import type { PlannedPacket } from './types';
import type { ApplyOutcome, XyloZoneModel } from './xylo-zone-model';

interface Due {
  packet: PlannedPacket;
  timer: Subscription;
}

export abstract class ZoneModelTransmitter extends LinkedTransmitter {
  private due: Due[] = [];

  /** `family` names the bands in messages ("Xyloband", "PixMob"). */
  constructor(
    opts: LinkedTransmitterOptions,
    protected readonly model: XyloZoneModel,
    private readonly family: string,
  ) {
    super(opts);
  }

  /** Codes or packets waiting in the driver's own air queue (for the queue depth in health). */
  protected abstract airDepth(): number;

  /** A packet has just been applied to the model at its time (`outcome` says how). */
  protected abstract applied(packet: CcbPacket, outcome: ApplyOutcome, nowMs: number): void;

  send(packet: PlannedPacket): void {
    const decoded = decodeCcb(packet.rf);
    if (!decoded.ok) {
      this.dropped(packet, `not a CCB packet the ${this.family} driver can translate: ${decoded.error.message}`);
      return;
    }
    const now = this.scheduler.now();
    const at = packet.atMs ?? now;
    const entry: Due = { packet, timer: this.after(at - now, () => this.applyDue(entry)) };
    this.due.push(entry);
    this.reportDepth();
  }

  flush(obsolete?: (packet: PlannedPacket) => boolean): void {
    const isObsolete = obsolete ?? (() => true);
    for (const d of this.due.filter((e) => isObsolete(e.packet))) {
      d.timer.unsubscribe();
      this.dropped(d.packet, 'flushed');
    }
    this.due = this.due.filter((e) => !isObsolete(e.packet));
    this.reportDepth();
  }

  /** Whether a planned packet is due before `untilMs` (one without a time is due now). */
  protected packetDueBefore(untilMs: number, nowMs: number): boolean {
    return this.due.some((d) => (d.packet.atMs ?? nowMs) < untilMs);
  }

  protected reportDepth(): void {
    const depth = this.due.length + this.airDepth();
    if (depth !== this.healthNow.queueDepth) this.patchHealth({ queueDepth: depth });
  }

  private applyDue(entry: Due): void {
    this.due = this.due.filter((d) => d !== entry);
    const p = entry.packet;
    const now = this.scheduler.now();
    if (p.expiresAtMs !== undefined && now > p.expiresAtMs) {
      this.dropped(p, 'expired before it could be shown');
      return;
    }
    const decoded = decodeCcb(p.rf);
    if (!decoded.ok) return;
    const outcome = this.model.apply(decoded.value, now);
    if (outcome.kind === 'ignored') this.dropped(p, outcome.reason);
    this.applied(decoded.value, outcome, now);
    this.reportDepth();
  }
}
