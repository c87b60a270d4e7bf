import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockSync, diff32, mod32 } from './clock-sync';

describe('ClockSync', () => {
  it('computes offset = d - (t0 + t1) / 2 and maps both ways', () => {
    const c = new ClockSync();
    c.add(1000, 1002, 5_000_000); // mid 1001 ms = 1_001_000 us
    expect(c.signedOffsetUs(1002)).toBe(3_999_000);
    expect(c.best(1002)?.uncertaintyUs).toBeCloseTo(1000);
    expect(c.toDeviceUs(1050)).toBe(5_049_000);
    expect(c.toHostMs(5_049_000, 1040)).toBeCloseTo(1050, 6);
  });

  it('keeps the sample with the smallest round trip', () => {
    const c = new ClockSync({ median: 1 });
    c.add(0, 10, 1_000_000); // rtt 10 ms, offset 995_000
    c.add(20, 20.2, 1_020_100); // rtt 0.2 ms, offset 1_000_000
    c.add(30, 38, 1_040_000); // rtt 8 ms
    expect(c.signedOffsetUs(40)).toBe(1_000_000);
    expect(c.best(40)?.uncertaintyUs).toBeCloseTo(100 + 19.8 * 0.05);
  });

  it('prefers a fresh sample over a slightly tighter old one, and forgets stale ones', () => {
    const c = new ClockSync({ maxAgeMs: 5000, driftPpm: 50, median: 1 });
    c.add(0, 0.2, 100); // half rtt 100 us
    c.add(4000, 4000.22, 4_000_210); // half rtt 110 us, 4 s fresher (200 us less drift)
    expect(c.signedOffsetUs(4001)).toBe(diff32(mod32(4_000_210 - 4_000_110), 0));
    c.reset();
    expect(c.synced).toBe(false);
    expect(c.toDeviceUs(5)).toBeUndefined();
  });

  it('takes the median offset of the tightest samples, across the wrap', () => {
    const c = new ClockSync({ median: 3 });
    // Offsets around the wrap: -30, +10, +20 us (tight), and a loose outlier at +5000.
    c.add(0, 0.1, 2 ** 32 - 30 + 50);
    c.add(1, 1.1, 1050 + 10);
    c.add(2, 2.1, 2050 + 20);
    c.add(3, 13, 8000 + 5000);
    expect(c.signedOffsetUs(3)).toBe(10);
    expect(c.best(3)?.uncertaintyUs).toBeCloseTo(50 + 0.9 * 0.05); // the freshest of the tight ones
  });

  it('handles the u32 microsecond wrap', () => {
    const c = new ClockSync();
    const nearWrap = 2 ** 32 - 500; // device is 0.5 ms before wrapping
    c.add(10_000, 10_000, nearWrap);
    expect(c.toDeviceUs(10_000.4)).toBe(2 ** 32 - 100);
    expect(c.toDeviceUs(10_001)).toBe(500);
    expect(c.toHostMs(500, 10_000)).toBeCloseTo(10_001, 6);
    expect(c.toHostMs(2 ** 32 - 100, 10_002)).toBeCloseTo(10_000.4, 6);
  });

  it('round-trips any host time near now through device time', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: -2e6, max: 2e6, noNaN: true }),
        (now, device, dt) => {
          const c = new ClockSync();
          c.add(now, now + 0.1, device);
          const us = c.toDeviceUs(now + dt)!;
          expect(us).toBeGreaterThanOrEqual(0);
          expect(us).toBeLessThan(2 ** 32);
          expect(Math.abs(c.toHostMs(us, now)! - (now + dt))).toBeLessThan(0.002);
        },
      ),
    );
  });
});

describe('ClockSync with a known departure time', () => {
  it('takes the midpoint from when the request left, but ranks samples by the full round trip', () => {
    const c = new ClockSync({ median: 1 });
    // Asked at 0, handed to the OS at 0.2, answered at 0.6: device read 1000 us at host 0.4.
    c.add(0, 0.6, 1000, 0.2);
    expect(c.signedOffsetUs(1)).toBeCloseTo(600);
    expect(c.best(0.6)?.uncertaintyUs).toBeCloseTo(300);
    // A sample whose "left" came late looks tight, but its full round trip is long: not chosen.
    c.add(10, 12, 11_500, 11.9);
    expect(c.signedOffsetUs(12)).toBeCloseTo(600);
    // "left" outside [t0, t1] is clamped.
    const d = new ClockSync();
    d.add(5, 6, 0, 9);
    expect(d.signedOffsetUs(6)).toBe(-6000);
  });
});
