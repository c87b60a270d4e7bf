import { describe, expect, it } from 'vitest';
import { ShowClockFollower } from './show-clock-follower';

describe('ShowClockFollower', () => {
  it('follows the server clock, taking the least-delayed reading', () => {
    let local = 100;
    const c = new ShowClockFollower(() => local);
    c.reset(5000); // arrived with no delay: offset 4900
    local = 200;
    c.sample(5090); // sent at 5090, arrived at server time 5100: 10 ms late
    expect(c.now()).toBe(5100);
  });

  it('forgets readings from before a reset (the server restarted)', () => {
    let local = 0;
    const c = new ShowClockFollower(() => local);
    c.reset(1_000_000);
    local = 10;
    c.reset(20);
    expect(c.now()).toBe(20);
  });

  it('keeps only the most recent readings', () => {
    let local = 0;
    const c = new ShowClockFollower(() => local, 2);
    c.reset(50); // offset 50, soon forgotten
    c.sample(10);
    c.sample(12);
    local = 1;
    expect(c.now()).toBe(13);
  });
});
