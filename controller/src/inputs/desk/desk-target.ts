/** What the desk input drives: the live show's mixer and playbacks (a ShowSession, or a stand-in in tests). */
import type { Look } from '@crowdcue/protocol';
import type { CommandResult } from '../../engine/engine-types';
import type { ShowSession } from '../../live/show-session';

export interface DeskTarget {
  /** Venue zone ids: desk zones beyond them are ignored. */
  readonly zones: readonly number[];
  /** Cue list ids in show order: desk playback n is the n-th. */
  readonly cueLists: readonly string[];
  /** The desk's looks on zones (the mixer's 'desk' source). */
  setLooks(looks: ReadonlyArray<{ zone: number; look: Look }>): CommandResult;
  /** The desk lets go of zones: the sources below show. */
  release(zones: readonly number[] | 'all'): CommandResult;
  setBlackout(on: boolean): CommandResult;
  go(cueList: string): CommandResult;
  setLevel(cueList: string, level: number): CommandResult;
}

export function sessionDeskTarget(session: ShowSession): DeskTarget {
  return {
    zones: session.mixer.zones,
    cueLists: [...session.playbacks.keys()],
    setLooks: (looks) => session.mixer.setSource('desk', looks),
    release: (zones) => session.mixer.setSource('desk', null, zones),
    setBlackout: (on) => session.setBlackout(on),
    go: (cueList) => session.go(cueList),
    setLevel: (cueList, level) => session.setLevel(cueList, level),
  };
}
