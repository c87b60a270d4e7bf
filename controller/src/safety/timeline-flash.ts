/**
 * Flashes on one output (a zone, or the seats a parade step covers) across a
 * sequence of looks: cue chains joined by follows, parade steps. Every look
 * change that is a change in a flash metric counts, over the whole time its
 * fade lasts (a change counts in every 1-second window its fade overlaps);
 * an effect adds its own changes in proportion to the time it runs. The worst
 * 1-second window, halved (a flash is a pair of changes), is the flash rate.
 */
import type { Rgb } from '@crowdcue/protocol';
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
    const candidates: number[] = [];
    for (const c of ch) candidates.push(c.to, c.from - W + eps);
    for (const s of seg) candidates.push(s.from, s.to - W, s.from - W, s.to);
    for (const a of candidates) {
      let count = 0;
      let blame: { at: number; label: string } | undefined;
      for (const c of ch) {
        if (c.from < a + W && c.to >= a) {
          count++;
          if (c.label && (!blame || c.from >= blame.at)) blame = { at: c.from, label: c.label };
        }
      }
      for (const s of seg) {
        const overlap = Math.min(s.to, a + W) - Math.max(s.from, a);
        if (overlap > 0) {
          count += s.perMs * overlap;
          if (s.label && (!blame || s.from >= blame.at)) blame = { at: s.from, label: s.label };
        }
      }
      const flashes = count / 2;
      if (blame && flashes > worst.flashesPerSecond + 1e-9) worst = { flashesPerSecond: flashes, atMs: a, label: blame.label };
    }
  });
  return worst;
}
