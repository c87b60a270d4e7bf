/**
 * The mixer's zone looks as the planner takes them. The mixer says what a
 * zone should show and from when (controller ms); the planner wants a look it
 * can put in one CCB command. Blackout is left out on purpose: the planner
 * darkens the crowd with MASTER 0 at PRIORITY and keeps the looks underneath,
 * so lifting the blackout brings back exactly what the cue list says.
 */
import type { Cue, Look } from '@crowdcue/protocol';
import type { LooksFrame, ZoneLookState } from '../engine/engine-types';
import { planLookFromShow, type PlanLook } from '../planner/plan-look';
import type { ZoneLook } from '../planner/planner';

const FADE_MAX = 0xffff;

/** One planner call: looks that land together for one reason. */
export interface LookBatch {
  changes: ZoneLook[];
  /** When bands should show it; undefined = as soon as it can be on air (a GO: no sooner is possible). */
  atMs: number | undefined;
  purpose: 'cue' | 'busk';
  /** What a late report names: the cue, or `busk`. */
  label: string;
}

/** A zone's look as the planner plays it; a fade already under way carries only what is left of it at `nowMs`. */
export function planLookOf(zs: ZoneLookState, nowMs: number): PlanLook {
  const look: Look = zs.look;
  if (look.kind === 'effect') return planLookFromShow(look, 0, zs.startMs);
  const left = zs.startMs >= nowMs ? zs.fadeMs : Math.max(0, zs.startMs + zs.fadeMs - nowMs);
  const rgb = look.kind === 'color' ? look.color : ([0, 0, 0] as [number, number, number]);
  return { kind: 'color', rgb, fadeMs: Math.min(FADE_MAX, Math.round(left)) };
}

export function cueLabel(cue: Pick<Cue, 'id' | 'number' | 'label'> | undefined, cueId: string): string {
  if (!cue) return `cue ${cueId}`;
  return cue.label ? `cue ${cue.number} "${cue.label}"` : `cue ${cue.number}`;
}

/**
 * The changed zones of a frame (or every zone, `all`), grouped by what set
 * them and when they land, blackout left out.
 */
export function lookBatches(frame: LooksFrame, nowMs: number, cueOf: (id: string) => Cue | undefined, all = false): LookBatch[] {
  const wanted = all ? null : new Set(frame.changed);
  const batches = new Map<string, LookBatch>();
  for (const zs of frame.zones) {
    if (wanted && !wanted.has(zs.zone)) continue;
    if (zs.source === 'blackout') continue;
    // Live sources (busk, its safety clamp, desk input) hold their zones over parades until they let go.
    const live = zs.source === 'busk' || zs.source === 'safety' || zs.source === 'desk';
    const purpose = live ? 'busk' : 'cue';
    // A look due now (a GO, a busk) lands as soon as the channel allows; only a
    // later time (a delay, a follow published ahead) is a deadline to be late for.
    const atMs = zs.startMs > nowMs + 1 ? zs.startMs : undefined;
    const key = `${zs.source}|${zs.cueId ?? ''}|${atMs ?? 'now'}`;
    let batch = batches.get(key);
    if (!batch) {
      const label = live ? zs.source : zs.cueId === null ? 'house (no cue)' : cueLabel(cueOf(zs.cueId), zs.cueId);
      batch = { changes: [], atMs, purpose, label };
      batches.set(key, batch);
    }
    batch.changes.push({ zone: zs.zone, look: planLookOf(zs, nowMs) });
  }
  return [...batches.values()].sort((a, b) => (a.atMs ?? nowMs) - (b.atMs ?? nowMs));
}
