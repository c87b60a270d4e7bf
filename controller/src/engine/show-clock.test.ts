import { describe, expect, it } from 'vitest';
import { ShowClock } from './show-clock';

function manual(start = 1000) {
  const t = { now: start };
  const monotonic = { now: () => t.now };
  return { t, clock: new ShowClock({ monotonic }) };
}

describe('ShowClock', () => {
  it('show time runs only while running; pause holds it, resume carries on', () => {
    const { t, clock } = manual();
    expect(clock.position()).toBe(0);
    t.now += 50;
    expect(clock.position()).toBe(0);
    clock.start();
    t.now += 200;
    expect(clock.position()).toBe(200);
    clock.pause();
    t.now += 5000;
    expect(clock.position()).toBe(200);
    expect(clock.monoAt(300)).toBeUndefined();
    clock.resume();
    t.now += 100;
    expect(clock.position()).toBe(300);
    expect(clock.monoAt(400)).toBe(t.now + 100);
  });

  it('seek jumps and keeps the status; stop returns to 0', () => {
    const { t, clock } = manual();
    clock.start(1000);
    t.now += 10;
    clock.seek(5000);
    expect(clock.state).toBe('running');
    t.now += 10;
    expect(clock.position()).toBe(5010);
    clock.stop();
    expect(clock.state).toBe('stopped');
    expect(clock.position()).toBe(0);
    clock.seek(42);
    expect(clock.state).toBe('paused');
    expect(clock.position()).toBe(42);
  });

  it('band time never pauses and wraps as a u32', () => {
    const { t, clock } = manual(1000);
    clock.start();
    t.now += 100;
    clock.pause();
    t.now += 100;
    expect(clock.bandTime()).toBe(200);
    expect(clock.bandTimeU32(1000 + 0x1_0000_0000 + 7)).toBe(7);
    expect(clock.bandTimeU32(990)).toBe(0x1_0000_0000 - 10);
  });

  it('an external source drives show time, band time stays on the monotonic clock', () => {
    const mono = { now: () => 0 };
    const timecode = { ms: 60_000, now() { return this.ms; } };
    const clock = new ShowClock({ monotonic: mono, source: timecode, bandEpochMs: 0 });
    clock.start(0);
    timecode.ms += 1234;
    expect(clock.position()).toBe(1234);
    expect(clock.bandTime()).toBe(0);
  });

  it('reports every change on changes$', () => {
    const { clock } = manual();
    const seen: string[] = [];
    clock.changes$.subscribe((s) => seen.push(`${s.status}@${s.positionMs}`));
    clock.start(10);
    clock.pause();
    clock.resume();
    clock.stop();
    expect(seen).toEqual(['stopped@0', 'running@10', 'paused@10', 'running@10', 'stopped@0']);
  });
});
