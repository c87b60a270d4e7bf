import { describe, expect, it } from 'vitest';
import { LiveCommandLimiter } from './live-command-limits';

describe('LiveCommandLimiter', () => {
  it('lets a burst of presses through up to the limit per account, then refuses; blackout never', async () => {
    const limiter = new LiveCommandLimiter({ pressesPerSecond: 5, fadesPerSecond: 8 });
    const results = await Promise.all(Array.from({ length: 8 }, () => limiter.refusal('op', 'go')));
    expect(results.filter((r) => r === undefined)).toHaveLength(5);
    expect(results.at(-1)).toMatch(/at most 5 presses a second per account/);
    // Another account has its own count; faders have theirs; blackout is never refused.
    expect(await limiter.refusal('other-op', 'go')).toBeUndefined();
    expect(await limiter.refusal('op', 'master')).toBeUndefined();
    for (let i = 0; i < 50; i++) expect(await limiter.refusal('op', 'blackout')).toBeUndefined();
  });
});
