/** The live state's view of the timecode input, as the console shows it. */
import type { FrameRate } from './timecode';

export type TimecodeLock = 'locked' | 'freewheeling' | 'lost';

export interface TimecodeStatusInfo {
  /** The source as configured: `ltc:song.wav`, `alsa:hw:1,0`, `mtc:1`, `artnet:6454`. */
  source: string;
  /** Incoming timecode (extrapolated while freewheeling), `HH:MM:SS:FF` / `;FF`; null before any. */
  timecode: string | null;
  rate: FrameRate | null;
  lock: TimecodeLock;
  /** The chasing show's position minus timecode, ms (positive: the show is ahead); null when not chasing. */
  offsetMs: number | null;
  /** Cue lists that chase. */
  cueLists: string[];
  /** Frames received, and jumps re-located, since the show went live. */
  frames: number;
  relocations: number;
}
