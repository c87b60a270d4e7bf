import { describe, expect, it } from 'vitest';
import { ManualDeviceClock, realDeviceClock } from './device-clock';

describe('realDeviceClock', () => {
  it('reads its own start value and drift, not the host clock', () => {
    const fast = realDeviceClock({ startUs: 5_000_000, driftPpm: 1e5 }); // 10% fast, so it shows
    // Each device reading is bracketed by host readings, so the bounds hold however the thread is scheduled.
    const a = fast.hostMs();
    const d0 = fast.nowUs();
    const b = fast.hostMs();
    const until = performance.now() + 5;
    while (performance.now() < until) {
      /* let time pass */
    }
    const c = fast.hostMs();
    const d1 = fast.nowUs();
    const e = fast.hostMs();
    expect(d0).toBeGreaterThanOrEqual(5_000_000);
    expect(d1 - d0).toBeGreaterThanOrEqual((c - b) * 1000 * 1.1 - 1e-6);
    expect(d1 - d0).toBeLessThanOrEqual((e - a) * 1000 * 1.1 + 1e-6);
  });

  for (const spinMode of ['block', 'yield'] as const) {
    it(`never wakes a precise wait early (${spinMode}), nor a coarse one`, async () => {
      const clock = realDeviceClock({ startUs: 2 ** 32 - 10_000, spinMode });
      const early: number[] = [];
      const waits = [];
      for (let i = 0; i < 20; i++) {
        const precise = i % 2 === 0;
        const target = clock.nowUs() + 1000 + i * 400;
        waits.push(
          new Promise<void>((resolve) =>
            clock.wakeAt(
              target,
              () => {
                if (clock.nowUs() < target) early.push(target - clock.nowUs());
                resolve();
              },
              precise,
            ),
          ),
        );
      }
      await Promise.all(waits);
      expect(early).toEqual([]);
    });
  }

  it('does not call a cancelled wake, whether sleeping or already polling', async () => {
    // Polling (yield) starts 190 ms before a deadline 200 ms away: cancelled at ~20 ms, it is mid-poll.
    const clock = realDeviceClock({ spinMode: 'yield', spinMs: 190 });
    let called = 0;
    const target = clock.nowUs() + 200_000;
    const cancelPolling = clock.wakeAt(target, () => called++, true);
    const cancelSleeping = clock.wakeAt(target, () => called++, false);
    await new Promise((r) => setTimeout(r, 20));
    const cancelledAt = clock.nowUs();
    cancelPolling();
    cancelSleeping();
    await new Promise((r) => setTimeout(r, 250));
    expect(cancelledAt).toBeLessThan(target);
    expect(called).toBe(0);
  });
});

describe('ManualDeviceClock', () => {
  it('runs wakes in deadline order with the clock at each deadline', () => {
    const clock = new ManualDeviceClock(100, 7);
    const seen: Array<[string, number]> = [];
    clock.wakeAt(300, () => seen.push(['b', clock.nowUs()]));
    clock.wakeAt(200, () => {
      seen.push(['a', clock.nowUs()]);
      clock.wakeAt(250, () => seen.push(['a2', clock.nowUs()]));
    });
    const cancel = clock.wakeAt(260, () => seen.push(['never', clock.nowUs()]));
    cancel();
    clock.advanceTo(1000);
    expect(seen).toEqual([
      ['a', 200],
      ['a2', 250],
      ['b', 300],
    ]);
    expect(clock.nowUs()).toBe(1000);
    expect(clock.hostMs()).toBeCloseTo(7.9, 9);
  });
});
