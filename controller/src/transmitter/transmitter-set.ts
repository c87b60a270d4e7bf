/**
 * All the transmitters of a show, each covering some zones. Every logical
 * packet (one CCB seq) goes to each transmitter whose coverage meets its zones;
 * bands that hear it from two transmitters act once (seq de-duplication).
 *
 * Blackout and master take the fast path: they go as PRIORITY, and queued work
 * they make obsolete is flushed first, so nothing already queued can undo them.
 */
import { BehaviorSubject, combineLatest, map, merge, of, switchMap, filter, type Observable } from 'rxjs';
import type { OnAirPacket, PacketPurpose, PlannedPacket, Transmitter, TransmitterEvent, TransmitterHealth } from './types';

/** Purposes a blackout leaves alone: clock sync and wake-up are not looks. */
const SURVIVES_BLACKOUT: ReadonlySet<PacketPurpose> = new Set(['blackout', 'sync', 'wake']);

/** Which queued packets a new one makes obsolete (undefined = none). */
export function obsoletedBy(packet: PlannedPacket): ((queued: PlannedPacket) => boolean) | undefined {
  if (packet.purpose === 'blackout') return (q) => !SURVIVES_BLACKOUT.has(q.purpose);
  if (packet.purpose === 'master') return (q) => q.purpose === 'master' && zonesMeet(q.zones, packet.zones);
  return undefined;
}

export function zonesMeet(a: number[] | 'ALL', b: number[] | 'ALL'): boolean {
  if (a === 'ALL' || b === 'ALL') return true;
  const set = new Set(a);
  return b.some((z) => set.has(z));
}

export class TransmitterSet {
  private readonly members = new BehaviorSubject<Transmitter[]>([]);
  /** Health of every transmitter, re-emitted whenever one changes (order = order added). */
  readonly health$: Observable<TransmitterHealth[]>;
  readonly onAir$: Observable<OnAirPacket>;
  readonly events$: Observable<TransmitterEvent>;
  /** A transmitter came back after losing its link: re-send the current look to it. */
  readonly reconnect$: Observable<Transmitter>;

  constructor(transmitters: Transmitter[] = []) {
    this.members.next([...transmitters]);
    this.health$ = this.members.pipe(switchMap((ts) => (ts.length === 0 ? of([]) : combineLatest(ts.map((t) => t.health$)))));
    this.onAir$ = this.members.pipe(switchMap((ts) => merge(...ts.map((t) => t.onAir$))));
    this.events$ = this.members.pipe(switchMap((ts) => merge(...ts.map((t) => t.events$ ?? of<TransmitterEvent>()))));
    this.reconnect$ = this.events$.pipe(
      filter((e): e is Extract<TransmitterEvent, { type: 'up' }> => e.type === 'up' && e.reconnect),
      map((e) => this.get(e.transmitterId)),
      filter((t): t is Transmitter => t !== undefined),
    );
  }

  get transmitters(): readonly Transmitter[] {
    return this.members.value;
  }

  get(id: string): Transmitter | undefined {
    return this.members.value.find((t) => t.id === id);
  }

  /** Adds a transmitter (not started); throws if the id is taken. */
  add(transmitter: Transmitter): void {
    if (this.get(transmitter.id)) throw new Error(`a transmitter with id '${transmitter.id}' is already in the set`);
    this.members.next([...this.members.value, transmitter]);
  }

  /** Removes and stops a transmitter. */
  async remove(id: string): Promise<void> {
    const t = this.get(id);
    if (!t) return;
    this.members.next(this.members.value.filter((m) => m !== t));
    await t.stop();
  }

  async start(): Promise<void> {
    await Promise.all(this.members.value.map((t) => t.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.members.value.map((t) => t.stop()));
  }

  /** Transmitters whose coverage meets the packet's zones. */
  route(packet: PlannedPacket): Transmitter[] {
    return this.members.value.filter((t) => zonesMeet(t.coverage, packet.zones));
  }

  /**
   * Sends one logical packet to every transmitter that covers it; answers their
   * ids. Blackout and master go first and flush what they make obsolete.
   */
  send(packet: PlannedPacket): string[] {
    const targets = this.route(packet);
    const obsolete = obsoletedBy(packet);
    const out = obsolete ? { ...packet, priority: true } : packet;
    for (const t of targets) {
      if (obsolete) t.flush(obsolete);
      t.send(out);
    }
    return targets.map((t) => t.id);
  }

  /** Drops queued packets on every transmitter (all, or those `obsolete` picks). */
  flush(obsolete?: (packet: PlannedPacket) => boolean): void {
    for (const t of this.members.value) t.flush(obsolete);
  }
}
