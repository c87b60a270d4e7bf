/**
 * A show's timecode input, running: the source it names (or the command
 * line's `--timecode` override) feeding a chase of its cue lists on a show
 * session. `crowdcue play` and the live server both start it this way.
 */
import { parseTimecodeSource, type Show, type TimecodeInput } from '@crowdcue/protocol';
import type { ShowSession } from '../../live/show-session';
import { TimecodeChase, type ChaseStatus } from './chase';
import { openTimecodeSource } from './open-timecode-source';
import { sessionChasePlaybacks, sessionChaseTarget } from './session-target';
import type { TimecodeSource } from './timecode-source';

export const DEFAULT_FREEWHEEL_FRAMES = 30;

/** The show's timecode input with `--timecode` over its source; undefined when neither names one. Throws a clear error for a bad source. */
export function timecodeInputFor(show: Show, override?: string): TimecodeInput | undefined {
  const own = show.inputs?.timecode;
  if (override === undefined) return own;
  const r = parseTimecodeSource(override);
  if (!r.ok) throw new Error(`--timecode ${override}: ${r.error}`);
  return { ...(own ?? { freewheelFrames: DEFAULT_FREEWHEEL_FRAMES }), source: override };
}

export interface RunningTimecode {
  source: TimecodeSource;
  chase: TimecodeChase;
  /** Cue lists chasing. */
  cueLists: string[];
  status(): ChaseStatus;
  stop(): Promise<void>;
}

export async function startTimecodeInput(session: ShowSession, input: TimecodeInput, log: (level: 'info' | 'warn' | 'error', message: string) => void, source?: TimecodeSource): Promise<RunningTimecode> {
  const src = source ?? openTimecodeSource(input.source, session.scheduler, input.rate);
  const playbacks = sessionChasePlaybacks(session, input.cueLists);
  if (playbacks.length === 0) log('warn', `timecode ${src.name}: no cue list has a cue with a timecode; nothing chases`);
  const chase = new TimecodeChase({
    source: src,
    target: sessionChaseTarget(session, (m) => log('warn', m)),
    playbacks,
    scheduler: session.scheduler,
    rate: input.rate,
    freewheelFrames: input.freewheelFrames,
  });
  const events = src.events$.subscribe((e) => log(e.level, e.message));
  let lock = chase.status().lock;
  const lockSub = chase.status$.subscribe((s) => {
    if (s.lock !== lock && s.lock !== 'locked') log('warn', `timecode ${src.name}: ${s.lock === 'lost' ? 'lost; playbacks hold' : 'dropout; freewheeling'} at ${s.timecode ?? '-'}`);
    lock = s.lock;
  });
  chase.start();
  await src.start();
  return {
    source: src,
    chase,
    cueLists: playbacks.map((p) => p.id),
    status: () => chase.status(),
    stop: async () => {
      chase.stop();
      events.unsubscribe();
      lockSub.unsubscribe();
      await src.stop();
    },
  };
}
