/**
 * The mixer's answer to the planner: the winning held looks of each frame
 * (timed to land when their source says), master, and blackout. The planner
 * takes nothing else about looks: it asks the mixer (`shows`) which parade or
 * brand layer wins a zone.
 */
import { skip, Subscription } from 'rxjs';
import type { Cue } from '@crowdcue/protocol';
import type { LooksFrame } from '../engine/engine-types';
import { lookBatches } from './zone-looks';
import type { Planner } from '../planner/planner';
import type { ZoneMixer } from './zone-mixer';

export interface FeedPlannerOptions {
  now: () => number;
  cueOf: (id: string) => Cue | undefined;
  /** While true, frames are not sent (a session catching up on a restore sends them all after). */
  hold?: () => boolean;
  /** Told after each frame, master or blackout change went to the planner. */
  changed?: () => void;
}

/** Puts a frame's changed zones (or every zone, `all`) to the planner. */
export function sendFrame(planner: Planner, frame: LooksFrame, now: number, cueOf: (id: string) => Cue | undefined, all = false): void {
  for (const b of lookBatches(frame, now, cueOf, all)) planner.setLooks(b.changes, { atMs: b.atMs, cue: b.label, purpose: b.purpose });
}

export function feedPlanner(mixer: ZoneMixer, planner: Planner, opts: FeedPlannerOptions): Subscription {
  const subs = new Subscription();
  const changed = opts.changed ?? (() => undefined);
  subs.add(
    mixer.looks$.subscribe((frame) => {
      if (opts.hold?.() || frame.changed.length === 0) return;
      sendFrame(planner, frame, opts.now(), opts.cueOf);
      changed();
    }),
  );
  subs.add(
    mixer.master$.pipe(skip(1)).subscribe((level) => {
      planner.setMaster(level);
      changed();
    }),
  );
  subs.add(
    mixer.blackout$.pipe(skip(1)).subscribe((on) => {
      planner.setBlackout(on);
      changed();
    }),
  );
  return subs;
}
