/**
 * The live state every console shows, read off a session: every playback
 * (position, current and next cue, progress, follow, level, priority), what
 * each zone shows and why (the zone mixer's answer, the same the planner puts
 * on air), master, blackout, the parades playing and who owns them.
 */
import type { CueRef, LiveState, PlaybackState, RunningParade, ZoneState } from '@crowdcue/protocol';
import type { CueInList, EngineState } from '../engine/engine-types';
import { DEFAULT_GO_LOCKOUT_MS, type Playback, type ShowSession } from './show-session';

export { stepLookAsLook } from './step-look-as-look';

export function idleState(now = Date.now()): LiveState {
  return {
    show: null,
    positionMs: 0,
    serverTime: now,
    running: false,
    paused: false,
    current: null,
    next: null,
    cueProgress: 0,
    zones: [],
    master: 255,
    blackout: false,
    parades: [],
    playbacks: [],
    goLockoutMs: 0,
  };
}

function cueRef(cueList: string, ref: CueInList | null): CueRef | null {
  if (!ref) return null;
  return { cueList, id: ref.id, number: ref.number, label: ref.label };
}

/** 0..1 through the current cue's delay + fade. */
function progressOf(s: EngineState, mono: number): number {
  if (s.phase === 'hang' || s.phase === 'complete') return 1;
  if (s.phase === 'fade' && s.fade) {
    if (s.status === 'running' && s.fade.endMs > s.fade.startMs) return Math.min(1, Math.max(0, (mono - s.fade.startMs) / (s.fade.endMs - s.fade.startMs)));
    return s.fade.progress;
  }
  return 0;
}

function playbackState(session: ShowSession, p: Playback, mono: number): PlaybackState {
  const s = p.engine.state;
  const mix = session.mixer.playback(p.id);
  return {
    cueList: p.id,
    name: p.list.name,
    running: s.status === 'running',
    paused: s.status === 'paused',
    positionMs: p.clock.position(),
    current: cueRef(p.id, s.currentCue),
    next: cueRef(p.id, s.nextCue),
    cueProgress: progressOf(s, mono),
    followInMs: s.followAtMs === null ? null : Math.max(0, s.followAtMs - mono),
    level: mix?.level ?? 255,
    priority: mix?.priority ?? 0,
  };
}

export function liveStateOf(session: ShowSession, wallNow = Date.now()): LiveState {
  const mono = session.scheduler.now();
  const playbacks = [...session.playbacks.values()].map((p) => playbackState(session, p, mono));
  const first = playbacks[0];
  const status = session.status();

  const zones: ZoneState[] = session.mixer.zonesAt(mono).map((z) => ({ zone: z.zone, look: z.look, source: z.source, why: z.why }));
  const parades: RunningParade[] = session.activeParades().map((r) => ({
    run: r.key,
    id: r.paradeId,
    name: session.show.parades.find((p) => p.id === r.paradeId)?.name ?? r.paradeId,
    cueList: r.playback,
    cue: r.cueId,
    startedAtMs: r.startPositionMs,
    zones: paradeZones(r.parade.steps, session.engine.zones),
  }));

  return {
    show: session.show.id,
    positionMs: session.clock.position(),
    serverTime: wallNow,
    running: status === 'running',
    paused: status === 'paused',
    current: first?.current ?? null,
    next: first?.next ?? null,
    cueProgress: first?.cueProgress ?? 0,
    zones,
    master: session.mixer.master,
    blackout: session.mixer.blackout,
    parades,
    playbacks,
    goLockoutMs: session.show.goLockoutMs ?? DEFAULT_GO_LOCKOUT_MS,
  };
}

function paradeZones(steps: ReadonlyArray<{ zones: readonly number[] | 'ALL' }>, venue: readonly number[]): number[] {
  const out = new Set<number>();
  for (const s of steps) for (const z of s.zones === 'ALL' ? venue : s.zones) out.add(z);
  return [...out].sort((a, b) => a - b);
}
