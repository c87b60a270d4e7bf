import { describe, expect, it } from 'vitest';
import { lookForZone, lookKey, lookKeyZone, LookSchema } from './look';

describe('looks', () => {
  it('reads look keys', () => {
    expect(lookKeyZone('all')).toBe('all');
    expect(lookKeyZone('zone0')).toBe(0);
    expect(lookKeyZone('zone63')).toBe(63);
    expect(lookKeyZone('zone64')).toBeNull();
    expect(lookKeyZone('zone07')).toBeNull();
    expect(lookKey(7)).toBe('zone7');
  });

  it('gives a zone its own look before the all look', () => {
    const red = LookSchema.parse({ kind: 'color', color: '#ff0000' });
    const off = LookSchema.parse({ kind: 'off' });
    expect(red).toEqual({ kind: 'color', color: [255, 0, 0] });
    expect(lookForZone({ all: off, zone3: red }, 3)).toBe(red);
    expect(lookForZone({ all: off, zone3: red }, 4)).toBe(off);
    expect(lookForZone({ zone3: red }, 4)).toBeUndefined();
  });
});
