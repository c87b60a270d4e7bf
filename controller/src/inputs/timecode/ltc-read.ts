/**
 * Reads every LTC frame in a recording: tries each channel (LTC is often on
 * one side of a stereo file) and keeps the one that carries frames.
 */
import { LtcDecoder, type LtcFrameRead } from './ltc-decoder';
import { findFrameRate, type FoundRate } from './ltc-rate';
import type { WavAudio } from './wav';

export interface LtcRead {
  frames: LtcFrameRead[];
  channel: number;
  found: FoundRate;
}

export function readLtc(audio: WavAudio): LtcRead | undefined {
  let best: { frames: LtcFrameRead[]; channel: number } | undefined;
  for (let channel = 0; channel < audio.channels; channel++) {
    const frames = new LtcDecoder({ sampleRate: audio.sampleRate }).push(audio.samples, audio.channels, channel);
    if (!best || frames.length > best.frames.length) best = { frames, channel };
  }
  // One frame can be luck in noise; two in a row cannot.
  if (!best || best.frames.length < 2) return undefined;
  const found = findFrameRate(best.frames, audio.sampleRate);
  return found ? { ...best, found } : undefined;
}
