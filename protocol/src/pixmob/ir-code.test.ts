import { describe, expect, it } from 'vitest';
import { bitsToRuns, decodePixmob, encodePixmob, pixmobBits, pixmobBytesFromBits, runsToBits, type PixmobColorCommand } from './ir-code';

const colour = (rgb: [number, number, number], extra: Partial<PixmobColorCommand> = {}): PixmobColorCommand => ({ kind: 'color', rgb, attack: 0, sustain: 0, release: 0, chance: 0, group: 0, ...extra });

describe('PixMob IR codes', () => {
  it('encodes the published worked example: single colour rgb(0, 252, 192)', () => {
    const bytes = encodePixmob({ kind: 'flash', rgb: [0, 252, 192] });
    expect([...bytes]).toEqual([0x80, 0x5a, 0x21, 0x26, 0x21, 0x5a]);
    expect(pixmobBits(bytes)).toEqual([1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1]);
  });

  it('round-trips every field of the colour command through the IR slots', () => {
    const cmd = colour([12, 252, 184], { attack: 4, sustain: 2, release: 6, chance: 6, group: 0 });
    const bytes = pixmobBytesFromBits(runsToBits(bitsToRuns(pixmobBits(encodePixmob(cmd)))));
    expect(bytes.ok).toBe(true);
    if (!bytes.ok) return;
    expect(decodePixmob(bytes.value)).toEqual({ ok: true, value: cmd });
  });

  it('keeps every run short whatever the fields (no run of 9 slots inside a code)', () => {
    for (let i = 0; i < 64; i++) {
      const v = i * 4;
      const runs = bitsToRuns(pixmobBits(encodePixmob(colour([v, 252 - v, (i * 28) % 256 & ~3], { attack: i & 7, sustain: (i >> 3) & 7, release: (i + 3) & 7, chance: (i * 5) & 7 }))));
      expect(Math.max(...runs)).toBeLessThan(9);
    }
  });

  it('refuses a channel the band cannot hold and a field out of range', () => {
    expect(() => encodePixmob(colour([255, 0, 0]))).toThrow(/red must be a multiple of 4/);
    expect(() => encodePixmob(colour([0, 0, 0], { attack: 8 }))).toThrow(/attack must be an integer 0..7/);
  });

  it('names what is wrong with damaged slots', () => {
    const bits = pixmobBits(encodePixmob(colour([0, 128, 0])));
    const flipped = [...bits];
    flipped[20] ^= 1;
    const r = pixmobBytesFromBits(flipped);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['BAD_BYTE', 'BAD_CHECKSUM']).toContain(r.error.code);
    expect(pixmobBytesFromBits(bits.slice(0, 30))).toMatchObject({ ok: false, error: { code: 'BAD_LENGTH' } });
    expect(pixmobBytesFromBits([0, 0])).toMatchObject({ ok: false, error: { code: 'NO_CODE' } });
  });
});
