/**
 * The planner's work queue: work waits until its commit time; work on the
 * same bands commits in landing order (a later one waits while an earlier one
 * on any of its zones is not due); what is ready commits by rank (blackout,
 * master, cue/busk/parade, sync, refresh), then landing time.
 */
import type { PacketPurpose } from '../transmitter/types';
import type { LateGroup } from './late-reports';

export const RANK: Readonly<Record<PacketPurpose, number>> = {
  blackout: 0,
  master: 1,
  cue: 2,
  busk: 2,
  parade: 2,
  image: 2,
  wake: 2,
  sync: 3,
  refresh: 4,
};

export interface Work<Spec> {
  id: number;
  rank: number;
  purpose: PacketPurpose;
  /** When bands should act on it, controller ms. */
  landAtMs: number;
  /** An effect starting at landAtMs may go on air early. */
  sendAhead: boolean;
  /** No fixed time: as soon as the channel allows. */
  asap: boolean;
  priority: boolean;
  /** Zones whose bands it changes (orders work on the same bands); null = none. */
  zones: number[] | 'ALL' | null;
  commitAtMs: number;
  group?: LateGroup;
  /** Built when committed, from the state at that moment. */
  resolve: () => Spec[];
  /** When a SYNC-like packet stops being right (ms after its start). */
  expiresAfterMs?: number;
  /** The parade run it belongs to. */
  run?: number;
}

/** Splits `pending` into the work to commit now (in commit order) and the work that waits. */
export function takeReady<W extends Pick<Work<unknown>, 'id' | 'rank' | 'landAtMs' | 'commitAtMs' | 'zones'>>(pending: readonly W[], now: number): { ready: W[]; waiting: W[] } {
  const blocked = new Set<number>();
  let blockedAll = false;
  const ready: W[] = [];
  const byLanding = [...pending].sort((a, b) => a.landAtMs - b.landAtMs || a.id - b.id);
  for (const w of byLanding) {
    const due = w.commitAtMs <= now;
    let touches = false;
    if (w.zones === 'ALL') touches = blockedAll || blocked.size > 0;
    else if (w.zones !== null) touches = blockedAll || w.zones.some((z) => blocked.has(z));
    if (due && !touches) {
      ready.push(w);
      continue;
    }
    if (w.zones === 'ALL') blockedAll = true;
    else if (w.zones) for (const z of w.zones) blocked.add(z);
  }
  ready.sort((a, b) => a.rank - b.rank || a.landAtMs - b.landAtMs || a.id - b.id);
  const readyIds = new Set(ready.map((w) => w.id));
  return { ready, waiting: pending.filter((w) => !readyIds.has(w.id)) };
}
