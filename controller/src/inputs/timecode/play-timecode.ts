/**
 * `crowdcue play --timecode SOURCE` (or a show with `inputs.timecode`): the
 * headless player's side of the chase. Chasing cue lists are not GOne at the
 * start (timecode fires them); the progress line carries the timecode and
 * its lock; the play ends once timecode is lost and the freewheel has run
 * out; the report says how the chase went. A show where no cue list chases
 * plays on its own timeline: timecode coming and going does not end it.
 */
import type { Show } from '@crowdcue/protocol';
import type { ShowSession } from '../../live/show-session';
import { startTimecodeInput, timecodeInputFor, type RunningTimecode } from './timecode-input';

export interface PlayTimecode {
  /** Cue lists timecode drives. */
  chasing: ReadonlySet<string>;
  progress(): string;
  /** Why the play ends, once timecode has come and gone. */
  ended(): string | undefined;
  report(): string;
  stop(): Promise<void>;
}

export async function playTimecode(
  session: ShowSession,
  show: Show,
  override: string | undefined,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): Promise<PlayTimecode | undefined> {
  const input = timecodeInputFor(show, override);
  if (!input) return undefined;
  const running: RunningTimecode = await startTimecodeInput(session, input, log);
  let sourceEnded = false;
  running.source.events$.subscribe((e) => (sourceEnded ||= e.ended === true));
  return {
    chasing: new Set(running.cueLists),
    progress() {
      const s = running.status();
      return `tc ${s.timecode ?? '--:--:--:--'} ${s.lock}`;
    },
    ended() {
      if (running.cueLists.length === 0) return undefined;
      const s = running.status();
      if (s.frames === 0 && sourceEnded) return `no timecode came from ${s.source}`;
      return s.frames > 0 && s.lock === 'lost' ? `timecode lost at ${s.timecode ?? '-'} after ${input.freewheelFrames} frames of freewheel: playbacks hold` : undefined;
    },
    report() {
      const s = running.status();
      return `timecode: ${s.source}, ${s.frames} frames${s.rate ? ` at ${s.rate} fps` : ''}, last ${s.timecode ?? 'none'}, ${s.lock}; re-locations ${s.relocations}; chasing ${running.cueLists.join(', ') || 'nothing'}`;
    },
    stop: () => running.stop(),
  };
}
