import { describe, expect, it } from 'vitest';
import { ReconnectBackoff } from './reconnect-backoff';

describe('reconnect back-off', () => {
  it('doubles from the first delay up to the cap', () => {
    const b = new ReconnectBackoff({ firstMs: 250, maxMs: 2000, jitter: 0 });
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([250, 500, 1000, 2000, 2000]);
  });

  it('spreads each delay by the jitter share, both ways', () => {
    const low = new ReconnectBackoff({ firstMs: 1000, jitter: 0.25, random: () => 0 });
    const high = new ReconnectBackoff({ firstMs: 1000, jitter: 0.25, random: () => 1 });
    expect(low.next()).toBe(750);
    expect(high.next()).toBe(1250);
  });

  it('starts again from the first delay after a reset', () => {
    const b = new ReconnectBackoff({ firstMs: 100, jitter: 0 });
    b.next();
    b.next();
    b.reset();
    expect(b.next()).toBe(100);
    expect(b.tries).toBe(1);
  });
});
