/**
 * What the chase drives: playbacks whose cues carry timecode. The chase
 * decides when; a target (the show session, or a test double) does it.
 */
export interface ChaseCue {
  id: string;
  /** As written in the show: `HH:MM:SS:FF` / `HH:MM:SS;FF`. */
  timecode: string;
}

export interface ChasePlayback {
  id: string;
  /** Cues that carry a timecode, any order. */
  cues: readonly ChaseCue[];
}

export interface ChaseTarget {
  /** Fires `cueId` now, as if GOne at show position `cueTcMs` (its frame). */
  fire(playback: string, cueId: string, cueTcMs: number): void;
  /**
   * Re-locates: the playback stands as if `cueId` had fired at its frame
   * (`cueTcMs`) and run until `nowTcMs`: its looks as the cue leaves them, its
   * parade (if any) joined part-way with its band-side start where it belongs.
   */
  locate(playback: string, cueId: string, cueTcMs: number, nowTcMs: number): void;
  /** Timecode went back before the playback's first cue: it lets go (STOP). */
  release(playback: string): void;
  /** Timecode is lost past freewheel: the playback holds where it is (PAUSE). */
  hold(playback: string): void;
  /** The playback's show position now, ms (for the offset shown to the operator); undefined when stopped. */
  position(playback: string): number | undefined;
  warn(message: string): void;
}
