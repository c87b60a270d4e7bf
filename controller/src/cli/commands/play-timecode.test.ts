/**
 * A show chasing LTC from a WAV file through `crowdcue play`: the virtual
 * transmitter's own on-air record (host clock) against the LTC frames' times
 * in the audio (the file plays from the moment its source starts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeCcb, formatTimecode, type ShowInput } from '@crowdcue/protocol';
import { VirtualTransmitter, type OnAirTransmission } from '@crowdcue/simulator/node';
import { liveShowInput } from '../../live/live-fixtures.test-util';
import { generateLtc } from '../../inputs/timecode/ltc-generator';
import { LtcFileSource } from '../../inputs/timecode/ltc-file-source';
import { writeWav } from '../../inputs/timecode/wav';
import { run } from './play';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-play-tc-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** Every transmission of every virtual transmitter opened from now on. */
function recordAir(): OnAirTransmission[] {
  const aired: OnAirTransmission[] = [];
  const hooked = new WeakSet<VirtualTransmitter>();
  const original = VirtualTransmitter.prototype.onAir;
  vi.spyOn(VirtualTransmitter.prototype, 'onAir').mockImplementation(function (this: VirtualTransmitter, listener) {
    if (!hooked.has(this)) {
      hooked.add(this);
      original.call(this, (t) => aired.push(t));
    }
    return original.call(this, listener);
  });
  return aired;
}

describe('crowdcue play chasing LTC', () => {
  it('puts each timecoded cue on air at its frame, never before, and ends when timecode is lost', async () => {
    const ltc = generateLtc({ rate: 25, start: '01:00:00:00', frames: 45, levelDbfs: -12, noiseDbfs: -50, polarity: -1 });
    const wav = join(dir, 'song.wav');
    await writeFile(wav, writeWav({ sampleRate: ltc.sampleRate, channels: 1, samples: ltc.samples }));
    const cues: Array<{ id: string; tc: string; rgb: [number, number, number] }> = [
      { id: 'red', tc: '01:00:00:08', rgb: [255, 0, 0] },
      { id: 'green', tc: '01:00:00:20', rgb: [0, 255, 0] },
      { id: 'blue', tc: '01:00:01:07', rgb: [0, 0, 255] },
      // on a freewheel frame: the file ends after 01:00:01:19; five frames of freewheel carry it
      { id: 'white', tc: '01:00:01:22', rgb: [255, 255, 255] },
      // past the freewheel: never plays
      { id: 'never', tc: '01:00:02:05', rgb: [255, 0, 255] },
    ];
    const show: ShowInput = liveShowInput('tc-chase');
    show.cueLists = [
      { id: 'songs', name: 'Songs', cues: cues.map((c, i) => ({ id: c.id, number: i + 1, label: c.id, timecode: c.tc, looks: { all: { kind: 'color', color: c.rgb } } })) },
    ];
    show.inputs = { timecode: { source: `ltc:${wav}`, rate: 25, freewheelFrames: 5 } };
    const file = join(dir, 'show.json');
    await writeFile(file, JSON.stringify(show));

    const aired = recordAir();
    const started = vi.spyOn(LtcFileSource.prototype, 'start');
    const out: string[] = [];
    const err: string[] = [];
    expect(await run([file, '--quiet'], { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(0);
    const source = started.mock.contexts[0] as LtcFileSource;
    const t0 = source.startedAtMs as number;

    const text = out.join('\n');
    expect(text).toMatch(/timecode lost at 01:00:02:00 after 5 frames of freewheel: playbacks hold/);
    expect(text).toContain('cues fired: 4 of 5');
    expect(text).toMatch(/timecode: ltc:.*song\.wav, 45 frames at 25 fps, last 01:00:02:00, lost; re-locations 0; chasing songs/);

    // When a frame starts in the audio: frames past the file's end (freewheel) keep its spacing, 1920 samples at 25 fps.
    const frameAt = (tc: string) => {
      const i = ltc.timecodes.findIndex((t) => t && formatTimecode(t) === tc);
      const sample = i >= 0 ? (ltc.frameStarts[i] as number) : (ltc.frameStarts[0] as number) + (Number(tc.slice(6, 8)) * 25 + Number(tc.slice(9))) * 1920;
      return t0 + (sample / ltc.sampleRate) * 1000;
    };
    const firstOnAir = (rgb: [number, number, number]) =>
      aired.find((t) => {
        const d = decodeCcb(t.rf);
        return d.ok && d.value.cmd === 'COLOR' && d.value.rgb.join() === rgb.join();
      });
    for (const [i, c] of cues.entries()) {
      const tx = firstOnAir(c.rgb);
      if (c.id === 'never') {
        expect(tx, 'a cue past the freewheel never goes on air').toBeUndefined();
        continue;
      }
      expect(tx, `${c.id} on air`).toBeDefined();
      if (!tx) continue;
      // never early: on air no sooner than its frame starts in the audio; and before the next cue's frame
      expect(tx.startHostMs, `${c.id} at ${c.tc}`).toBeGreaterThanOrEqual(frameAt(c.tc));
      if (i + 1 < cues.length - 1) expect(tx.endHostMs).toBeLessThan(frameAt(cues[i + 1].tc));
    }
  });

  it('with no cue list chasing, timecode neither ends the play nor keeps it going', async () => {
    // Timecode for three seconds, then lost; the show's own list (red, green on a follow, blue waiting for GO) is done in well under a second.
    const ltc = generateLtc({ rate: 25, start: '01:00:00:00', frames: 75, levelDbfs: -12 });
    const wav = join(dir, 'long.wav');
    await writeFile(wav, writeWav({ sampleRate: ltc.sampleRate, channels: 1, samples: ltc.samples }));
    const show: ShowInput = liveShowInput('tc-nothing-chases');
    show.inputs = { timecode: { source: `ltc:${wav}`, rate: 25, freewheelFrames: 2 } };
    const file = join(dir, 'plain.json');
    await writeFile(file, JSON.stringify(show));
    const out: string[] = [];
    const err: string[] = [];
    expect(await run([file, '--quiet'], { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('waiting for a GO at');
    expect(text).not.toContain('timecode lost at');
    expect(text).toMatch(/chasing nothing/);
  });
});
