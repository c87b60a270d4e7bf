/**
 * What the cue engine publishes. Times named `...Ms` with `at`/`start`/`end`
 * are monotonic controller ms (the scheduler's now(), the time base of
 * PlannedPacket.atMs); `positionMs` is show time (see show-clock.ts).
 */
import type { Look, LookSource } from '@crowdcue/protocol';

export type EngineStatus = 'stopped' | 'running' | 'paused';

/** Which source a zone's look comes from, in the zone mixer's order (see mixer/mix-rank.ts). */
export type { LookSource };

/**
 * A zone's look as a fade: from `fromLook` at `startMs` to `look` at
 * `startMs + fadeMs` (colours linear per channel, as a band fades; an effect
 * starts at `startMs` with fadeMs 0). Master is not applied (see master$).
 */
export interface ZoneLookState {
  zone: number;
  /** Where the zone is heading (while paused mid-fade: the held colour). */
  look: Look;
  /** What the zone shows at startMs: the colour part-way through an earlier fade when a GO re-targets it. */
  fromLook: Look;
  startMs: number;
  fadeMs: number;
  source: LookSource;
  /** The cue that set it (source 'cue'); null for the dark start, busk and blackout. */
  cueId: string | null;
  /** The mixer's contribution it came from (`busk`, `pb:<list>`...); absent from an engine. */
  owner?: string;
}

export interface LooksFrame {
  /** When this frame was published. */
  atMs: number;
  /** Every venue zone, ascending by zone. */
  zones: ZoneLookState[];
  /**
   * Zones whose look or fade changed since the previous frame. A zone that was
   * already fading and is published again (resume, release, blackout off) comes
   * re-based: fromLook = what it shows now, startMs = now, fadeMs = what is left.
   */
  changed: number[];
}

export interface CueInList {
  id: string;
  number: number;
  label: string;
  /** Place in the cue list. */
  index: number;
}

/** Where the current cue is: waiting out its delay, fading, holding (hang), or complete. */
export type CuePhase = 'delay' | 'fade' | 'hang' | 'complete';

export interface EngineState {
  status: EngineStatus;
  atMs: number;
  /** Show time at atMs; read `engine.clock.position()` for a live figure. */
  positionMs: number;
  cueListId: string | null;
  currentCue: CueInList | null;
  /** What GO fires next; null at the end of the list. */
  nextCue: CueInList | null;
  phase: CuePhase | null;
  /**
   * The current cue's fade: monotonic start and end (where a running show
   * will get to them) and progress 0..1 at atMs. Paused, progress holds and
   * start/end are where they would be if the show resumed now.
   */
  fade: { startMs: number; endMs: number; progress: number } | null;
  /** When the next cue GOes by itself (follow); null when it will not. */
  followAtMs: number | null;
}

export type CueTrigger = 'go' | 'follow' | 'goto' | 'back';

export type EngineEvent =
  | { type: 'cue-fired'; atMs: number; cue: CueInList; trigger: CueTrigger }
  | { type: 'follow-fired'; atMs: number; from: CueInList; cue: CueInList }
  | { type: 'cue-complete'; atMs: number; cue: CueInList }
  /** A parade should start at startMs (a cue's parade after its delay, or a timeline entry). */
  | { type: 'parade-start'; atMs: number; paradeId: string; startMs: number; source: 'cue' | 'timeline'; cueId: string | null }
  | { type: 'status'; atMs: number; status: EngineStatus; positionMs: number }
  | { type: 'warning'; atMs: number; command: string; message: string };

export type CommandResult = { ok: true; warning?: string } | { ok: false; error: string };

/** Optional safety hook: slows or replaces a live look that would flash too fast. */
export type ClampLook = (look: Look) => { look: Look; warning?: string };
