import { describe, expect, it } from 'vitest';
import { formatTimecode, frameToTimecode, parseTimecode, timecodeToFrame, type FrameRate, type Timecode } from '@crowdcue/protocol';
import { mtcFullFrame, mtcQuarterFrames, MtcParser } from './mtc-parser';
import { MtcSource, type MidiInputPort } from './mtc-source';

const tc = (s: string, rate: FrameRate): Timecode => (parseTimecode(s, rate) as { ok: true; value: Timecode }).value;

/** MTC as a sender writes it: quarter-frames four a frame, piece 0 at the start of every second frame. */
function mtcStream(start: Timecode, rate: FrameRate, frames: number): Array<{ bytes: number[]; atMs: number }> {
  const frameMs = 1000 / (rate === 29.97 ? 30000 / 1001 : rate);
  const out: Array<{ bytes: number[]; atMs: number }> = [];
  const n0 = timecodeToFrame(start, rate);
  for (let f = 0; f < frames; f += 2) {
    mtcQuarterFrames(frameToTimecode(n0 + f, rate, start.dropFrame), rate).forEach((bytes, piece) => out.push({ bytes, atMs: (f + piece / 4) * frameMs }));
  }
  return out;
}

describe('MTC', () => {
  for (const [rate, start] of [[24, '00:59:59:20'], [25, '01:00:00:00'], [29.97, '00:00:59;26'], [30, '10:20:30:28']] as Array<[FrameRate, string]>) {
    it(`assembles quarter-frames at ${rate} fps into frames, each with the time it started`, () => {
      const parser = new MtcParser();
      const got = mtcStream(tc(start, rate), rate, 12).flatMap((m) => parser.push(m.bytes, m.atMs));
      const n0 = timecodeToFrame(tc(start, rate), rate);
      const frameMs = 1000 / (rate === 29.97 ? 30000 / 1001 : rate);
      // every full set of eight names its first frame; the frame after it started 0.75 frame before the set completed
      expect(got.map((f) => formatTimecode(f.timecode))).toEqual([1, 3, 5, 7, 9, 11].map((k) => formatTimecode(frameToTimecode(n0 + k, rate, rate === 29.97))));
      got.forEach((f, i) => expect(f.atMs).toBeCloseTo((1 + 2 * i) * frameMs, 6));
      expect(got.every((f) => f.rate === rate)).toBe(true);
    });
  }

  it('reads a full-frame SysEx (a locate), with real-time bytes mixed in and split across pushes', () => {
    const parser = new MtcParser();
    const bytes = mtcFullFrame(tc('01:02:03:04', 25), 25);
    const withClock = [...bytes.slice(0, 4), 0xf8, ...bytes.slice(4)];
    expect(parser.push(withClock.slice(0, 6), 100)).toEqual([]);
    const got = parser.push(withClock.slice(6), 101);
    expect(got).toEqual([{ timecode: tc('01:02:03:04', 25), rate: 25, atMs: 101 }]);
  });

  it('drops a set that arrives out of order and one with impossible fields, and starts again', () => {
    const parser = new MtcParser();
    const q = mtcQuarterFrames(tc('00:00:10:00', 25), 25);
    const shuffled = [q[0], q[1], q[3], q[2], q[4], q[5], q[6], q[7]].flat();
    expect(parser.push(shuffled, 0)).toEqual([]);
    const bad = mtcQuarterFrames({ hours: 0, minutes: 0, seconds: 0, frames: 27, dropFrame: false }, 25).flat();
    expect(parser.push(bad, 0)).toEqual([]);
    expect(parser.push([0x90, 0x40, 0x7f], 0)).toEqual([]);
    expect(parser.push(q.flat(), 10)).toHaveLength(1);
  });

  it('an MTC source reads a MIDI input port found by name', async () => {
    let listener: ((d: number, m: number[]) => void) | undefined;
    let opened = -1;
    const port: MidiInputPort = {
      getPortCount: () => 2,
      getPortName: (i) => ['Midi Through', 'USB MIDI Interface'][i],
      openPort: (i) => (opened = i),
      closePort: () => undefined,
      ignoreTypes: () => undefined,
      on: (_e, l) => (listener = l),
    };
    let now = 0;
    const source = new MtcSource({ port: 'usb', clock: { now: () => now }, openInput: async () => port });
    const frames: string[] = [];
    source.frames$.subscribe((f) => frames.push(formatTimecode(f.timecode)));
    await source.start();
    expect(opened).toBe(1);
    for (const m of mtcQuarterFrames(tc('01:00:00:00', 25), 25)) {
      now += 10;
      listener?.(0, m);
    }
    expect(frames).toEqual(['01:00:00:01']);
    await source.stop();
    const missing = new MtcSource({ port: 'nope', clock: { now: () => 0 }, openInput: async () => port });
    await expect(missing.start()).rejects.toThrow('mtc:nope: no such MIDI input (inputs: 0 "Midi Through", 1 "USB MIDI Interface")');
  });
});
