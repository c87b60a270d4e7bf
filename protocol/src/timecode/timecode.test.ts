import { describe, expect, it } from 'vitest';
import { formatTimecode, frameToTimecode, parseTimecode, timecodeMs, timecodeToFrame, type FrameRate } from './timecode';

describe('timecode', () => {
  it('parses and formats, naming what is wrong', () => {
    const tc = parseTimecode('01:02:03:04');
    expect(tc).toEqual({ ok: true, value: { hours: 1, minutes: 2, seconds: 3, frames: 4, dropFrame: false } });
    expect(parseTimecode('00:01:00;02', 29.97).ok).toBe(true);
    expect(parseTimecode('1:02:03:04')).toMatchObject({ ok: false, error: expect.stringContaining('HH:MM:SS:FF') });
    expect(parseTimecode('00:00:00:25', 25)).toMatchObject({ ok: false, error: expect.stringContaining('frame 25 does not exist at 25 fps') });
    expect(parseTimecode('00:01:00;00', 29.97)).toMatchObject({ ok: false, error: expect.stringContaining('dropped') });
    expect(parseTimecode('00:00:00;05', 25)).toMatchObject({ ok: false, error: expect.stringContaining('only at 29.97') });
    expect(formatTimecode({ hours: 10, minutes: 0, seconds: 59, frames: 29, dropFrame: true })).toBe('10:00:59;29');
  });

  it('counts drop-frame frames: numbers 0 and 1 skipped each minute but every tenth', () => {
    const p = (s: string) => (parseTimecode(s, 29.97) as { ok: true; value: Parameters<typeof timecodeToFrame>[0] }).value;
    expect(timecodeToFrame(p('00:00:59;29'), 29.97)).toBe(1799);
    expect(timecodeToFrame(p('00:01:00;02'), 29.97)).toBe(1800);
    expect(timecodeToFrame(p('00:10:00;00'), 29.97)).toBe(17982);
    // an hour of drop-frame is 3.6 s short of 30 fps numbering: 107892 frames, one real hour to within a frame
    expect(timecodeToFrame(p('01:00:00;00'), 29.97)).toBe(107892);
    expect(Math.abs(timecodeMs(p('01:00:00;00'), 29.97) - 3_600_000)).toBeLessThan(34);
  });

  it('round-trips every frame index at every rate', () => {
    for (const rate of [24, 25, 29.97, 30] as FrameRate[]) {
      for (const n of [0, 1, 2, 1799, 1800, 1801, 17981, 17982, 17983, 35964, 107891, 107892, 123457]) {
        const tc = frameToTimecode(n, rate);
        expect(timecodeToFrame(tc, rate)).toBe(n);
      }
    }
  });
});
