import { describe, expect, it } from 'vitest';
import { joinSource, sourceProblem, splitSource } from './timecode-source-fields';

describe('timecode source fields', () => {
  it('splits and joins each kind, and names what is wrong', () => {
    expect(splitSource('alsa:hw:1,0')).toEqual({ kind: 'alsa', rest: 'hw:1,0' });
    expect(splitSource('artnet')).toEqual({ kind: 'artnet', rest: '' });
    expect(joinSource('artnet', ' ')).toBe('artnet');
    expect(joinSource('mtc', '2')).toBe('mtc:2');
    expect(sourceProblem('artnet:70000')).toContain('1..65535');
    expect(sourceProblem('mtc:')).toContain('MIDI input');
    expect(sourceProblem('ltc:a.wav')).toBeUndefined();
  });
});
