/**
 * The one shape every timecode input has (LTC from a file or an audio
 * input, MTC, Art-Net): a stream of frames, each stamped with the controller
 * time (monotonic ms, the scheduler's now()) at which that frame started. The
 * chase reads nothing else, so every source chases alike.
 */
import type { Observable } from 'rxjs';
import type { FrameRate, Timecode } from '@crowdcue/protocol';

export interface TimecodeFrame {
  timecode: Timecode;
  /** The rate the source says or the audio shows; undefined while not yet known. */
  rate: FrameRate | undefined;
  /** Controller monotonic ms at which this frame started (its boundary), as near as the source can tell; never later than true. */
  atMs: number;
}

export interface TimecodeSourceEvent {
  level: 'info' | 'warn' | 'error';
  message: string;
  /** The source has nothing more to give (the end of a file). */
  ended?: true;
}

export interface TimecodeSource {
  /** What it is, as configured: `ltc:song.wav`, `alsa:hw:1,0`, `mtc:1`, `artnet:6454`. */
  readonly name: string;
  readonly frames$: Observable<TimecodeFrame>;
  /** What an operator should hear about: device gone, packets refused. */
  readonly events$: Observable<TimecodeSourceEvent>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Time source every input reads: the scheduler's clock. */
export interface MonotonicClock {
  now(): number;
}
