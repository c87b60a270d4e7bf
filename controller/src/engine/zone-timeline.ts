/**
 * One zone's cue looks over show time: a list of fades, each from the look the
 * zone showed when it began to the cue's look. Times are show-time ms, so a
 * paused show holds every fade where it is for free.
 *
 * A new fade that starts at S replaces every fade that would start at or after
 * S (the latest GO wins for what is still to come) and starts from whatever the
 * zone shows at S, part-way through a fade included: that is how a GO during a
 * fade re-targets from where the fade is.
 */
import type { Look } from '@crowdcue/protocol';
import { fadeProgress, lookPartWay, OFF_LOOK } from './look-colour';

export interface CueFade {
  /** Show-time ms the fade begins (GO + delay). */
  startPos: number;
  fadeMs: number;
  from: Look;
  to: Look;
  /** Cue that set it; null for the dark start and for stop. */
  cueId: string | null;
  /** Whether looks$ has published it yet. */
  published: boolean;
}

export class ZoneTimeline {
  private fades: CueFade[] = [];

  /** Adds a fade to `to` starting at `startPos`; returns it. */
  add(startPos: number, to: Look, fadeMs: number, cueId: string | null): CueFade {
    this.fades = this.fades.filter((f) => f.startPos < startPos);
    const fade: CueFade = { startPos, fadeMs: Math.max(0, fadeMs), from: this.lookAt(startPos), to, cueId, published: false };
    this.fades.push(fade);
    return fade;
  }

  /** The fade in force at `pos` (the latest that has begun). */
  activeAt(pos: number): CueFade | undefined {
    let found: CueFade | undefined;
    for (const f of this.fades) {
      if (f.startPos <= pos) found = f;
      else break;
    }
    return found;
  }

  /** What the zone shows at `pos` from the cue list alone. */
  lookAt(pos: number): Look {
    const f = this.activeAt(pos);
    return f === undefined ? OFF_LOOK : lookPartWay(f.from, f.to, fadeProgress(f.startPos, f.fadeMs, pos));
  }

  /** The look the zone is heading for at `pos` (the end of the fade in force). */
  targetAt(pos: number): Look {
    return this.activeAt(pos)?.to ?? OFF_LOOK;
  }

  /** Fades still to begin after `pos`. */
  upcoming(pos: number): CueFade[] {
    return this.fades.filter((f) => f.startPos > pos);
  }

  /** Forgets fades wholly replaced by a later one that has begun by `pos`. */
  prune(pos: number): void {
    const active = this.activeAt(pos);
    if (active !== undefined) this.fades = this.fades.filter((f) => f.startPos >= active.startPos);
  }

  all(): readonly CueFade[] {
    return this.fades;
  }

  clear(): void {
    this.fades = [];
  }
}
