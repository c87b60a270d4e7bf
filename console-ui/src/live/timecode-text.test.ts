import { describe, expect, it } from 'vitest';
import { offsetText } from './timecode-text';

describe('timecode offset text', () => {
  it('says which way and how far the show is from timecode', () => {
    expect(offsetText(null)).toBe('—');
    expect(offsetText(0.4)).toBe('in step');
    expect(offsetText(12.4)).toBe('show 12 ms ahead');
    expect(offsetText(-1200)).toBe('show 1.20 s behind');
  });
});
