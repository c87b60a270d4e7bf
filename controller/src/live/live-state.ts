/**
 * The live state every console shows, read off a session: where the show is,
 * which cue is current and next, what each zone shows and why, master,
 * blackout, the parades playing. Zone looks say what is on air: a busk
 * (the planner keeps it over parades until released), else a parade's step
 * where one plays, else the cue look.
 */
import type { CueRef, LiveState, Look, ZoneState } from '@crowdcue/protocol';
import type { CueInList } from '../engine/engine-types';
import type { CompiledStep } from '@crowdcue/protocol';
import type { StepLook } from '@crowdcue/protocol';
import { dirToAngle } from '@crowdcue/protocol';
import type { ShowSession } from './show-session';

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

/** A parade step's look in show-file terms (what the console draws in its zone grid). */
export function stepLookAsLook(look: StepLook): Look {
  if (look.kind === 'color') return { kind: 'color', color: look.rgb, fade: look.fadeMs };
  return {
    kind: 'effect',
    shape: look.shape,
    colors: [look.c1, look.c2],
    period: Math.max(1, Math.min(0xffff, Math.round(look.periodMs))),
    axis: look.axis,
    direction: Math.round(dirToAngle(look.dir)) % 360,
    spread: look.spread,
  };
}

function cueRef(session: ShowSession, ref: CueInList | null): CueRef | null {
  if (!ref) return null;
  return { cueList: session.engine.cueList?.id ?? '', id: ref.id, number: ref.number, label: ref.label };
}

export function liveStateOf(session: ShowSession, wallNow = Date.now()): LiveState {
  const engine = session.engine;
  const s = engine.state;
  const mono = session.scheduler.now();
  const positionMs = session.clock.position();

  let cueProgress = 0;
  if (s.phase === 'hang' || s.phase === 'complete') cueProgress = 1;
  else if (s.phase === 'fade' && s.fade) {
    if (s.status === 'running' && s.fade.endMs > s.fade.startMs) cueProgress = Math.min(1, Math.max(0, (mono - s.fade.startMs) / (s.fade.endMs - s.fade.startMs)));
    else cueProgress = s.fade.progress;
  }

  // Parade steps in force now, latest-started first wins per zone.
  const parades = session.activeParades();
  const onParade = new Map<number, { step: CompiledStep; at: number }>();
  if (s.status === 'running') {
    for (const run of parades) {
      const t = positionMs - run.startPositionMs;
      for (const step of run.parade.steps) {
        if (step.atMs > t || step.endMs <= t || step.pixels) continue;
        const zones = step.zones === 'ALL' ? engine.zones : step.zones;
        for (const z of zones) {
          const prev = onParade.get(z);
          const at = run.startPositionMs + step.atMs;
          if (!prev || at >= prev.at) onParade.set(z, { step, at });
        }
      }
    }
  }

  const blackout = engine.blackout;
  const zones: ZoneState[] = engine.looks.zones.map((zs) => {
    if (blackout) return { zone: zs.zone, look: { kind: 'off' }, source: null };
    if (zs.source === 'busk') return { zone: zs.zone, look: zs.look, source: 'busk' };
    const p = onParade.get(zs.zone);
    if (p) return { zone: zs.zone, look: stepLookAsLook(p.step.look), source: 'parade' };
    return { zone: zs.zone, look: zs.look, source: zs.cueId === null && zs.look.kind === 'off' ? null : 'cue' };
  });

  const current = cueRef(session, s.currentCue);
  const next = cueRef(session, s.nextCue);
  const list = engine.cueList;
  return {
    show: session.show.id,
    positionMs,
    serverTime: wallNow,
    running: s.status === 'running',
    paused: s.status === 'paused',
    current,
    next,
    cueProgress,
    zones,
    master: engine.master,
    blackout,
    parades:
      s.status === 'stopped'
        ? []
        : parades.map((r, i) => ({
            run: `${r.paradeId}#${i}`,
            id: r.paradeId,
            name: session.show.parades.find((p) => p.id === r.paradeId)?.name ?? r.paradeId,
            cueList: null,
            cue: null,
            startedAtMs: r.startPositionMs,
            zones: [],
          })),
    playbacks: list
      ? [
          {
            cueList: list.id,
            name: list.name,
            running: s.status === 'running',
            paused: s.status === 'paused',
            positionMs,
            current,
            next,
            cueProgress,
            followInMs: null,
            level: 255,
            priority: 0,
          },
        ]
      : [],
    goLockoutMs: 0,
  };
}
