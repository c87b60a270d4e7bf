import { describe, expect, it } from 'vitest';
import { countdownText, followRemainingMs } from './follow-countdown';

const running = { running: true, paused: false };

describe('follow countdown', () => {
  it('counts down from when the state was true on this clock', () => {
    expect(followRemainingMs({ ...running, followInMs: 5000 }, 1000, 1000)).toBe(5000);
    expect(followRemainingMs({ ...running, followInMs: 5000 }, 1000, 3500)).toBe(2500);
    expect(followRemainingMs({ ...running, followInMs: 5000 }, 1000, 9000)).toBe(0);
  });

  it('stands still while paused or stopped, and is null when the playback waits for GO', () => {
    expect(followRemainingMs({ running: true, paused: true, followInMs: 4000 }, 0, 3000)).toBe(4000);
    expect(followRemainingMs({ running: false, paused: false, followInMs: 4000 }, 0, 3000)).toBe(4000);
    expect(followRemainingMs({ ...running, followInMs: null }, 0, 3000)).toBeNull();
  });

  it('reads as a desk does: tenths under a minute, rounded up; m:ss above', () => {
    expect(countdownText(null)).toBe('—');
    expect(countdownText(0)).toBe('0.0 s');
    expect(countdownText(1)).toBe('0.1 s');
    expect(countdownText(12_340)).toBe('12.4 s');
    expect(countdownText(59_950)).toBe('1:00');
    expect(countdownText(65_000)).toBe('1:05');
    expect(countdownText(600_000)).toBe('10:00');
  });
});
