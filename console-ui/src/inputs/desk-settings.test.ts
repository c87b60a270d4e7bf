import { describe, expect, it } from 'vitest';
import { deskSettingProblem } from './desk-settings';

describe('deskSettingProblem', () => {
  it('names the field and the limit, or nothing when the desk fits', () => {
    expect(deskSettingProblem({ protocol: 'sacn', universe: 1, address: 1, zones: 16 })).toBeNull();
    expect(deskSettingProblem({ protocol: 'sacn', universe: 0, address: 1 })).toBe('universe: sACN universes are 1..63999');
    expect(deskSettingProblem({ protocol: 'artnet', universe: 0, address: 480, zones: 8 })).toMatch(/^zones: 8 zones take 74 channels: from address 480 one universe holds at most 2 zones/);
  });
});
