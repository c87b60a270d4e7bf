import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CcbEncodeError, ccbLength, ccbTargetMatches, decodeCcb, encodeCcb, maskZones, validateCcb, zoneColorsCapacity, zoneMask } from './codec';
import type { CcbPacket, CcbTarget, Rgb } from './types';

const vectors = JSON.parse(readFileSync(new URL('../../test-data/vectors.json', import.meta.url), 'utf8')) as {
  ccb: { name: string; bytes: string; fields: Record<string, unknown> }[];
};

const hexBytes = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
const toHexStr = (u: Uint8Array) => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('');

/** The vectors use the spec's snake_case names; packets use camelCase. */
function vectorPacket(fields: Record<string, unknown>): CcbPacket {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  return out as unknown as CcbPacket;
}

describe('CCB vectors', () => {
  it('has vectors to run', () => expect(vectors.ccb.length).toBeGreaterThan(5));
  for (const v of vectors.ccb) {
    it(`encodes ${v.name}`, () => expect(toHexStr(encodeCcb(vectorPacket(v.fields)))).toBe(v.bytes));
    it(`decodes ${v.name}`, () => expect(decodeCcb(hexBytes(v.bytes))).toEqual({ ok: true, value: vectorPacket(v.fields) }));
  }
});

const u8 = fc.integer({ min: 0, max: 255 });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const rgb = fc.tuple(u8, u8, u8) as fc.Arbitrary<Rgb>;
const slot = fc.integer({ min: 0, max: 7 });

const target: fc.Arbitrary<CcbTarget> = fc.oneof(
  fc.constant({ kind: 'ALL' as const }),
  fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 64 }).map((z) => ({ kind: 'ZONES' as const, zones: z.sort((a, b) => a - b) })),
  fc.tuple(u16, u16).map(([a, b]) => ({ kind: 'PIXELS' as const, first: Math.min(a, b), last: Math.max(a, b) })),
);

const command = fc.oneof(
  fc.record({ cmd: fc.constant('COLOR' as const), rgb, fadeMs: u16 }),
  fc.record({
    cmd: fc.constant('EFFECT' as const),
    shape: fc.constantFrom('SQUARE', 'SINE', 'RAMP', 'RAINBOW', 'SPARKLE' as const),
    c1: rgb,
    c2: rgb,
    periodMs: fc.integer({ min: 1, max: 0xffff }),
    axis: fc.constantFrom('NONE', 'LINEAR', 'RADIAL', 'ZONE' as const),
    dir: u8,
    spread: u8,
    startMs: u32,
  }),
  fc.record({ cmd: fc.constant('MASTER' as const), level: u8 }),
  fc.record({ cmd: fc.constant('SYNC' as const), clockMs: u32 }),
  fc.record({ cmd: fc.constant('PALETTE' as const), image: slot, colors: fc.array(rgb, { minLength: 1, maxLength: 10 }) }),
  fc.record({
    cmd: fc.constant('IMAGE' as const),
    image: slot,
    first: u16,
    runs: fc.array(fc.tuple(fc.integer({ min: 1, max: 255 }), u8), { maxLength: 14 }),
  }),
  fc.record({ cmd: fc.constant('SHOW_IMAGE' as const), image: slot, fadeMs: u16, startMs: u32 }),
  fc.record({ cmd: fc.constantFrom('WAKE', 'SLEEP' as const) }),
  fc
    .tuple(fc.integer({ min: 0, max: 63 }), fc.array(rgb, { minLength: 1, maxLength: 13 }), u16)
    .filter(([first, colors]) => first + colors.length <= 64)
    .map(([first, colors, fadeMs]) => ({ cmd: 'ZONE_COLORS' as const, form: 'RUN' as const, fadeMs, zones: colors.map((c, k): [number, Rgb] => [first + k, c]) })),
  fc
    .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { minLength: 1, maxLength: 10 }), fc.array(rgb, { minLength: 10, maxLength: 10 }), u16)
    .map(([zones, colors, fadeMs]) => ({ cmd: 'ZONE_COLORS' as const, form: 'LIST' as const, fadeMs, zones: zones.map((z, k): [number, Rgb] => [z, colors[k]]) })),
);

const packet = fc
  .tuple(u8, fc.integer({ min: 1, max: 255 }), target, command)
  .map(([site, seq, t, c]) => ({ site, seq, target: t, ...c }) as CcbPacket)
  .filter((p) => ccbLength(p) <= 48);

describe('CCB round trip', () => {
  it('decode(encode(p)) = p for random valid packets', () => {
    fc.assert(
      fc.property(packet, (p) => {
        const bytes = encodeCcb(p);
        expect(bytes.length).toBe(ccbLength(p));
        expect(decodeCcb(bytes)).toEqual({ ok: true, value: p });
      }),
      { numRuns: 2000 },
    );
  });

  it('decoding random bytes never throws, and what decodes re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (bytes) => {
        const r = decodeCcb(bytes);
        if (r.ok) expect(encodeCcb(r.value)).toEqual(bytes);
        else expect(r.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 5000 },
    );
  });

  it('decodes bytes that start with a known header too (mutations of valid packets)', () => {
    fc.assert(
      fc.property(packet, fc.nat(), fc.nat(), (p, cut, flip) => {
        const bytes = encodeCcb(p);
        const short = bytes.slice(0, cut % (bytes.length + 1));
        const r1 = decodeCcb(short);
        const listed = p.cmd === 'IMAGE' || p.cmd === 'PALETTE' || p.cmd === 'ZONE_COLORS';
        if (short.length < bytes.length && !listed) expect(r1.ok).toBe(false);
        const mutated = bytes.slice();
        mutated[flip % mutated.length] ^= 0xff;
        decodeCcb(mutated);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('decode errors', () => {
  const decodeHex = (h: string) => decodeCcb(hexBytes(h));

  it('names the missing field when too short, keeping site and seq', () => {
    const r = decodeHex('01010100ff80');
    expect(r).toMatchObject({ ok: false, error: { code: 'TOO_SHORT', field: 'rgb.b', site: 1, seq: 1 } });
    expect(decodeHex('')).toMatchObject({ ok: false, error: { code: 'TOO_SHORT', field: 'site' } });
    expect(decodeHex('07')).toMatchObject({ ok: false, error: { code: 'TOO_SHORT', field: 'seq', site: 7 } });
    expect(decodeHex('0102010101')).toMatchObject({ ok: false, error: { code: 'TOO_SHORT', field: 'mask', seq: 2 } });
  });

  it('reports unknown command, target, shape and axis', () => {
    expect(decodeHex('01010b00')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CMD', field: 'cmd', offset: 2 } });
    expect(decodeHex('01010103')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_TARGET', field: 'target', offset: 3 } });
    expect(decodeHex('0103020009ff0000000020d00701001088130000')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SHAPE', site: 1, seq: 3 } });
    expect(decodeHex('0103020002ff0000000020d00707001088130000')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_AXIS', offset: 13 } });
  });

  it('reports half a run, a zero-length run, trailing bytes and bad fields', () => {
    expect(decodeHex('0108060002e8030a0005')).toMatchObject({ ok: false, error: { code: 'BAD_RUN', offset: 9, seq: 8 } });
    expect(decodeHex('0108060002e803000005')).toMatchObject({ ok: false, error: { code: 'BAD_RUN', field: 'runs[0].len' } });
    expect(decodeHex('010503008000')).toMatchObject({ ok: false, error: { code: 'TRAILING_BYTES', offset: 5 } });
    expect(decodeHex('0100030080')).toMatchObject({ ok: false, error: { code: 'BAD_FIELD', field: 'seq' } });
    expect(decodeHex('010705000200')).toMatchObject({ ok: false, error: { code: 'BAD_FIELD', field: 'colors' } });
    expect(decodeHex('0103020002ff000000002000000100108813000')).toMatchObject({ ok: false });
    expect(decodeHex('0103020002ff0000000020000001001088130000')).toMatchObject({ ok: false, error: { code: 'BAD_FIELD', field: 'period_ms' } });
    expect(decodeHex('01010102ffff0000ff0000f401')).toMatchObject({ ok: false, error: { code: 'BAD_FIELD', field: 'target.last' } });
    expect(decodeCcb(new Uint8Array(49))).toMatchObject({ ok: false, error: { code: 'TOO_LONG' } });
  });
});

describe('ZONE_COLORS', () => {
  const decodeHex = (h: string) => decodeCcb(hexBytes(h));
  const list: CcbPacket = { site: 1, seq: 5, target: { kind: 'ALL' }, cmd: 'ZONE_COLORS', form: 'LIST', fadeMs: 0, zones: [[3, [1, 2, 3]]] };
  const bad = (p: unknown) => validateCcb(p as CcbPacket);

  it('carries 13 zones in a RUN and 10 in a LIST with an ALL target, fewer beside a mask', () => {
    expect([zoneColorsCapacity('RUN'), zoneColorsCapacity('LIST'), zoneColorsCapacity('RUN', 'ZONES'), zoneColorsCapacity('LIST', 'ZONES')]).toEqual([13, 10, 10, 8]);
    const run = (n: number): CcbPacket => ({ ...list, form: 'RUN', zones: Array.from({ length: n }, (_, z): [number, Rgb] => [z, [z, z, z]]) });
    expect(ccbLength(run(13))).toBe(47);
    expect(validateCcb(run(13))).toEqual([]);
    expect(validateCcb(run(15))).toEqual(['length: packet is 53 bytes, at most 48 fit']);
  });

  it('reports an unknown form, half an entry, no entry and a zone past 63', () => {
    expect(decodeHex('01050a0003000003010203')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FORM', field: 'form', offset: 4, site: 1, seq: 5 } });
    expect(decodeHex('01050a00020000030102030401')).toMatchObject({ ok: false, error: { code: 'BAD_ENTRY', field: 'zones[1]', offset: 11, seq: 5 } });
    expect(decodeHex('01050a0001000000')).toMatchObject({ ok: false, error: { code: 'TOO_SHORT', field: 'zones[0].rgb', seq: 5 } });
    expect(decodeHex('01050a00020000')).toMatchObject({ ok: false, error: { code: 'TOO_SHORT', field: 'zones[0].zone' } });
    expect(decodeHex('01050a000100')).toMatchObject({ ok: false, error: { code: 'TOO_SHORT', field: 'fade_ms' } });
    expect(decodeHex('01050a0002000040010203')).toMatchObject({ ok: false, error: { code: 'BAD_FIELD', field: 'zones[0].zone' } });
    // A RUN from zone 63 with two colours would reach zone 64.
    expect(decodeHex('01050a000100003f010203040506')).toMatchObject({ ok: false, error: { code: 'BAD_FIELD', field: 'zones[1].zone' } });
    expect(decodeHex('01050a000200000301020303040506')).toMatchObject({ ok: false, error: { code: 'BAD_FIELD', field: 'zones[1].zone' } });
  });

  it('names each bad field when encoding', () => {
    expect(bad({ ...list, form: 'GRID' })).toEqual(['form: must be RUN or LIST, got "GRID"']);
    expect(bad({ ...list, zones: [] })).toEqual(['zones: must hold at least one [zone, [r, g, b]]']);
    expect(bad({ ...list, zones: [[64, [1, 2, 3]], [3, [1, 2]]] })).toEqual(['zones[0].zone: must be an integer 0..63, got 64', 'zones[1].rgb: must be [r, g, b]']);
    expect(bad({ ...list, zones: [[3, [1, 2, 3]], [3, [1, 2, 3]]] })).toEqual(['zones[1].zone: zone 3 is listed twice']);
    expect(bad({ ...list, form: 'RUN', zones: [[3, [1, 2, 3]], [5, [1, 2, 3]]] })).toEqual(['zones[1].zone: a RUN lists consecutive zones: expected 4, got 5']);
    expect(() => encodeCcb({ ...list, fadeMs: -1 })).toThrow(expect.objectContaining({ name: 'CcbEncodeError', field: 'fadeMs' }));
  });
});

describe('encode validation', () => {
  const color: CcbPacket = { site: 1, seq: 1, target: { kind: 'ALL' }, cmd: 'COLOR', rgb: [1, 2, 3], fadeMs: 0 };
  const bad = (p: unknown) => validateCcb(p as CcbPacket);

  it('accepts a valid packet', () => expect(validateCcb(color)).toEqual([]));

  it('names each bad field', () => {
    expect(bad({ ...color, seq: 0 })).toEqual(['seq: must be an integer 1..255, got 0']);
    expect(bad({ ...color, site: 256, rgb: [1, 2, 300], fadeMs: -1 })).toEqual([
      'site: must be an integer 0..255, got 256',
      'rgb[2]: must be an integer 0..255, got 300',
      'fadeMs: must be an integer 0..65535, got -1',
    ]);
    expect(bad({ ...color, target: { kind: 'ZONES', zones: [1, 64] } })).toEqual(['target.zones[1]: must be an integer 0..63, got 64']);
    expect(bad({ ...color, target: { kind: 'PIXELS', first: 5, last: 4 } })[0]).toMatch(/^target\.last/);
    expect(bad({ ...color, target: { kind: 'SEATS' } })[0]).toMatch(/^target\.kind/);
    expect(bad({ site: 1, seq: 1, target: { kind: 'ALL' }, cmd: 'PALETTE', image: 8, colors: [] })).toEqual([
      'image: must be an integer 0..7, got 8',
      'colors: must hold 1..12 colours',
    ]);
    expect(bad({ site: 1, seq: 1, target: { kind: 'ALL' }, cmd: 'IMAGE', image: 0, first: 0, runs: [[0, 1], [1, 256]] })).toEqual([
      'runs[0].len: must be an integer 1..255, got 0',
      'runs[1].index: must be an integer 0..255, got 256',
    ]);
    expect(bad({ site: 1, seq: 1, target: { kind: 'ALL' }, cmd: 'EFFECT', shape: 'BLINK', c1: [0, 0, 0], c2: [0, 0, 0], periodMs: 0, axis: 'UP', dir: 0, spread: 0, startMs: 2 ** 32 })).toEqual([
      'shape: unknown shape "BLINK"',
      'periodMs: must be an integer 1..65535, got 0',
      'axis: unknown axis "UP"',
      'startMs: must be an integer 0..4294967295, got 4294967296',
    ]);
    expect(bad({ ...color, cmd: 'DANCE' })).toEqual(['cmd: unknown command "DANCE"']);
  });

  it('refuses a packet longer than 48 bytes', () => {
    const palette: CcbPacket = { site: 1, seq: 1, target: { kind: 'ZONES', zones: [1] }, cmd: 'PALETTE', image: 0, colors: Array.from({ length: 12 }, (): Rgb => [1, 1, 1]) };
    expect(validateCcb(palette)).toEqual(['length: packet is 50 bytes, at most 48 fit']);
    expect(validateCcb({ ...palette, target: { kind: 'ALL' } })).toEqual([]);
  });

  it('throws CcbEncodeError naming the field', () => {
    expect(() => encodeCcb({ ...color, fadeMs: 70000 })).toThrow(CcbEncodeError);
    try {
      encodeCcb({ ...color, fadeMs: 70000 });
    } catch (e) {
      expect(e).toBeInstanceOf(CcbEncodeError);
      expect((e as CcbEncodeError).field).toBe('fadeMs');
      expect((e as CcbEncodeError).message).toContain('fadeMs');
    }
  });

  it('encodes zones in any order and duplicated as one mask', () => {
    const a = encodeCcb({ ...color, target: { kind: 'ZONES', zones: [40, 11, 0, 1, 1] } });
    expect(toHexStr(a.subarray(4, 12))).toBe('0308000000010000');
  });
});

describe('targets', () => {
  it('converts zone lists and masks', () => {
    expect(zoneMask([0, 63])).toBe((1n << 63n) | 1n);
    expect(maskZones(zoneMask([5, 2, 63]))).toEqual([2, 5, 63]);
  });
  it('matches bands', () => {
    const band = { zone: 3, pixel: 100 };
    expect(ccbTargetMatches({ kind: 'ALL' }, band)).toBe(true);
    expect(ccbTargetMatches({ kind: 'ZONES', zones: [3] }, band)).toBe(true);
    expect(ccbTargetMatches({ kind: 'ZONES', zones: [4] }, band)).toBe(false);
    expect(ccbTargetMatches({ kind: 'PIXELS', first: 100, last: 100 }, band)).toBe(true);
    expect(ccbTargetMatches({ kind: 'PIXELS', first: 101, last: 200 }, band)).toBe(false);
  });
});
