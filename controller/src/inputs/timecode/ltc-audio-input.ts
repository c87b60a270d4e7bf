/**
 * LTC audio arriving in blocks (from a file played on the clock, or a
 * capture device) turned into timecode frames with their start time. The
 * time of sample 0 is the earliest the arrivals allow: a block cannot have
 * been captured after it arrived, so `t0 = min(arrival - samples so far / rate)`,
 * which converges on the true start from the late side.
 */
import { realFps, type FrameRate } from '@crowdcue/protocol';
import { LtcDecoder } from './ltc-decoder';
import type { TimecodeFrame } from './timecode-source';

export class LtcAudioInput {
  private readonly decoder: LtcDecoder;
  private samplesIn = 0;
  private t0 = Infinity;
  private topFrame = 0;

  constructor(
    private readonly sampleRate: number,
    private readonly channels: number,
    private readonly channel: number,
    /** The show's rate, when it names one. */
    private readonly rate?: FrameRate,
  ) {
    this.decoder = new LtcDecoder({ sampleRate });
  }

  /** Decodes one block; `arrivedMs` is when it arrived, or (a file on the clock) when its last sample plays. */
  push(samples: Int16Array, arrivedMs: number, exactStartMs?: number): TimecodeFrame[] {
    this.samplesIn += samples.length / this.channels;
    this.t0 = exactStartMs ?? Math.min(this.t0, arrivedMs - (this.samplesIn / this.sampleRate) * 1000);
    return this.decoder.push(samples, this.channels, this.channel).map((f) => {
      this.topFrame = Math.max(this.topFrame, f.timecode.frames);
      return { timecode: f.timecode, rate: this.rateOf(f.timecode.dropFrame, f.endSample - f.startSample), atMs: this.t0 + (f.startSample / this.sampleRate) * 1000 };
    });
  }

  private rateOf(dropFrame: boolean, frameSamples: number): FrameRate {
    if (this.rate !== undefined) return this.rate;
    if (dropFrame) return 29.97;
    if (this.topFrame >= 25) return 30;
    if (this.topFrame === 24) return 25;
    const fps = this.sampleRate / frameSamples;
    return ([24, 25, 30] as FrameRate[]).reduce((a, b) => (Math.abs(realFps(b) - fps) < Math.abs(realFps(a) - fps) ? b : a));
  }
}
