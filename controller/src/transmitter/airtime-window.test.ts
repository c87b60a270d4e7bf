import { describe, expect, it } from 'vitest';
import { AirtimeWindow } from './airtime-window';

describe('AirtimeWindow', () => {
  it('counts the busy share of the last second only', () => {
    const w = new AirtimeWindow();
    w.add(0, 100);
    w.add(900, 1000);
    expect(w.percent(1000)).toBeCloseTo(20);
    expect(w.percent(1050)).toBeCloseTo(15);
    expect(w.percent(2500)).toBe(0);
  });

  it('counts future transmissions up to now, and forgets flushed ones', () => {
    const w = new AirtimeWindow();
    w.add(950, 1100);
    expect(w.percent(1000)).toBeCloseTo(5);
    w.dropAfter(1000);
    expect(w.percent(1200)).toBeCloseTo(5);
    w.add(1300, 1400);
    w.dropAfter(1250);
    // Only the 950..1000 part of the first one is left in (500, 1500].
    expect(w.percent(1500)).toBeCloseTo(5);
  });
});
