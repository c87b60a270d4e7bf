/**
 * A show clock that can be told where the next start begins. The cue engine
 * starts its clock at 0 on the first GO; to pick a show up again after a
 * restart the session makes that first start land at the show time the
 * current cue was fired, and the engine replays the rest (follows, parades)
 * in show time from there.
 */
import { ShowClock, type ShowClockOptions } from '../engine/show-clock';

export class RestorableClock extends ShowClock {
  private nextStartMs: number | undefined;

  constructor(options: ShowClockOptions = {}) {
    super(options);
  }

  /** The next `start()` begins at `positionMs` instead of where it asks. */
  startNextAt(positionMs: number): void {
    this.nextStartMs = positionMs;
  }

  override start(fromMs = 0): void {
    const at = this.nextStartMs ?? fromMs;
    this.nextStartMs = undefined;
    super.start(at);
  }
}
