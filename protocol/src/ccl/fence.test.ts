import { describe, expect, it } from 'vitest';
import { DeviceFence, helloClaim } from './fence';

describe('DeviceFence', () => {
  it('a device never fenced takes plain HELLOs and commands from anyone', () => {
    const f = new DeviceFence();
    expect(f.hello(null)).toEqual({ ok: true, link: null });
    expect(f.mayCommand(null)).toBe(true);
  });
  it('a newer epoch takes over; the older one, and plain HELLOs, are refused', () => {
    const f = new DeviceFence();
    const a = f.hello({ controllerId: 1, epoch: 1 });
    expect(a.ok).toBe(true);
    const b = f.hello({ controllerId: 2, epoch: 2 });
    expect(b.ok).toBe(true);
    expect(f.mayCommand(a.link)).toBe(false);
    expect(f.mayCommand(b.link)).toBe(true);
    expect(f.hello({ controllerId: 1, epoch: 1 }).ok).toBe(false);
    expect(f.hello({ controllerId: 3, epoch: 2 }).ok).toBe(false);
    expect(f.hello(null).ok).toBe(false);
    expect(f.mayCommand(null)).toBe(false);
    expect(f.hello({ controllerId: 2, epoch: 2 }).ok).toBe(true);
  });
  it('reads the claim from a HELLO message', () => {
    expect(helloClaim({})).toBeNull();
    expect(helloClaim({ controllerId: 5, epoch: 0 })).toEqual({ controllerId: 5, epoch: 0 });
  });
});
