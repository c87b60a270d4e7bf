import { describe, expect, it } from 'vitest';
import { twoPress } from './use-two-press';

describe('two-press controls (STOP, GO TO)', () => {
  it('arms on the first press and fires on the second', () => {
    const first = twoPress(null, 'wave');
    expect(first).toEqual({ armed: 'wave', fire: false });
    expect(twoPress(first.armed, 'wave')).toEqual({ armed: null, fire: true });
  });

  it('a press on another control arms that one instead of firing', () => {
    expect(twoPress('wave', 'chase')).toEqual({ armed: 'chase', fire: false });
  });

  it('fires at once with the modifier held', () => {
    expect(twoPress(null, 'wave', true)).toEqual({ armed: null, fire: true });
    expect(twoPress('chase', 'wave', true)).toEqual({ armed: null, fire: true });
  });
});
