/**
 * Played, partial or not played, and why: judged from what the crowd showed in
 * the on-air replay (never from what the controller meant to send), the brand
 * run's own record (what it put on air, its preload, whether it was stopped)
 * and what the zone mixer saw above the slot. Every reason names its moment.
 */
import type { PlayReason, PlayStatus } from '@crowdcue/protocol';
import type { BrandRunResult } from './brand-sequence-run';
import { SHOWN_SHARE, type SlotReplay } from './replay-slot';
import { zonesOfPacket, type AirTransmission } from './slot-air';

/** Showing later than this after the slot began counts as late, ms. */
export const LATE_AFTER_MS = 500;
/** At most this share of seats at any moment: nothing showed. */
export const NOT_SHOWN_SHARE = 0.05;
/** Shown for less than this share of the judged span (and nothing else explains it): thin. */
export const FULL_SHOWING = 0.9;

/** How long before the slot its planner layers may put packets on air, ms. */
const LAYER_LEAD_MS = 2000;
/** Packets of the slot's layer this close to its end are the looks it gives back, ms. */
const END_MARGIN_MS = 100;

export interface VerdictInput {
  result: BrandRunResult;
  /** Null when there was nothing to replay. */
  replay: SlotReplay | null;
  /** The capture, to name what overwrote the slot. */
  air: readonly AirTransmission[];
  /** Wall-clock ISO time of a controller ms. */
  iso: (ms: number) => string;
  /** What the zone mixer saw above the slot (busk, blackout), in the operator's words. */
  preempted?: readonly string[];
  /** Why the replay could not run, when it could not. */
  replayError?: string;
}

export interface Verdict {
  status: PlayStatus;
  reasons: PlayReason[];
  /** When the crowd showed it (the scheduled span when it never did), controller ms. */
  shownFromMs: number;
  shownUntilMs: number;
}

const pct = (s: number) => `${Math.round(s * 100)}%`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** `21:03:05.2 UTC` */
const clock = (iso: string) => `${iso.slice(11, 21)} UTC`;

export function judgePlay(input: VerdictInput): Verdict {
  const { result, replay, iso } = input;
  const from = result.scheduledStartMs;
  const until = result.scheduledEndMs;
  const reasons: PlayReason[] = [];
  const at = (ms: number) => ({ at: iso(ms) });
  // The logo's packets are counted by the run; a wash or parade step goes through the planner and shows in the
  // capture (the cue looks its layer puts back at the end are not the slot's).
  const sent =
    result.airtime.reduce((s, a) => s + a.transmissions, 0) + input.air.filter((t) => t.label === 'brand' && t.endMs >= from - LAYER_LEAD_MS && t.startMs < until - END_MARGIN_MS).length;
  let notPlayed = false;

  if (sent === 0) {
    notPlayed = true;
    const p = result.preload;
    const why =
      p && (p.late > 0 || !p.done)
        ? `: its preload was late (${Math.max(0, Math.min(p.sent, p.total - p.late))} of ${p.total} packets on air by the reveal at ${clock(iso(result.revealMs ?? from))})`
        : result.stopped
          ? ': the show was stopped before it began'
          : '';
    reasons.push({ kind: 'nothing-on-air', message: `nothing went on air for this slot${why}`, ...at(from) });
  }
  if (replay && replay.maxShare < NOT_SHOWN_SHARE) {
    // With nothing on air that says it all; with something on air, the crowd still never showed it.
    if (notPlayed) return { status: 'not-played', reasons: withOthers(reasons, input), shownFromMs: from, shownUntilMs: until };
    notPlayed = true;
    reasons.push({ kind: 'not-shown', message: `it never showed on the crowd: at most ${pct(replay.maxShare)} of its ${replay.seats.toLocaleString('en')} seats at any moment`, ...at(from) });
  } else if (!replay && !notPlayed) {
    reasons.push({
      kind: 'not-replayed',
      message: input.replayError
        ? `what went on air could not be replayed (${input.replayError}), so what the crowd showed cannot be told`
        : 'no on-air record was kept for this slot, so what the crowd showed cannot be told',
    });
  }

  if (replay && !notPlayed) {
    const first = replay.firstShownMs;
    if (first === null) {
      reasons.push({ kind: 'thin', message: `at most ${pct(replay.maxShare)} of its ${replay.seats.toLocaleString('en')} seats showed it at any moment`, ...at(from) });
    } else {
      if (first - from > LATE_AFTER_MS) {
        reasons.push({ kind: 'late', message: `it showed from ${clock(iso(first))}, ${secs(first - from)} after the slot began at ${clock(iso(from))}`, ...at(first) });
      }
      const drop = firstDrop(replay, from, until);
      if (drop) {
        const who = overwrittenBy(input.air, result.zones, drop.lastShownMs, drop.atMs);
        reasons.push({
          kind: 'preempted',
          message: `overwritten at ${clock(iso(drop.atMs))}, ${secs(drop.atMs - from)} into the slot${who ? ` by ${who}` : ''}: ${pct(drop.before)} of its seats showed it before, ${pct(drop.after)} after`,
          ...at(drop.atMs),
        });
      }
      if (!drop && reasons.length === 0 && replay.judgedMs > 0 && replay.shownMs < FULL_SHOWING * replay.judgedMs) {
        reasons.push({ kind: 'thin', message: `at least half its seats showed it for ${secs(replay.shownMs)} of ${secs(replay.judgedMs)}`, ...at(from) });
      }
    }
  }
  reasons.splice(0, reasons.length, ...withOthers(reasons, input));
  if (result.stopped && !notPlayed) {
    reasons.push({ kind: 'stopped', message: `stopped at ${clock(iso(result.actualEndMs))}, ${secs(until - result.actualEndMs)} before its end (the show was paused, stopped or unloaded)`, ...at(result.actualEndMs) });
  }

  const status: PlayStatus = notPlayed ? 'not-played' : reasons.length > 0 ? 'partial' : 'played';
  const shown = replay && replay.firstShownMs !== null && replay.lastShownMs !== null && !notPlayed;
  return { status, reasons, shownFromMs: shown ? replay.firstShownMs! : from, shownUntilMs: shown ? replay.lastShownMs! : until };
}

/** The operator's pre-emptions, after the verdict's own reasons. */
function withOthers(reasons: PlayReason[], input: VerdictInput): PlayReason[] {
  return [...reasons, ...(input.preempted ?? []).map((message) => ({ kind: 'preempted' as const, message, at: input.iso(input.result.scheduledStartMs) }))];
}

/**
 * The first judged moment after it showed when fewer than half its seats still
 * did (before the end settles), with the last moment they did: what landed in
 * between overwrote it.
 */
function firstDrop(r: SlotReplay, from: number, until: number): { lastShownMs: number; atMs: number; before: number; after: number } | null {
  let before: { share: number; atMs: number } | null = null;
  for (let k = 0; k < r.shares.length; k++) {
    const s = r.shares[k];
    if (s === null) continue;
    const t = from + k * r.stepMs + r.stepMs / 2;
    if (s >= SHOWN_SHARE) before = { share: s, atMs: t };
    else if (before !== null && t < until - r.stepMs) {
      // The lowest share in the next second says how much it lost.
      const after = Math.min(...r.shares.slice(k, k + Math.ceil(1000 / r.stepMs)).filter((x): x is number => x !== null));
      return { lastShownMs: before.atMs, atMs: t, before: before.share, after };
    }
  }
  return null;
}

/** Who put packets on the slot's zones just before it dropped (not the brand's own). */
function overwrittenBy(air: readonly AirTransmission[], zones: readonly number[], fromMs: number, untilMs: number): string | null {
  const slot = new Set(zones);
  const names = new Map<string, Set<number>>();
  for (const t of air) {
    if (t.label === 'brand' || t.endMs <= fromMs || t.endMs > untilMs) continue;
    const z = zonesOfPacket(t.rf);
    if (z === null) continue;
    const hit = z === 'ALL' ? [...slot] : z.filter((x) => slot.has(x));
    if (hit.length === 0) continue;
    const name = t.label ?? 'another packet';
    if (name === 'sync' || name === 'master') continue;
    const set = names.get(name) ?? new Set<number>();
    hit.forEach((x) => set.add(x));
    names.set(name, set);
  }
  if (names.size === 0) return null;
  return [...names]
    .map(([name, zs]) => `${name} on zone${zs.size > 1 ? 's' : ''} ${[...zs].sort((a, b) => a - b).join(', ')}`)
    .join(' and ');
}
