import { describe, expect, it } from 'vitest';
import vectors from '../../test-data/vectors.json';
import { BAND_RUNNER_MISSING, VectorsFileError, runVectors, type BandScenarioRunner } from './run';
import { deepEqual } from './fields';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const failures = (cases: ReturnType<typeof runVectors>) => cases.filter((c) => !c.ok);

describe('runVectors on the project vectors', () => {
  const withoutBand = { ...vectors, band: undefined };

  it('passes every case outside the band section', () => {
    const cases = runVectors(withoutBand);
    expect(failures(cases)).toEqual([]);
    const sections = new Set(cases.map((c) => c.section));
    expect([...sections]).toEqual(['crc16_check', 'cobs', 'ccl', 'ccb', 'xyloband', 'pixmob']);
    // Two cases (encode, decode) per vector, one crc check.
    expect(cases).toHaveLength(1 + 2 * (vectors.cobs.length + vectors.ccl.length + vectors.ccb.length + vectors.xyloband.length + vectors.pixmob.length));
  });

  it('fails every band case with a clear message when no band model is given', () => {
    const band = runVectors(vectors).filter((c) => c.section === 'band');
    expect(band).toHaveLength(vectors.band.length);
    expect(band.every((c) => !c.ok && c.detail === BAND_RUNNER_MISSING)).toBe(true);
  });

  it('judges band readings with a tolerance of 1 per channel', () => {
    const exact: BandScenarioRunner = (s) => s.expect.map((e) => ({ atMs: e.at_ms, expected: e.rgb, actual: e.rgb }));
    const offByOne: BandScenarioRunner = (s) =>
      s.expect.map((e) => ({ atMs: e.at_ms, expected: e.rgb, actual: e.rgb.map((c) => (c === 255 ? 254 : c + 1)) as typeof e.rgb }));
    const offByTwo: BandScenarioRunner = (s) =>
      s.expect.map((e) => ({ atMs: e.at_ms, expected: e.rgb, actual: e.rgb.map((c) => (c >= 250 ? c - 2 : c + 2)) as typeof e.rgb }));
    const only = { band: vectors.band.slice(0, 2) };
    expect(failures(runVectors(only, { band: exact }))).toEqual([]);
    expect(failures(runVectors(only, { band: offByOne }))).toEqual([]);
    const bad = failures(runVectors(only, { band: offByTwo }));
    expect(bad).toHaveLength(2);
    expect(bad[0].detail).toMatch(/^15\/15 readings off: at 5 ms expected \[0,0,0\] got \[2,2,2\];.*\.\.\. 12 more$/);
  });

  it('reports a runner that throws as a failed case', () => {
    const cases = runVectors({ band: vectors.band.slice(0, 1) }, { band: () => { throw new Error('model exploded'); } });
    expect(cases).toEqual([{ section: 'band', name: '#1 zone 30 pixel 12603', ok: false, detail: 'threw: model exploded' }]);
  });
});

describe('runVectors catches a wrong implementation or vector', () => {
  it('names the CCL field that differs', () => {
    const f = { ccl: clone(vectors.ccl.slice(6, 7)) };
    f.ccl[0].fields.bitrate = 9600;
    const [enc, dec] = runVectors(f);
    expect(enc).toMatchObject({ ok: false, name: 'info encode' });
    expect(enc.detail).toMatch(/^payload: expected/);
    expect(dec.detail).toMatch(/^fields: expected .*"bitrate":9600.*got .*"bitrate":38400/);
  });

  it('names a bad wire encoding', () => {
    const f = { ccl: clone(vectors.ccl.slice(0, 1)) };
    f.ccl[0].wire = '030101039dc900';
    const [enc, dec] = runVectors(f);
    expect(enc.detail).toBe('wire: expected 030101039dc900, got 030101039dc800');
    expect(dec.detail).toMatch(/^frame: CCL frame crc/);
  });

  it('fails a CCB vector whose bytes disagree', () => {
    const f = { ccb: clone(vectors.ccb.slice(0, 1)) };
    f.ccb[0].bytes = '01010100ff8000f402';
    const [enc, dec] = runVectors(f);
    expect(enc.detail).toBe('bytes: expected 01010100ff8000f402, got 01010100ff8000f401');
    expect(dec.ok).toBe(false);
  });

  it('fails crc, cobs and xyloband mismatches', () => {
    const f = {
      crc16_check: { ascii: '123456789', crc: 1 },
      cobs: [{ raw: '00', encoded: '0102' }],
      xyloband: [{ ...clone(vectors.xyloband[0]), counter: 2 }],
    };
    const cases = runVectors(f);
    expect(cases.map((c) => [c.section, c.ok])).toEqual([
      ['crc16_check', false], ['cobs', false], ['cobs', false], ['xyloband', false], ['xyloband', false],
    ]);
    expect(cases[0].detail).toBe('expected 0x1, got 0x29b1');
    expect(cases[4].detail).toBe('counter: expected 2, got 1');
  });

  it('fails a PixMob code or line that does not match', () => {
    const good = clone(vectors.pixmob[1]);
    const cases = runVectors({ pixmob: [{ ...good, rgb: [248, 0, 0] }, { ...good, line: good.line.replace('[', '[0') }] });
    expect(cases.map((c) => c.ok)).toEqual([false, false, false, true]);
    expect(cases[0].detail).toMatch(/^bytes: expected/);
    expect(cases[2].detail).toMatch(/^line: expected/);
  });

  it('reports a field the implementation does not know as a failed case, not a crash', () => {
    const f = { ccl: [{ ...clone(vectors.ccl[0]), type: 0x70 }] };
    const [enc] = runVectors(f);
    expect(enc).toMatchObject({ ok: false, detail: 'threw: type 112 is not a CCL message type' });
  });
});

describe('runVectors refuses a malformed file with a clear error', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not an object', [1, 2], /top level must be a JSON object/],
    ['null', null, /top level must be a JSON object/],
    ['no known section', { spec: 'x' }, /none of the sections crc16_check, cobs, ccl, ccb, band, xyloband, pixmob/],
    ['section of the wrong type', { cobs: 'nope' }, /cobs: /],
    ['bad hex', { cobs: [{ raw: 'zz', encoded: '01' }] }, /cobs\.0\.raw: must be a hex string of whole bytes/],
    ['missing field', { ccl: [{ name: 'x', type: 1, seq: 0, payload: '', fields: {}, frame: '' }] }, /ccl\.0\.wire/],
    ['seq out of range', { ccl: [{ ...vectors.ccl[0], seq: 300 }] }, /ccl\.0\.seq/],
    ['band rgb', { band: [{ ...vectors.band[0], expect: [{ at_ms: 1, rgb: [1, 2] }] }] }, /band\.0\.expect\.0\.rgb/],
  ];
  for (const [label, file, pattern] of cases) {
    it(label, () => {
      expect(() => runVectors(file)).toThrow(VectorsFileError);
      expect(() => runVectors(file)).toThrow(pattern);
    });
  }
});

describe('deepEqual', () => {
  it('ignores key order and undefined keys, compares bytes by content', () => {
    expect(deepEqual({ a: 1, b: [1, { c: Uint8Array.of(1) }] }, { b: [1, { c: Uint8Array.of(1) }], a: 1, d: undefined })).toBe(true);
    expect(deepEqual({ a: Uint8Array.of(1) }, { a: [1] })).toBe(false);
    expect(deepEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
