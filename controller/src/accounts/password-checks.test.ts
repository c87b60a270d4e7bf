import { describe, expect, it } from 'vitest';
import { PasswordChecks } from './password-checks';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('PasswordChecks', () => {
  it('runs at most `running` checks at once, lets `waiting` more wait, and refuses the rest at once', async () => {
    const checks = new PasswordChecks({ running: 2, waiting: 1 });
    let now = 0;
    let most = 0;
    const gates = [gate(), gate(), gate()];
    const check = (i: number) => async () => {
      now++;
      most = Math.max(most, now);
      await gates[i].opened;
      now--;
      return i;
    };
    const a = checks.run(check(0));
    const b = checks.run(check(1));
    const c = checks.run(check(2));
    expect(checks.run(check(2))).toBeUndefined();
    await new Promise((r) => setTimeout(r, 5));
    expect(now).toBe(2);
    gates[0].open();
    expect(await a).toBe(0);
    await new Promise((r) => setTimeout(r, 5));
    expect(now).toBe(2); // the waiting one took the free turn
    gates[1].open();
    gates[2].open();
    expect(await Promise.all([b, c])).toEqual([1, 2]);
    expect(most).toBe(2);
    expect(checks.run(async () => 'free again')).toBeDefined();
  });

  it('gives the turn back when a check fails', async () => {
    const checks = new PasswordChecks({ running: 1, waiting: 0 });
    await expect(checks.run(() => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    expect(await checks.run(async () => 7)).toBe(7);
  });
});
