import type { UpcomingBrandSlot } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { countdownWords, slotWhenWords } from './brand-slot-countdown';

const slot = (when: UpcomingBrandSlot['when'], outlook: UpcomingBrandSlot['outlook'] = 'will-play'): UpcomingBrandSlot => ({ sequence: 's', name: 'Acme', brand: 'acme', when, durationMs: 10_000, zones: [1], outlook });

describe('brand slot countdown', () => {
  it('counts seconds, then minutes, then hours', () => {
    expect(countdownWords(8_200)).toBe('in 9 s');
    expect(countdownWords(65_000)).toBe('in 1:05');
    expect(countdownWords(3_725_000)).toBe('in 1:02:05');
    expect(countdownWords(-5)).toBe('now');
  });

  it('counts a wall-clock slot on the console clock, a show-time slot on the show clock, and names a cue slot', () => {
    expect(slotWhenWords(slot({ kind: 'wallClock', atWall: 100_000 }), 40_000, 0)).toBe('in 1:00');
    expect(slotWhenWords(slot({ kind: 'showTime', atShowMs: 90_000 }), 0, 80_000)).toBe('in 10 s');
    expect(slotWhenWords(slot({ kind: 'cue', cue: 'c12', cueName: 'cue 12 "Encore"' }), 0, 0)).toBe('on cue 12 "Encore"');
    expect(slotWhenWords(slot({ kind: 'showTime', atShowMs: 0 }, 'playing'), 0, 5)).toBe('playing now');
  });
});
