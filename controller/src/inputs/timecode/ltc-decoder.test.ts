import { describe, expect, it } from 'vitest';
import { formatTimecode, type FrameRate } from '@crowdcue/protocol';
import { LtcDecoder } from './ltc-decoder';
import { generateLtc } from './ltc-generator';
import { readLtc } from './ltc-read';
import { describeRate } from './ltc-rate';

const RATES: FrameRate[] = [24, 25, 29.97, 30];

describe('LTC decoder', () => {
  for (const rate of RATES) {
    for (const sampleRate of [44100, 48000]) {
      for (const polarity of [1, -1] as const) {
        for (const levelDbfs of [-20, 0]) {
          it(`reads ${rate} fps at ${sampleRate} Hz, polarity ${polarity}, ${levelDbfs} dBFS with noise`, () => {
            const start = rate === 29.97 ? '00:00:59;20' : '10:59:59:10';
            const g = generateLtc({ rate, sampleRate, polarity, levelDbfs, noiseDbfs: levelDbfs - 26, start, frames: 40, leadInMs: 30, seed: sampleRate + polarity });
            const read = readLtc({ sampleRate, channels: 1, samples: g.samples });
            expect(read).toBeDefined();
            if (!read) return;
            // Every frame, in order, each starting where it was written (within a sample).
            expect(read.frames.map((f) => formatTimecode(f.timecode))).toEqual(g.timecodes.map((t) => t && formatTimecode(t)));
            read.frames.forEach((f, i) => expect(Math.abs(f.startSample - (g.frameStarts[i] as number))).toBeLessThan(1.5));
            expect(read.found.rate).toBe(rate);
            expect(read.found.dropFrame).toBe(rate === 29.97);
          });
        }
      }
    }
  }

  it('reads LTC on the right channel of a stereo file and finds 29.97 non-drop by frame length', () => {
    const g = generateLtc({ rate: 29.97, dropFrame: false, channels: 2, ltcChannel: 1, frames: 90, noiseDbfs: -40, levelDbfs: -12 });
    const read = readLtc({ sampleRate: 48000, channels: 2, samples: g.samples });
    expect(read?.channel).toBe(1);
    expect(read?.frames).toHaveLength(90);
    expect(read && describeRate(read.found)).toBe('29.97 fps non-drop');
    expect(formatTimecode(read!.frames[0].timecode)).toBe('01:00:00:00');
  });

  it('decodes a stream pushed in small blocks exactly as in one piece', () => {
    const g = generateLtc({ rate: 25, frames: 30, noiseDbfs: -45 });
    const decoder = new LtcDecoder({ sampleRate: 48000 });
    const frames = [];
    for (let at = 0; at < g.samples.length; at += 333) frames.push(...decoder.push(g.samples.subarray(at, at + 333)));
    expect(frames.map((f) => formatTimecode(f.timecode))).toEqual(g.timecodes.map((t) => t && formatTimecode(t)));
  });

  it('finds nothing in noise or silence', () => {
    const noise = generateLtc({ rate: 25, timecodes: new Array(100).fill(null), noiseDbfs: -10 });
    expect(readLtc({ sampleRate: 48000, channels: 1, samples: noise.samples })).toBeUndefined();
    expect(readLtc({ sampleRate: 48000, channels: 1, samples: new Int16Array(48000) })).toBeUndefined();
  });

  it('picks up again after a dropout, at the frame after the gap', () => {
    const g = generateLtc({ rate: 30, frames: 10 });
    const gap = generateLtc({ rate: 30, timecodes: [...g.timecodes.slice(0, 5), null, null, null, ...g.timecodes.slice(5)] });
    const read = readLtc({ sampleRate: 48000, channels: 1, samples: gap.samples });
    expect(read?.frames.map((f) => f.timecode.frames)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
