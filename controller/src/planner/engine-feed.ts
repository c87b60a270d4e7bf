/**
 * Connects the cue engine's streams to the planner:
 * - looks$: each frame's changed zones become planner looks, grouped by the
 *   cue (or busk) that set them and when they start; blackout looks are left
 *   to blackout$ (MASTER 0 keeps every band's look underneath, so lights come
 *   back exactly where they were), and a zone restated with the course it
 *   already has (after blackout or a resume) is not sent again;
 * - master$ and blackout$: MASTER packets at PRIORITY;
 * - parade-start events: the compiled parade, placed at its start.
 */
import { Subscription } from 'rxjs';
import type { Show } from '@crowdcue/protocol';
import type { CueEngine } from '../engine/cue-engine';
import type { ZoneLookState } from '../engine/engine-types';
import type { CompiledParade } from '../parade/compile-parade';
import { planLookFromShow, planLookKey, type PlanLook } from './plan-look';
import type { Planner, ZoneLook } from './planner';

export interface EngineFeedOptions {
  engine: CueEngine;
  planner: Planner;
  show: Show;
  /** Compiled parades by id (see compileShowParades). */
  parades: ReadonlyMap<string, CompiledParade>;
  /** A parade the show names but that did not compile (reported, not played). */
  onMissingParade?: (paradeId: string) => void;
}

/** What a zone state asks of the bands: the look, landing at its start. */
export function planLookOfState(s: ZoneLookState): PlanLook {
  return planLookFromShow(s.look, s.fadeMs, s.startMs);
}

/** Same colour heading for the same end, or the same effect (its phase is kept). */
function sameCourse(prev: { fromMs: number; look: PlanLook } | undefined, next: PlanLook, startMs: number): boolean {
  if (!prev) return false;
  if (prev.look.kind === 'effect' && next.kind === 'effect') {
    const { startMs: _a, ...a } = prev.look;
    const { startMs: _b, ...b } = next;
    return planLookKey({ ...a, startMs: 0 }) === planLookKey({ ...b, startMs: 0 });
  }
  if (prev.look.kind === 'color' && next.kind === 'color') {
    if (!prev.look.rgb.every((c, i) => c === next.rgb[i])) return false;
    const prevEnd = prev.fromMs + prev.look.fadeMs;
    const nextEnd = startMs + next.fadeMs;
    // the same fade restated, or a colour already reached restated as still
    return Math.abs(prevEnd - nextEnd) < 2 || (prevEnd <= startMs && next.fadeMs === 0);
  }
  return false;
}

export function connectEngine(opts: EngineFeedOptions): Subscription {
  const { engine, planner, show, parades } = opts;
  const cueLabel = new Map<string, string>();
  for (const list of show.cueLists) for (const cue of list.cues) cueLabel.set(cue.id, `${cue.number} ${cue.label || cue.id}`.trim());
  const subs = new Subscription();

  subs.add(
    engine.looks$.subscribe((frame) => {
      const groups = new Map<string, { changes: ZoneLook[]; atMs: number; cue?: string; purpose: 'cue' | 'busk' }>();
      for (const zone of frame.changed) {
        const s = frame.zones.find((z) => z.zone === zone);
        if (!s || s.source === 'blackout') continue;
        const look = planLookOfState(s);
        if (sameCourse(planner.baseEntry(zone, Infinity), look, s.startMs)) continue;
        const purpose = s.source === 'busk' ? 'busk' : 'cue';
        const cue = s.cueId !== null ? (cueLabel.get(s.cueId) ?? s.cueId) : purpose === 'busk' ? 'busk' : undefined;
        const key = `${purpose}/${s.cueId ?? ''}/${s.startMs}`;
        const g = groups.get(key) ?? { changes: [], atMs: s.startMs, cue, purpose };
        g.changes.push({ zone, look });
        groups.set(key, g);
      }
      for (const g of groups.values()) planner.setLooks(g.changes, { atMs: g.atMs, cue: g.cue, purpose: g.purpose });
    }),
  );
  subs.add(engine.master$.subscribe((level) => planner.setMaster(level)));
  subs.add(engine.blackout$.subscribe((on) => planner.setBlackout(on)));
  subs.add(
    engine.events$.subscribe((e) => {
      if (e.type !== 'parade-start') return;
      const parade = parades.get(e.paradeId);
      if (!parade) {
        opts.onMissingParade?.(e.paradeId);
        return;
      }
      planner.runParade(parade, e.startMs, { label: parade.name });
    }),
  );
  return subs;
}
