import { describe, expect, it } from 'vitest';
import { ShowTime } from './show-time';

function clock(start: number) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('ShowTime', () => {
  it('runs on from the last state by the local clock', () => {
    const c = clock(1_000_000);
    const st = new ShowTime(c.now);
    st.update({ positionMs: 5000, serverTime: 1_000_000, running: true, paused: false });
    expect(st.now()).toBe(5000);
    c.advance(250);
    expect(st.now()).toBe(5250);
  });

  it('stands still while the controller is out of reach, and runs again from the next state', () => {
    const c = clock(1_000_000);
    const st = new ShowTime(c.now);
    st.update({ positionMs: 5000, serverTime: 1_000_000, running: true, paused: false });
    c.advance(300);
    st.hold();
    c.advance(10_000);
    expect(st.now()).toBe(5300);
    st.update({ positionMs: 20_000, serverTime: c.now(), running: true, paused: false });
    c.advance(100);
    expect(st.now()).toBe(20_100);
  });

  it('takes the smallest gap: a late message does not set the show back', () => {
    const c = clock(2_000_000);
    const st = new ShowTime(c.now);
    // Server and console clocks agree; the first message took 5 ms, the second 40 ms.
    c.advance(5);
    st.update({ positionMs: 0, serverTime: 2_000_000, running: true, paused: false });
    c.advance(95);
    c.advance(40);
    st.update({ positionMs: 100, serverTime: 2_000_100, running: true, paused: false });
    // True show time at local 2_000_140 is 140 (+ 0..5 ms); the naive anchor would say 100.
    expect(st.now()).toBeGreaterThanOrEqual(130);
    expect(st.now()).toBeLessThanOrEqual(140);
  });

  it('handles a server clock far from the console clock', () => {
    const c = clock(50);
    const st = new ShowTime(c.now);
    st.update({ positionMs: 1000, serverTime: 9_999_000, running: true, paused: false });
    c.advance(500);
    expect(st.now()).toBe(1500);
  });

  it('stands still while paused or stopped', () => {
    const c = clock(0);
    const st = new ShowTime(c.now);
    st.update({ positionMs: 7000, serverTime: 0, running: true, paused: true });
    c.advance(1000);
    expect(st.now()).toBe(7000);
    st.update({ positionMs: 0, serverTime: 1000, running: false, paused: false });
    c.advance(1000);
    expect(st.now()).toBe(0);
  });

  it('maps show ms back to local time, across a clock gap', () => {
    const c = clock(10_000);
    const st = new ShowTime(c.now);
    // The console's clock is 3 s ahead of the server's; the state arrives at once.
    st.update({ positionMs: 60_000, serverTime: 7_000, running: true, paused: false });
    expect(st.wallAt(60_000)).toBe(10_000);
    expect(st.wallAt(60_250)).toBe(10_250);
    c.advance(100);
    expect(st.wallAt(st.now())).toBe(c.now());
  });
});
