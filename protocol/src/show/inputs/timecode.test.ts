import { describe, expect, it } from 'vitest';
import { parseShow } from '../../show/parse-show';
import { parseTimecodeSource } from './timecode';

function showWith(extra: Record<string, unknown>, cueTimecodes: string[] = []) {
  return {
    version: 1,
    id: 'tc',
    name: 'TC',
    site: 1,
    venue: { name: 'V', zones: [{ id: 0, name: 'Z0' }], seats: { kind: 'field', seed: 1, seats: 10 } },
    cueLists: [{ id: 'songs', name: 'Songs', cues: cueTimecodes.map((timecode, i) => ({ id: `c${i}`, number: i + 1, timecode })) }],
    ...extra,
  };
}

describe('show inputs.timecode', () => {
  it('reads each kind of source, and names what is wrong with a bad one', () => {
    expect(parseTimecodeSource('ltc:song.wav')).toEqual({ ok: true, value: { kind: 'ltc', file: 'song.wav' } });
    expect(parseTimecodeSource('alsa:hw:1,0')).toEqual({ ok: true, value: { kind: 'alsa', device: 'hw:1,0' } });
    expect(parseTimecodeSource('mtc:2')).toEqual({ ok: true, value: { kind: 'mtc', port: '2' } });
    expect(parseTimecodeSource('artnet')).toEqual({ ok: true, value: { kind: 'artnet', port: 6454 } });
    expect(parseTimecodeSource('artnet:7000')).toEqual({ ok: true, value: { kind: 'artnet', port: 7000 } });
    expect(parseTimecodeSource('artnet:99999')).toMatchObject({ ok: false, error: expect.stringContaining('1..65535') });
    expect(parseTimecodeSource('smpte:1')).toMatchObject({ ok: false, error: expect.stringContaining('ltc:FILE.wav, alsa:DEVICE, mtc:PORT or artnet[:PORT]') });
    expect(parseTimecodeSource('ltc:')).toMatchObject({ ok: false, error: expect.stringContaining('WAV file') });
  });

  it('accepts a show with a timecode input and timecoded cues, filling the freewheel default', () => {
    const r = parseShow(showWith({ inputs: { timecode: { source: 'artnet', rate: 25 } } }, ['01:00:00:00', '01:00:10:24']));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.inputs?.timecode?.freewheelFrames).toBe(30);
      expect(r.value.cueLists[0].cues[1].timecode).toBe('01:00:10:24');
    }
  });

  it('refuses bad timecode config by field path', () => {
    const r = parseShow(
      showWith({ inputs: { timecode: { source: 'smpte:1', rate: 26, freewheelFrames: -1, cueLists: ['nope'], extra: 1 } } }, ['1:00:00:00']),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['inputs.timecode.source', 'inputs.timecode.rate', 'inputs.timecode.freewheelFrames', 'cueLists[0].cues[0].timecode']));
  });

  it('checks cue timecodes against the input rate and chasing lists against the show', () => {
    const r = parseShow(showWith({ inputs: { timecode: { source: 'mtc:0', rate: 25, cueLists: ['songs', 'nope'] } } }, ['01:00:00:24', '01:00:00:25', '01:00:01;02']));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      "inputs.timecode.cueLists[1]: no cue list 'nope' (cue lists: songs)",
      'cueLists[0].cues[1].timecode: 01:00:00:25: frame 25 does not exist at 25 fps (inputs.timecode.rate is 25)',
      'cueLists[0].cues[2].timecode: 01:00:01;02: drop-frame timecode exists only at 29.97 fps, not 25 (inputs.timecode.rate is 25)',
    ]);
  });
});
