import { describe, expect, it } from 'vitest';
import { ManualDeviceClock, realDeviceClock } from './device-clock';

describe('realDeviceClock', () => {
  it('reads its own start value and drift, not the host clock', () => {
    const fast = realDeviceClock({ startUs: 5_000_000, driftPpm: 1e5 }); // 10% fast, so it shows quickly
    const t0 = fast.nowUs();
    expect(t0).toBeGreaterThanOrEqual(5_000_000);
    const h0 = fast.hostMs();
    const until = performance.now() + 20;
    while (performance.now() < until) {
      /* let time pass */
    }
    const deviceUs = fast.nowUs() - t0;
    const hostUs = (fast.hostMs() - h0) * 1000;
    expect(deviceUs / hostUs).toBeGreaterThan(1.05);
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

  it('does not call a cancelled wake', async () => {
    const clock = realDeviceClock({ spinMode: 'yield' });
    let called = 0;
    const cancelA = clock.wakeAt(clock.nowUs() + 3000, () => called++, true);
    const cancelB = clock.wakeAt(clock.nowUs() + 2500, () => called++, false);
    await new Promise((r) => setTimeout(r, 1));
    cancelA();
    cancelB();
    await new Promise((r) => setTimeout(r, 10));
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
