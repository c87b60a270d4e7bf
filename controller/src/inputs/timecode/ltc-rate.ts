/**
 * Which frame rate a run of decoded LTC frames is at: the drop-frame flag
 * says 29.97 DF; otherwise the highest frame number seen says 24, 25 or 30,
 * and the frames' length in samples tells 29.97 non-drop from 30.
 */
import { realFps, type FrameRate } from '@crowdcue/protocol';
import type { LtcFrameRead } from './ltc-decoder';

export interface FoundRate {
  rate: FrameRate;
  dropFrame: boolean;
  /** Frames per second measured from the audio. */
  measuredFps: number;
}

export function findFrameRate(frames: readonly LtcFrameRead[], sampleRate: number): FoundRate | undefined {
  if (frames.length === 0) return undefined;
  const lengths = frames.map((f) => f.endSample - f.startSample).sort((a, b) => a - b);
  const measuredFps = sampleRate / lengths[Math.floor(lengths.length / 2)];
  const dropFlags = frames.filter((f) => f.timecode.dropFrame).length;
  if (dropFlags * 2 > frames.length) return { rate: 29.97, dropFrame: true, measuredFps };
  const top = Math.max(...frames.map((f) => f.timecode.frames)) + 1;
  let rate: FrameRate;
  if (top > 25) rate = 30;
  else if (top > 24) rate = 25;
  else {
    // Too short a run to have seen the top frame number: nearest by length.
    const candidates: FrameRate[] = [24, 25, 30];
    rate = candidates.reduce((best, r) => (Math.abs(realFps(r) - measuredFps) < Math.abs(realFps(best) - measuredFps) ? r : best));
  }
  if (rate === 30 && Math.abs(measuredFps - realFps(29.97)) < Math.abs(measuredFps - 30)) rate = 29.97;
  return { rate, dropFrame: false, measuredFps };
}

export function describeRate(found: FoundRate): string {
  if (found.rate === 29.97) return found.dropFrame ? '29.97 fps drop-frame' : '29.97 fps non-drop';
  return `${found.rate} fps`;
}
