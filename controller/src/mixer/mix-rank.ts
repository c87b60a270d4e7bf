/**
 * The zone mixer's precedence, defined once. Every contribution to a zone has
 * a rank; the highest rank is what the audience sees. Compared in order:
 *
 * 1. the source's level: busk (and its safety clamp) over brand slots over
 *    desk input over playbacks (blackout is above all and handled apart: it
 *    darkens with MASTER 0 and keeps everything underneath);
 * 2. for playbacks: the playback's priority (a cue list's `priority`), then
 *    its latest GO (equal priority: the latest GO wins); parades on the show
 *    timeline rank as a playback above every cue list's priority;
 * 3. within a playback: its parades over its cue looks;
 * 4. latest takes precedence: the contribution set last.
 */
import type { LookSource } from '@crowdcue/protocol';

export type Rank = readonly number[];

/** Level of each source (higher wins). `safety` is a clamped busk or desk look: it ranks as what it clamps. */
export const SOURCE_LEVEL: Readonly<Record<LookSource, number>> = {
  blackout: 6,
  safety: 5,
  busk: 5,
  brand: 4,
  desk: 3,
  cue: 2,
  parade: 2,
};

/** Above any cue list priority (-100..100): the show timeline's parades. */
export const TIMELINE_PRIORITY = 101;

export interface RankParts {
  source: LookSource;
  /** Playback priority (cue and parade only). */
  priority?: number;
  /** The playback's latest GO, by order of GOs. */
  goOrder?: number;
  /** When the contribution was set, by order. */
  order: number;
}

export function rankOf(p: RankParts): Rank {
  const level = SOURCE_LEVEL[p.source];
  if (p.source === 'cue' || p.source === 'parade') {
    return [level, p.priority ?? 0, p.goOrder ?? 0, p.source === 'parade' ? 1 : 0, p.order];
  }
  return [level, 0, 0, 0, p.order];
}

/** > 0 when `a` wins over `b`. */
export function compareRank(a: Rank, b: Rank): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
