import { describe, expect, it } from 'vitest';
import { DEFAULT_GO_LOCKOUT_MS, GoLockout, goLockoutOf } from './go-lockout';

describe('GO lock-out', () => {
  it('lets the first GO through and drops a second within the lock-out', () => {
    const g = new GoLockout();
    expect(g.tryGo('songs', 1000, 300)).toBe(true);
    expect(g.tryGo('songs', 1120, 300)).toBe(false);
    expect(g.lockedFor('songs', 1120, 300)).toBe(180);
  });

  it('takes the next GO once the lock-out has passed, and the dropped press does not extend it', () => {
    const g = new GoLockout();
    g.tryGo('songs', 0, 300);
    expect(g.tryGo('songs', 250, 300)).toBe(false);
    expect(g.tryGo('songs', 300, 300)).toBe(true);
    expect(g.lockedFor('songs', 300, 300)).toBe(300);
  });

  it('locks each playback on its own', () => {
    const g = new GoLockout();
    expect(g.tryGo('songs', 0, 300)).toBe(true);
    expect(g.tryGo('intro', 10, 300)).toBe(true);
    expect(g.tryGo('songs', 20, 300)).toBe(false);
    expect(g.lockedFor('other', 20, 300)).toBe(0);
  });

  it('forgets every lock on reset', () => {
    const g = new GoLockout();
    g.tryGo('songs', 0, 300);
    g.reset();
    expect(g.tryGo('songs', 1, 300)).toBe(true);
  });

  it("uses the show's lock-out when the server reports one, else the default", () => {
    expect(goLockoutOf(500)).toBe(500);
    expect(goLockoutOf(0)).toBe(DEFAULT_GO_LOCKOUT_MS);
    expect(goLockoutOf(undefined)).toBe(DEFAULT_GO_LOCKOUT_MS);
    expect(goLockoutOf(Number.NaN)).toBe(DEFAULT_GO_LOCKOUT_MS);
  });
});
