/**
 * Generates LTC audio the way a timecode generator writes it: biphase-mark
 * bits (a transition at every bit boundary, another mid-bit for a 1) with the
 * SMPTE rise time, at a chosen level, polarity, sample rate and channel count,
 * with optional white noise. Tests, benchmarks and the field tool's tests use
 * it in place of recorded files; `timecodes` (with `null` for silent frames)
 * lets a test write dropouts, jumps and restarts.
 */
import { frameToTimecode, parseTimecode, realFps, timecodeToFrame, type FrameRate, type Timecode } from '@crowdcue/protocol';
import { mulberry32, type Random } from '@crowdcue/simulator';
import { encodeLtcBits, LTC_FRAME_BITS } from './ltc-frame';

export interface LtcGenerateOptions {
  rate: FrameRate;
  /** Default: true at 29.97. */
  dropFrame?: boolean;
  sampleRate?: number;
  /** First frame; default 01:00:00:00. */
  start?: string;
  /** How many frames from `start` (ignored when `timecodes` is given). */
  frames?: number;
  /** Every frame in order; null writes a frame's length of silence (plus noise). */
  timecodes?: ReadonlyArray<Timecode | null>;
  /** Peak level, dBFS (default -10). */
  levelDbfs?: number;
  /** 1 or -1: which way the first transition goes. */
  polarity?: 1 | -1;
  /** White noise RMS level, dBFS; absent = none. */
  noiseDbfs?: number;
  channels?: 1 | 2;
  /** Channel carrying LTC in a stereo file (default 0); the other carries quieter noise. */
  ltcChannel?: 0 | 1;
  /** Silence (plus noise) before the first frame, ms. */
  leadInMs?: number;
  /** 10-90 % rise time of each transition, µs (SMPTE: 40 ± 10; default 25). */
  riseTimeUs?: number;
  seed?: number;
}

export interface GeneratedLtc {
  /** Interleaved 16-bit samples. */
  samples: Int16Array;
  sampleRate: number;
  channels: 1 | 2;
  /** Sample (per channel) where each frame starts, in order; null for silent frames. */
  frameStarts: Array<number | null>;
  timecodes: Array<Timecode | null>;
}

/** Gaussian noise (Box-Muller) from a seeded generator, so noisy audio is the same on every run. */
function gaussian(rand: Random): () => number {
  return () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

/** Timecodes of `count` consecutive frames from `start`. */
export function consecutiveTimecodes(rate: FrameRate, start: string, count: number, dropFrame = rate === 29.97): Timecode[] {
  const first = parseTimecode(start, rate);
  if (!first.ok) throw new Error(first.error);
  const n0 = timecodeToFrame({ ...first.value, dropFrame }, rate);
  return Array.from({ length: count }, (_, i) => frameToTimecode(n0 + i, rate, dropFrame));
}

export function generateLtc(options: LtcGenerateOptions): GeneratedLtc {
  const rate = options.rate;
  const sampleRate = options.sampleRate ?? 48000;
  const channels = options.channels ?? 1;
  const dropFrame = options.dropFrame ?? rate === 29.97;
  const timecodes = options.timecodes ? [...options.timecodes] : consecutiveTimecodes(rate, options.start ?? '01:00:00:00', options.frames ?? 50, dropFrame);
  const frameLen = sampleRate / realFps(rate);
  const bitLen = frameLen / LTC_FRAME_BITS;
  const lead = Math.round(((options.leadInMs ?? 0) * sampleRate) / 1000);
  const total = Math.ceil(lead + timecodes.length * frameLen) + Math.ceil(bitLen * 2);

  // Transitions (fractional sample positions) and where the signal is live.
  const level = new Float64Array(total);
  const live = new Uint8Array(total);
  const frameStarts: Array<number | null> = [];
  let sign = options.polarity ?? 1;
  for (const [i, tc] of timecodes.entries()) {
    const t0 = lead + i * frameLen;
    if (tc === null) {
      frameStarts.push(null);
      continue;
    }
    frameStarts.push(t0);
    const bits = encodeLtcBits({ timecode: tc, colourFrame: false, userBits: [] }, rate);
    for (let b = 0; b < LTC_FRAME_BITS; b++) {
      const bitStart = t0 + b * bitLen;
      const halves = bits[b] === 1 ? [bitStart, bitStart + bitLen / 2] : [bitStart];
      halves.forEach((from, h) => {
        sign = -sign as 1 | -1;
        const until = h + 1 < halves.length ? halves[h + 1] : bitStart + bitLen;
        for (let n = Math.ceil(from - 0.5); n < Math.ceil(until - 0.5) && n < total; n++) {
          if (n < 0) continue;
          level[n] = sign;
          live[n] = 1;
        }
      });
    }
  }

  // Rise time: a one-pole low-pass (10-90 % = 2.2 time constants).
  const tau = ((options.riseTimeUs ?? 25) / 1e6 / 2.2) * sampleRate;
  const alpha = 1 - Math.exp(-1 / Math.max(tau, 1e-6));
  const amp = 10 ** ((options.levelDbfs ?? -10) / 20) * 32767;
  const noise = gaussian(mulberry32(options.seed ?? 1));
  const noiseAmp = options.noiseDbfs === undefined ? 0 : 10 ** (options.noiseDbfs / 20) * 32767;
  const ltcChannel = options.ltcChannel ?? 0;
  const samples = new Int16Array(total * channels);
  let y = 0;
  for (let n = 0; n < total; n++) {
    const target = live[n] ? level[n] : 0;
    y += alpha * (target - y);
    for (let c = 0; c < channels; c++) {
      const v = c === ltcChannel ? y * amp + noiseAmp * noise() : noiseAmp * 0.5 * noise();
      samples[n * channels + c] = Math.max(-32768, Math.min(32767, Math.round(v)));
    }
  }
  return { samples, sampleRate, channels, frameStarts, timecodes };
}
