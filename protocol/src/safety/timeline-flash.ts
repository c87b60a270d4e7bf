/**
 * Flashes on one output (a zone, or the seats a parade step covers) across a
 * sequence of looks: cue chains joined by follows, parade steps. Every look
 * change that is a change in a flash metric counts, over the whole time its
 * fade lasts (a change counts in every 1-second window its fade overlaps);
 * an effect adds its own changes in proportion to the time it runs. The worst
 * 1-second window, halved (a flash is a pair of changes), is the flash rate.
 */
import type { Rgb } from '../ccb/types';
import { ChangeCounter, FLASH_METRICS, flashLevel, metricStep } from './flash-metrics';
import { type EffectLike, effectChangesPerMs, effectLevelRange } from './effect-flash-rate';

export type TimelineLook = { kind: 'color'; rgb: Rgb; fadeMs: number } | { kind: 'effect'; effect: EffectLike };

export interface TimelineEntry {
  atMs: number;
  look: TimelineLook;
  /** Names the cue or parade step in findings (empty: never blamed, e.g. an assumed background). */
  label: string;
}

export interface TimelineWorst {
  flashesPerSecond: number;
  /** Start of the worst 1-second window. */
  atMs: number;
  /** The latest look that contributes to the worst window (the one that tips it). */
  label: string;
}

export const FLASH_WINDOW_MS = 1000;

interface Change {
  from: number;
  to: number;
  label: string;
}
interface Segment {
  from: number;
  to: number;
  perMs: number;
  label: string;
}

function collect(entries: TimelineEntry[], endMs: number): { changes: Change[][]; segments: Segment[][] } {
  const sorted = [...entries].sort((a, b) => a.atMs - b.atMs);
  const changes: Change[][] = [];
  const segments: Segment[][] = [];
  for (const metric of FLASH_METRICS) {
    // Bands start dark, so the first look is judged against black.
    const counter = new ChangeCounter(metricStep(metric));
    counter.push(0);
    const ch: Change[] = [];
    const seg: Segment[] = [];
    sorted.forEach((e, i) => {
      const until = sorted[i + 1]?.atMs ?? endMs;
      if (e.look.kind === 'color') {
        if (counter.push(flashLevel(metric, e.look.rgb)) !== 0) {
          ch.push({ from: e.atMs, to: e.atMs + Math.max(0, e.look.fadeMs), label: e.label });
        }
      } else {
        const [lo, hi] = effectLevelRange(e.look.effect, metric);
        if (counter.pushRange(lo, hi) !== 0) ch.push({ from: e.atMs, to: e.atMs, label: e.label });
        const perMs = effectChangesPerMs(e.look.effect, metric);
        if (perMs > 0 && until > e.atMs) seg.push({ from: e.atMs, to: until, perMs, label: e.label });
      }
    });
    changes.push(ch);
    segments.push(seg);
  }
  return { changes, segments };
}

/**
 * The worst window over the entries. `endMs` ends the last look (default: it
 * runs one window past its start, enough to see its own rate).
 */
export function worstFlashWindow(entries: TimelineEntry[], endMs?: number): TimelineWorst {
  const W = FLASH_WINDOW_MS;
  const lastAt = entries.reduce((m, e) => Math.max(m, e.atMs), -Infinity);
  const end = endMs ?? lastAt + W;
  const { changes, segments } = collect(entries, end);
  let worst: TimelineWorst = { flashesPerSecond: 0, atMs: entries[0]?.atMs ?? 0, label: entries[0]?.label ?? '' };
  const eps = 1e-6;

  changes.forEach((ch, m) => {
    const seg = segments[m];
    const counter = new WindowCounter(ch, seg);
    const candidates: number[] = [];
    for (const c of ch) candidates.push(c.to, c.from - W + eps);
    for (const s of seg) candidates.push(s.from, s.to - W, s.from - W, s.to);
    for (const a of candidates) {
      const flashes = counter.count(a, W) / 2;
      if (flashes <= worst.flashesPerSecond + 1e-9) continue;
      const blame = counter.blame(a, W);
      if (blame) worst = { flashesPerSecond: flashes, atMs: a, label: blame.label };
    }
  });
  return worst;
}

/** Index of the first element of the ascending `xs` that is >= `v` (or > `v` when `strict`). */
function lowerBound(xs: readonly number[], v: number, strict = false): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? xs[mid] <= v : xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One metric's changes and effect segments, indexed so a window is counted in
 * O(log n): a show of thousands of cues is judged in linear-log time, not
 * windows × changes.
 */
class WindowCounter {
  private readonly froms: number[];
  private readonly tos: number[];
  private readonly segFroms: number[];
  private readonly segTos: number[];
  /** Changes an effect segment has made by its end, summed over the segments before it. */
  private readonly segPrefix: number[];

  constructor(
    private readonly changes: Change[],
    private readonly segments: Segment[],
  ) {
    // Entries come in time order, so changes are sorted by `from` and segments, which never overlap, by both ends.
    this.froms = changes.map((c) => c.from);
    this.tos = changes.map((c) => c.to).sort((a, b) => a - b);
    this.segFroms = segments.map((s) => s.from);
    this.segTos = segments.map((s) => s.to);
    this.segPrefix = [0];
    for (const s of segments) this.segPrefix.push(this.segPrefix[this.segPrefix.length - 1] + s.perMs * (s.to - s.from));
  }

  /** Changes counted in [a, a + W): those that start before its end and are not over before it starts. */
  count(a: number, W: number): number {
    const changes = lowerBound(this.froms, a + W) - lowerBound(this.tos, a);
    return changes + this.effectChangesUntil(a + W) - this.effectChangesUntil(a);
  }

  /** The latest-starting labelled change or segment in the window (a segment wins a tie, as it is looked at last). */
  blame(a: number, W: number): { at: number; label: string } | undefined {
    let blame: { at: number; label: string } | undefined;
    for (let i = lowerBound(this.froms, a + W) - 1; i >= 0; i--) {
      const c = this.changes[i];
      if (c.to >= a && c.label) {
        blame = { at: c.from, label: c.label };
        break;
      }
    }
    for (let i = lowerBound(this.segFroms, a + W) - 1; i >= 0; i--) {
      const s = this.segments[i];
      if (s.to <= a) break;
      if (Math.min(s.to, a + W) - Math.max(s.from, a) > 0 && s.label) {
        if (!blame || s.from >= blame.at) blame = { at: s.from, label: s.label };
        break;
      }
    }
    return blame;
  }

  /** Effect changes made from the start up to time t. */
  private effectChangesUntil(t: number): number {
    const i = lowerBound(this.segTos, t, true);
    let n = this.segPrefix[i];
    const s = this.segments[i];
    if (s && t > s.from) n += s.perMs * (t - s.from);
    return n;
  }
}
