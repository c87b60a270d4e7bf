/**
 * The live server's timecode input: started with each show that goes live
 * (its `inputs.timecode`, or `crowdcue start --timecode` over it), stopped
 * with it; its status goes into the live state (`inputs.timecode`), and
 * changes of it (a few a second, lock changes at once) ask for a state message.
 */
import { auditTime, merge, distinctUntilChanged, map, type Subscription } from 'rxjs';
import type { LiveState, TimecodeStatusInfo } from '@crowdcue/protocol';
import type { ShowSession } from '../../live/show-session';
import { startTimecodeInput, timecodeInputFor, type RunningTimecode } from './timecode-input';

export class LiveTimecode {
  private running: RunningTimecode | undefined;
  private sub: Subscription | undefined;

  constructor(
    /** `--timecode` from the command line, over every show's own source. */
    private readonly override: string | undefined,
    private readonly log: (level: 'info' | 'warn' | 'error', message: string) => void,
  ) {}

  /** Starts the show's timecode input, if it has one; a source that will not open is a warning, not a failed load. */
  async attach(session: ShowSession, changed: () => void): Promise<void> {
    await this.detach();
    let input;
    try {
      input = timecodeInputFor(session.show, this.override);
    } catch (err) {
      this.log('error', err instanceof Error ? err.message : String(err));
      return;
    }
    if (!input) return;
    try {
      const running = await startTimecodeInput(session, input, (level, message) => this.log(level, message));
      this.running = running;
      const status$ = running.chase.status$;
      this.sub = merge(
        status$.pipe(auditTime(250)),
        status$.pipe(
          map((s) => s.lock),
          distinctUntilChanged(),
        ),
      ).subscribe(() => changed());
    } catch (err) {
      this.log('error', `timecode ${input.source}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async detach(): Promise<void> {
    this.sub?.unsubscribe();
    this.sub = undefined;
    const r = this.running;
    this.running = undefined;
    await r?.stop();
  }

  /** The live state's `inputs` part; empty when no timecode input runs. */
  /** `state` with this input's status in `inputs.timecode`, when a source is running. */
  withInputs(state: LiveState): LiveState {
    const r = this.running;
    if (!r) return state;
    const timecode: TimecodeStatusInfo = { ...r.status(), cueLists: r.cueLists };
    return { ...state, inputs: { ...state.inputs, timecode } };
  }
}
