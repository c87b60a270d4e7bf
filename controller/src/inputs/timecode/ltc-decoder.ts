/**
 * Streaming LTC decoder. Audio in, frames out, each with the sample where it
 * starts. Only the times between transitions matter in biphase-mark code, so
 * either polarity reads the same; a hysteresis at a fraction of the tracked
 * peak level finds transitions from -20 dBFS to full scale through noise; the
 * bit period is tracked, so 24 to 30 fps (and varispeed) read alike. A frame
 * is its 80 bits ending in the sync word, with every BCD digit in range.
 */
import type { Timecode } from '@crowdcue/protocol';
import { decodeLtcBits, LTC_FRAME_BITS, LTC_SYNC_WORD } from './ltc-frame';

export interface LtcFrameRead {
  timecode: Timecode;
  colourFrame: boolean;
  userBits: number[];
  /** Sample (per channel, counted from the first sample pushed) where bit 0 starts: the frame boundary. */
  startSample: number;
  /** Sample where the frame's last bit ends (the next frame's boundary). */
  endSample: number;
}

export interface LtcDecoderOptions {
  sampleRate: number;
  /** Below this peak level (linear, full scale 1) nothing is read: silence or noise only. Default -32 dBFS. */
  minLevel?: number;
}

const SYNC = LTC_SYNC_WORD.join('');

export class LtcDecoder {
  private readonly sampleRate: number;
  private readonly minLevel: number;
  private readonly decay: number;
  private envelope = 0;
  /** Which side of the hysteresis the signal is on; undefined after silence (either way is the first transition). */
  private high: boolean | undefined;
  private prev = 0;
  private n = 0;
  private lastEdge: number | undefined;
  private halfStart: number | undefined;
  private bitPeriod: number | undefined;
  private bits: number[] = [];
  /** The frame was read at the middle of its last bit; the transition ending that bit belongs to no new bit. */
  private completing = false;
  private starts: number[] = [];

  constructor(options: LtcDecoderOptions) {
    this.sampleRate = options.sampleRate;
    this.minLevel = options.minLevel ?? 10 ** (-32 / 20);
    // Peak level decays by half in 20 ms: follows a fader, holds across a frame.
    this.decay = Math.exp(-Math.LN2 / (0.02 * this.sampleRate));
  }

  /** Feeds samples (16-bit, interleaved `channels`, LTC on `channel`); returns the frames completed by them. */
  push(samples: Int16Array, channels = 1, channel = 0): LtcFrameRead[] {
    const out: LtcFrameRead[] = [];
    for (let i = channel; i < samples.length; i += channels) {
      const x = samples[i] / 32768;
      const held = this.envelope * this.decay;
      // A signal starting out of quieter noise: its first swing is a transition, whichever side the noise left us on.
      if (Math.abs(x) > 2 * held && Math.abs(x) >= this.minLevel) this.reset();
      this.envelope = Math.max(Math.abs(x), held);
      const h = this.envelope * 0.3;
      const n = this.n++;
      if (this.envelope >= this.minLevel) {
        const rising = this.high !== true && x > h;
        const falling = this.high !== false && x < -h;
        if (rising || falling) {
          const level = rising ? h : -h;
          const at = n - 1 + (x === this.prev ? 1 : (level - this.prev) / (x - this.prev));
          this.high = rising;
          this.edge(Math.max(n - 1, Math.min(n, at)), out);
        }
      } else {
        this.reset();
      }
      this.prev = x;
    }
    return out;
  }

  private reset(): void {
    this.high = undefined;
    this.lastEdge = undefined;
    this.completing = false;
    this.halfStart = undefined;
    this.bitPeriod = undefined;
    this.bits = [];
    this.starts = [];
  }

  private edge(at: number, out: LtcFrameRead[]): void {
    const last = this.lastEdge;
    this.lastEdge = at;
    if (last === undefined) return;
    const d = at - last;
    // Longest bit: 24 fps slowed 10 %; a gap past two of those is a dropout.
    if (d > (this.sampleRate / 1920) * 1.1 * 2) {
      this.reset();
      this.lastEdge = at;
      return;
    }
    // Half bit or whole bit: 3/4 of the tracked period, or between the longest half and shortest whole bit.
    const threshold = this.bitPeriod !== undefined ? this.bitPeriod * 0.75 : this.sampleRate / 3000;
    if (d < threshold) {
      this.bitPeriod = this.bitPeriod === undefined ? undefined : this.bitPeriod * 0.9 + 2 * d * 0.1;
      if (this.halfStart === undefined) {
        this.halfStart = last;
        // Mid-bit of the sync word's last bit (a 1): the frame is whole now, half a bit sooner than waiting for its end.
        if (this.bits.length === LTC_FRAME_BITS - 1 && this.bits.slice(64).join('') === SYNC.slice(0, 15)) {
          this.completing = true;
          this.bit(1, last, last + 2 * d, out);
        }
      } else if (this.completing) {
        this.completing = false;
        this.halfStart = undefined;
      } else {
        const start = this.halfStart;
        this.halfStart = undefined;
        this.bit(1, start, at, out);
      }
    } else {
      this.bitPeriod = this.bitPeriod === undefined ? d : this.bitPeriod * 0.9 + d * 0.1;
      // A lone half bit before a whole one: we were out of step; the whole bit stands.
      this.halfStart = undefined;
      this.completing = false;
      this.bit(0, last, at, out);
    }
  }

  private bit(value: number, start: number, end: number, out: LtcFrameRead[]): void {
    this.bits.push(value);
    this.starts.push(start);
    if (this.bits.length > LTC_FRAME_BITS) {
      this.bits.shift();
      this.starts.shift();
    }
    if (this.bits.length < LTC_FRAME_BITS || this.bits.slice(64).join('') !== SYNC) {
      this.completing = false;
      return;
    }
    const fields = decodeLtcBits(this.bits);
    if (fields) out.push({ ...fields, startSample: this.starts[0], endSample: end });
    this.bits = [];
    this.starts = [];
  }
}
