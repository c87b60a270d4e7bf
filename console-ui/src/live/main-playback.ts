/**
 * Which playback the main GO/BACK, the cue list and Space drive: the one the
 * operator selected on the strip while it is still in the show, else the first.
 */
import type { PlaybackState } from '@crowdcue/protocol';

export function mainPlayback(playbacks: readonly PlaybackState[], selected: string | null): PlaybackState | null {
  return playbacks.find((p) => p.cueList === selected) ?? playbacks[0] ?? null;
}
