import { describe, expect, it } from 'vitest';
import { preloadCostText, preloadTooLateText, slotText, spokenDuration } from './brand-words';

describe('brand words', () => {
  it('says durations as a person would', () => {
    expect(spokenDuration(700)).toBe('0.7 s');
    expect(spokenDuration(45_000)).toBe('45 s');
    expect(spokenDuration(120_000)).toBe('2 minutes');
    expect(spokenDuration(90_000)).toBe('1 minute 30 s');
    expect(spokenDuration(3_900_000)).toBe('1 hour 5 minutes');
    expect(spokenDuration(218_515_678_200)).toBe('2529 days');
  });

  it('says a cue slot as a start and a length with the cue name', () => {
    expect(slotText({ kind: 'cue', fromMs: 0, untilMs: 12_000, cue: { id: 'c4', number: 4, label: 'Chorus' } })).toBe('starts on cue 4 “Chorus”, lasts 12 s');
    expect(slotText({ kind: 'showTime', fromMs: 90_000, untilMs: 102_000 })).toBe('starts 1 minute 30 s into the show, lasts 12 s');
    expect(slotText({ kind: 'wallClock', fromMs: Date.UTC(2026, 11, 4, 21, 30), untilMs: Date.UTC(2026, 11, 4, 21, 30, 12) })).toBe('2026-12-04 21:30:00 UTC, lasts 12 s');
  });

  it('says the cost and a refused slot in plain words, never a raw count of seconds', () => {
    expect(preloadCostText(700, 120_000)).toBe('needs 0.7 s of radio time, loaded onto the bands 2 minutes before your slot');
    expect(preloadTooLateText(120_000, -218_515_678_200)).toBe('that time has passed: pick a time later than now');
    expect(preloadTooLateText(120_000, 40_000)).toMatch(/^that is too soon: .* starts in 40 s; pick a time at least 2 minutes from now$/);
  });
});
