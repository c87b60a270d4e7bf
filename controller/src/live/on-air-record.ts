/**
 * What a console joining mid-show needs to draw the crowd right at once: the
 * last SYNC (band clocks), the last MASTER (level, blackout), and for each
 * zone the packets that set its current look. A zone keeps its last two
 * distinct look packets, because the newest may be an effect still waiting
 * to start (sent ahead) while the one before is what the bands show now.
 * Seat-range looks are kept until a packet to every zone covers them.
 */
import { decodeCcb, parseHex, toHex, type OnAirPacketInfo } from '@crowdcue/protocol';

const LOOK_COMMANDS: ReadonlySet<string> = new Set(['COLOR', 'EFFECT', 'SHOW_IMAGE', 'ZONE_COLORS']);
const PER_ZONE = 2;
const SEAT_LOOKS = 4;

export class OnAirRecord {
  private sync: OnAirPacketInfo | undefined;
  private master: OnAirPacketInfo | undefined;
  private readonly zones = new Map<number, OnAirPacketInfo[]>();
  private seats: OnAirPacketInfo[] = [];
  private readonly keys = new WeakMap<OnAirPacketInfo, string>();

  constructor(private readonly venueZones: readonly number[]) {}

  /** One transmission as the consoles get it (show ms). */
  add(p: OnAirPacketInfo): void {
    if (p.format !== undefined && p.format !== 'ccb') return;
    const key = typeof p.rf === 'string' ? p.rf.toLowerCase() : toHex(p.rf);
    const bytes = typeof p.rf === 'string' ? parseHex(p.rf) : { ok: true as const, value: p.rf };
    if (!bytes.ok) return;
    const decoded = decodeCcb(bytes.value);
    if (!decoded.ok) return;
    const ccb = decoded.value;
    this.keys.set(p, key);
    const other = (s: OnAirPacketInfo) => this.keys.get(s) !== key;
    if (ccb.cmd === 'SYNC') this.sync = p;
    else if (ccb.cmd === 'MASTER') this.master = p;
    else if (LOOK_COMMANDS.has(ccb.cmd)) {
      const t = ccb.target;
      if (t.kind === 'PIXELS') {
        this.seats = [...this.seats.filter(other), p].slice(-SEAT_LOOKS);
        return;
      }
      // A ZONE_COLORS sets the look of the zones it lists (and its target reaches), no others.
      const listed = ccb.cmd === 'ZONE_COLORS' ? new Set(ccb.zones.map(([z]) => z)) : undefined;
      if (t.kind === 'ALL' && !listed) this.seats = [];
      const reached = t.kind === 'ALL' ? this.venueZones : t.zones;
      for (const z of listed ? reached.filter((r) => listed.has(r)) : reached) {
        // A repeat of the same packet replaces itself rather than pushing out the look before it.
        const kept = (this.zones.get(z) ?? []).filter(other);
        this.zones.set(z, [...kept, p].slice(-PER_ZONE));
      }
    }
  }

  /** The catch-up batch, in air order. */
  packets(): OnAirPacketInfo[] {
    const out = new Set<OnAirPacketInfo>();
    if (this.sync) out.add(this.sync);
    if (this.master) out.add(this.master);
    for (const list of this.zones.values()) for (const p of list) out.add(p);
    for (const p of this.seats) out.add(p);
    return [...out].sort((a, b) => a.endMs - b.endMs);
  }
}
