import { describe, expect, it } from 'vitest';
import type { PublicAccount } from '../accounts/account-store';
import { oscAccount } from '../inputs/osc/osc-input';
import { admitCommand } from './live-command-gate';
import { LiveCommandLimiter } from './live-command-limits';

const designer: PublicAccount = { id: 'd', username: 'des', role: 'designer', createdAt: '' };

describe('admitCommand', () => {
  it("refuses a command the account's role does not grant, before counting or parsing it", async () => {
    const r = await admitCommand(new LiveCommandLimiter(), designer, 'blackout', { on: true });
    expect(r).toEqual({ ok: false, why: 'permission', ack: { ok: false, error: 'a designer account may not blackout (needs live:control)' } });
  });

  it('lets an OSC source do what an operator may, never what needs more', async () => {
    const osc = oscAccount('10.0.0.7');
    expect(osc.role).toBe('operator');
    expect(await admitCommand(new LiveCommandLimiter(), osc, 'master', { level: 10 })).toEqual({ ok: true, value: { level: 10 } });
    const edit = await admitCommand(new LiveCommandLimiter(), osc, 'editCue', {});
    expect(edit).toMatchObject({ ok: false, why: 'permission', ack: { error: expect.stringMatching(/needs shows:write/) } });
  });

  it('names the bad field of a payload, and counts the rate per account', async () => {
    const limiter = new LiveCommandLimiter({ pressesPerSecond: 1, fadesPerSecond: 1 });
    const osc = oscAccount('10.0.0.8');
    expect(await admitCommand(limiter, osc, 'master', { level: 300 })).toMatchObject({ ok: false, why: 'payload', ack: { errors: [{ path: 'level' }] } });
    expect(await admitCommand(limiter, osc, 'master', { level: 3 })).toMatchObject({ ok: false, why: 'rate' });
  });
});
