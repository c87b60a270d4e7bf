/**
 * The chase's target on a running show session: fire and re-locate through
 * the playback API (GO, GO TO, the session's own pick-up-where-it-was), so a
 * chased cue plays exactly as a GOne one, through the zone mixer and the planner.
 *
 * A playback's show position is kept equal to timecode (ms since
 * 00:00:00:00): each chased cue fires at its frame's position, so the
 * offset the console shows is the real drift between the show and timecode.
 */
import type { ShowSession, SessionSnapshot } from '../../live/show-session';
import type { ChasePlayback, ChaseTarget } from './chase-target';

export function sessionChasePlaybacks(session: ShowSession, cueLists?: readonly string[]): ChasePlayback[] {
  const out: ChasePlayback[] = [];
  for (const p of session.playbacks.values()) {
    const cues = p.list.cues.filter((c) => c.timecode !== undefined).map((c) => ({ id: c.id, timecode: c.timecode as string }));
    if (cueLists ? cueLists.includes(p.id) : cues.length > 0) out.push({ id: p.id, cues });
  }
  return out;
}

export function sessionChaseTarget(session: ShowSession, warn: (message: string) => void): ChaseTarget {
  const playback = (id: string) => {
    const found = session.playback(id);
    if (!found.ok) throw new Error(found.error);
    return found.playback;
  };
  /** The next start, or the running clock, stands at `positionMs`: the engine fires there. */
  const standAt = (id: string, positionMs: number) => {
    const p = playback(id);
    if (p.clock.state === 'stopped') p.clock.startNextAt(positionMs);
    else p.clock.seek(positionMs);
  };
  return {
    fire(id, cueId, cueTcMs) {
      const p = playback(id);
      standAt(id, cueTcMs);
      // GO keeps the list's running parades; when GO is not the way (the cue is not next, or the
      // GO lock-out swallows it: cues a few frames apart) GO TO fires it regardless.
      let r = p.engine.state.nextCue?.id === cueId ? session.go(id) : undefined;
      if (!r || (r.ok && r.warning !== undefined)) r = session.goto(cueId, id);
      if (!r.ok) warn(`timecode chase: ${r.error}`);
    },
    locate(id, cueId, cueTcMs, nowTcMs) {
      const p = playback(id);
      standAt(id, cueTcMs);
      const first = [...session.playbacks.values()][0];
      const snap = session.snapshot();
      const mine = { status: 'running' as const, positionMs: nowTcMs, current: { cueId, goPositionMs: cueTcMs } };
      const level = session.mixer.playback(id)?.level ?? 255;
      const restore: SessionSnapshot =
        p === first
          ? { ...mine, master: snap.master, blackout: false, busks: [], playbacks: [{ cueList: id, ...mine, level }] }
          : { status: 'stopped', positionMs: 0, current: null, master: snap.master, blackout: false, busks: [], playbacks: [{ cueList: id, ...mine, level }] };
      session.restore(restore);
    },
    release(id) {
      session.stopShow(id);
    },
    hold(id) {
      if (playback(id).clock.state === 'running') session.pause(id);
    },
    position(id) {
      const p = playback(id);
      return p.clock.state === 'stopped' ? undefined : p.clock.position();
    },
    warn,
  };
}
