import { describe, expect, it } from 'vitest';
import { LoginGate, LoginsBusyError } from './login-gate';

/** A password check that finishes when the test says so. */
function heldCheck() {
  let finish!: (ok: boolean) => void;
  const done = new Promise<boolean>((r) => (finish = r));
  return { run: () => done, finish };
}

describe('login gate', () => {
  it('checks at most `running` passwords at once, lets `waiting` more queue, and refuses the next at once naming the limit', async () => {
    const gate = new LoginGate({ running: 2, waiting: 3 });
    let active = 0;
    let most = 0;
    const checks = Array.from({ length: 5 }, () => heldCheck());
    const answers = checks.map((c) =>
      gate.run(async () => {
        active++;
        most = Math.max(most, active);
        const ok = await c.run();
        active--;
        return ok;
      }),
    );
    expect(gate.pending).toBe(5);
    const refused = gate.run(async () => true);
    await expect(refused).rejects.toBeInstanceOf(LoginsBusyError);
    await expect(refused).rejects.toThrow(/at most 5 at once.*try again in 1 s/);

    for (const c of checks) c.finish(true);
    expect(await Promise.all(answers)).toEqual([true, true, true, true, true]);
    expect(most).toBe(2);
    // Drained: a login is checked again.
    expect(gate.pending).toBe(0);
    expect(await gate.run(async () => 'ok')).toBe('ok');
  });

  it('frees its place when a check fails', async () => {
    const gate = new LoginGate({ running: 1, waiting: 0 });
    await expect(gate.run(async () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    expect(await gate.run(async () => 1)).toBe(1);
  });
});
