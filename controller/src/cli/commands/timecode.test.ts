import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTimecode, type FrameRate } from '@crowdcue/protocol';
import { generateLtc, type LtcGenerateOptions } from '../../inputs/timecode/ltc-generator';
import { writeWav } from '../../inputs/timecode/wav';
import { main } from '../main';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-timecode-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function decodeFile(name: string, bytes: Uint8Array) {
  const file = join(dir, name);
  await writeFile(file, bytes);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['timecode', file], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

async function decodeLtc(opts: LtcGenerateOptions) {
  const g = generateLtc(opts);
  const r = await decodeFile(`ltc-${Math.random().toString(36).slice(2)}.wav`, writeWav({ sampleRate: g.sampleRate, channels: g.channels, samples: g.samples }));
  return { ...r, g };
}

describe('crowdcue timecode FILE.wav', () => {
  const cases: Array<[FrameRate, string, string]> = [
    [24, '00:59:59:20', '24 fps'],
    [25, '01:00:00:00', '25 fps'],
    [29.97, '00:00:59;28', '29.97 fps drop-frame'],
    [30, '23:59:59:25', '30 fps'],
  ];
  for (const [rate, start, said] of cases) {
    it(`prints every frame and its first sample, then "${said}"`, async () => {
      const { code, out, err, g } = await decodeLtc({ rate, start, frames: 35, levelDbfs: -14, noiseDbfs: -50 });
      expect(err).toEqual([]);
      expect(code).toBe(0);
      const expected = g.timecodes.map((tc, i) => `${formatTimecode(tc!)} ${Math.round(g.frameStarts[i]!)}`);
      expect(out.slice(0, -1).map((l) => l.split(' ')[0])).toEqual(expected.map((l) => l.split(' ')[0]));
      out.slice(0, -1).forEach((l, i) => expect(Math.abs(Number(l.split(' ')[1]) - g.frameStarts[i]!)).toBeLessThanOrEqual(1));
      expect(out.at(-1)).toBe(`frame rate: ${said} (35 frames, 48000 Hz)`);
    });
  }

  it('drop-frame lines use a semicolon, and skip frames 00 and 01 at a new minute', async () => {
    const { out } = await decodeLtc({ rate: 29.97, start: '00:00:59;28', frames: 4 });
    expect(out.slice(0, 4).map((l) => l.split(' ')[0])).toEqual(['00:00:59;28', '00:00:59;29', '00:01:00;02', '00:01:00;03']);
  });

  it('reads either polarity, at 44.1 kHz, from -20 to 0 dBFS, on the second channel of a stereo file', async () => {
    for (const [polarity, levelDbfs] of [[1, -20], [-1, 0], [-1, -20], [1, 0]] as const) {
      const { code, out } = await decodeLtc({ rate: 25, sampleRate: 44100, polarity, levelDbfs, noiseDbfs: levelDbfs - 30, channels: 2, ltcChannel: 1, frames: 30 });
      expect(code).toBe(0);
      expect(out).toHaveLength(31);
      expect(out.at(-1)).toBe('frame rate: 25 fps (30 frames, 44100 Hz, channel 2 of 2)');
    }
  });

  it('says plainly when a recording has no LTC, or is not a WAV file it can read', async () => {
    const noise = generateLtc({ rate: 25, timecodes: new Array(50).fill(null), noiseDbfs: -12 });
    const r = await decodeFile('noise.wav', writeWav({ sampleRate: 48000, channels: 1, samples: noise.samples }));
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toMatch(/noise\.wav: no LTC found in 2\.0\d s of audio \(1 channel, 48000 Hz\)/);
    const text = await decodeFile('notes.wav', new TextEncoder().encode('hello'));
    expect(text.code).toBe(1);
    expect(text.err[0]).toContain('not a WAV file');
    const eight = writeWav({ sampleRate: 48000, channels: 1, samples: new Int16Array(10) });
    new DataView(eight.buffer).setUint16(34, 8, true);
    expect((await decodeFile('8bit.wav', eight)).err[0]).toContain('only 16-bit PCM is read (this file: format 1, 8-bit)');
    const none = await main(['timecode'], { out: () => undefined, err: () => undefined });
    expect(none).toBe(2);
  });
});
