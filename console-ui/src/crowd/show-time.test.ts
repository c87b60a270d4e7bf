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

  it('takes the smallest gap: a late message does not set the show back', () => {
    const c = clock(2_000_000);
    const st = new ShowTime(c.now);
    // Server and console clocks agree; the first message took 5 ms, the second 40 ms.
    c.advance(5);
    st.update({ positionMs: 0, serverTime: 2_000_000, running: true, paused: false });
    c.advance(95); // local 2_000_100
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

  it('reports a jump back (stop, reload) so the crowd can start over', () => {
    const c = clock(0);
    const st = new ShowTime(c.now);
    expect(st.update({ positionMs: 60_000, serverTime: 0, running: true, paused: false })).toBe(false);
    c.advance(100);
    expect(st.update({ positionMs: 60_100, serverTime: 100, running: true, paused: false })).toBe(false);
    c.advance(100);
    expect(st.update({ positionMs: 0, serverTime: 200, running: true, paused: false })).toBe(true);
    expect(st.now()).toBe(0);
  });
});
