/**
 * Rehearsing a parade without the controller: protocol's parade compiler, the
 * one the controller plays with, turns the steps into band-side sends, each
 * becomes the CCB packet a transmitter would put on air, and the simulator's
 * bands play them. The
 * preview crowd's band clocks start at 0 with no drift, so band time is parade
 * time and an EFFECT starts exactly at its step.
 */
import { compileParade, encodeCcb, type CcbPacket, type ParadeSend, type Show, type ShowError } from '@crowdcue/protocol';

export interface TimedPacket {
  /** Parade ms at which the band acts on the packet. */
  atMs: number;
  bytes: Uint8Array;
}

export type PreviewPlan = { ok: true; durationMs: number; packets: TimedPacket[] } | { ok: false; errors: ShowError[] };

function packetOf(send: ParadeSend, site: number, seq: number): CcbPacket {
  const head = { site, seq, target: send.target };
  const l = send.look;
  if (l.kind === 'color') return { ...head, cmd: 'COLOR', rgb: l.rgb, fadeMs: Math.min(0xffff, Math.round(l.fadeMs)) };
  return { ...head, cmd: 'EFFECT', shape: l.shape, c1: l.c1, c2: l.c2, periodMs: l.periodMs, axis: l.axis, dir: l.dir, spread: l.spread, startMs: Math.round(send.atMs) };
}

export function planPreview(show: Show, paradeId: string): PreviewPlan {
  const index = show.parades.findIndex((p) => p.id === paradeId);
  if (index < 0) return { ok: false, errors: [{ path: 'parades', message: `no parade '${paradeId}'` }] };
  const parade = show.parades[index];
  const compiled = compileParade(parade, { venueZones: show.venue.zones.map((z) => z.id), path: `parades[${index}]` });
  if (!compiled.ok) return compiled;
  const sends = compiled.value.steps.flatMap((s) => s.sends).sort((a, b) => a.atMs - b.atMs);
  const packets: TimedPacket[] = [];
  const errors: ShowError[] = [];
  let seq = 0;
  for (const send of sends) {
    // seq 0 means "never sent" to a band; wrap 255 -> 1.
    seq = (seq % 255) + 1;
    try {
      packets.push({ atMs: send.atMs, bytes: encodeCcb(packetOf(send, show.site, seq)) });
    } catch (e) {
      errors.push({ path: `parades[${index}]`, message: e instanceof Error ? e.message : String(e) });
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, durationMs: parade.duration, packets };
}

export interface PreviewReceiver {
  receive(bytes: Uint8Array, atMs: number): void;
}

/**
 * Plays planned packets into a crowd up to any moment; scrubbing back starts a
 * fresh crowd and replays, since bands cannot un-receive a packet.
 */
export class PreviewCursor<C extends PreviewReceiver> {
  private next = 0;
  private at = -1;
  crowd: C;

  constructor(
    private packets: TimedPacket[],
    private readonly freshCrowd: () => C,
  ) {
    this.crowd = freshCrowd();
  }

  setPackets(packets: TimedPacket[]): void {
    this.packets = packets;
    this.restart();
  }

  restart(): void {
    this.crowd = this.freshCrowd();
    this.next = 0;
    this.at = -1;
  }

  /** Brings the crowd to parade ms `t`; returns true when it had to start over. */
  seek(t: number): boolean {
    let restarted = false;
    if (t < this.at) {
      this.restart();
      restarted = true;
    }
    while (this.next < this.packets.length && this.packets[this.next].atMs <= t) {
      const p = this.packets[this.next++];
      this.crowd.receive(p.bytes, p.atMs);
    }
    this.at = t;
    return restarted;
  }
}
