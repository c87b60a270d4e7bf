import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vectors from '../../test-data/vectors.json';
import { fromHex, toHex } from '../hex';
import {
  XYLO_ALL_ZONES, XYLO_SLEEP, XYLO_WAKE, decodeXylo, decodeXyloSerial, nextXyloCounter, rgb332, rgbFrom332,
  xyloColorPacket, xyloCommandPacket, xyloFadeOutPacket, xyloPresetPacket, xyloSerialFrame, xyloZoneMask, xyloZonesOf,
} from './packets';
import type { Rgb } from '../ccb/types';

type XyloVector = { name: string; site?: number; zones_mask?: number; counter?: number; rgb?: number[]; packet: string; serial?: string };
const xylo = vectors.xyloband as XyloVector[];

describe('Xyloband vectors', () => {
  for (const v of xylo) {
    it(`${v.name}: encodes`, () => {
      let packet: Uint8Array;
      if (v.rgb) packet = xyloColorPacket({ site: v.site!, zonesMask: v.zones_mask!, counter: v.counter!, rgb: v.rgb as Rgb });
      else if (v.site === undefined) packet = XYLO_WAKE;
      else packet = xyloFadeOutPacket({ site: v.site, zonesMask: v.zones_mask!, counter: v.counter! });
      expect(toHex(packet)).toBe(v.packet);
      if (v.serial) expect(toHex(xyloSerialFrame(packet))).toBe(v.serial);
    });
    it(`${v.name}: decodes`, () => {
      const r = decodeXylo(fromHex(v.packet));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      if (v.site === undefined) {
        expect(r.value.kind).toBe('wake');
      } else {
        expect(r.value).toMatchObject({ site: v.site, zonesMask: v.zones_mask, counter: v.counter });
        expect(r.value.kind).toBe(v.rgb ? 'color' : 'fade-out');
        if (v.rgb && r.value.kind === 'color') expect(r.value.rgb332).toBe(rgb332(v.rgb as Rgb));
      }
      if (v.serial) expect(decodeXyloSerial(fromHex(v.serial))).toEqual({ ok: true, value: fromHex(v.packet) });
    });
  }
});

describe('Xyloband packets', () => {
  const addr = { site: 2, zonesMask: XYLO_ALL_ZONES, counter: 7 };

  it('packs RGB332 by integer division', () => {
    expect(rgb332([255, 0, 0])).toBe(0x07);
    expect(rgb332([0, 255, 0])).toBe(0x38);
    expect(rgb332([0, 0, 255])).toBe(0xc0);
    expect(rgb332([31, 63, 63])).toBe(0x08);
    expect(rgbFrom332(0xff)).toEqual([255, 255, 255]);
    expect(rgbFrom332(0)).toEqual([0, 0, 0]);
    fc.assert(fc.property(fc.nat(255), (v) => {
      expect(rgb332(rgbFrom332(v))).toBe(v);
    }));
  });

  it('builds preset colour packets', () => {
    expect(toHex(xyloPresetPacket({ ...addr, preset: 'green' }))).toBe('023f3f07ff06013e000000fa030800fb');
    const r = decodeXylo(xyloPresetPacket({ ...addr, preset: 'blue' }));
    expect(r.ok && r.value).toMatchObject({ kind: 'preset', preset: 'blue', value: 0xfd });
  });

  it('counts 1..255 and skips 0', () => {
    expect(nextXyloCounter(1)).toBe(2);
    expect(nextXyloCounter(254)).toBe(255);
    expect(nextXyloCounter(255)).toBe(1);
    expect(nextXyloCounter(0)).toBe(1);
  });

  it('maps zones 1..12 to the mask and back', () => {
    expect(xyloZoneMask([1])).toBe(1);
    expect(xyloZoneMask([7, 12])).toBe(0x840);
    expect(xyloZoneMask([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])).toBe(XYLO_ALL_ZONES);
    expect(xyloZonesOf(0x840)).toEqual([7, 12]);
    expect(() => xyloZoneMask([0])).toThrow(/zone must be an integer 1\.\.12, got 0/);
    expect(() => xyloZoneMask([13])).toThrow(/zone/);
  });

  it('refuses bad header fields, naming them', () => {
    expect(() => xyloColorPacket({ ...addr, counter: 0, rgb: [0, 0, 0] })).toThrow(/counter must be an integer 1\.\.255/);
    expect(() => xyloColorPacket({ ...addr, site: 256, rgb: [0, 0, 0] })).toThrow(/site/);
    expect(() => xyloColorPacket({ ...addr, zonesMask: 0x1000, rgb: [0, 0, 0] })).toThrow(/zonesMask/);
    expect(() => xyloColorPacket({ ...addr, zonesMask: 0, rgb: [0, 0, 0] })).toThrow(/zonesMask/);
    expect(() => xyloColorPacket({ ...addr, rgb: [0, 256, 0] })).toThrow(/\bg must be/);
    expect(() => xyloPresetPacket({ ...addr, preset: 'pink' as 'red' })).toThrow(/preset/);
  });

  it('frames for the XyloSender: at most 63 bytes, never empty', () => {
    expect(toHex(xyloSerialFrame(XYLO_SLEEP))).toBe('0600ffff008202');
    expect(xyloSerialFrame(new Uint8Array(63))[0]).toBe(63);
    expect(() => xyloSerialFrame(new Uint8Array(64))).toThrow(/at most|1\.\.63/);
    expect(() => xyloSerialFrame(new Uint8Array())).toThrow(/1\.\.63/);
    expect(() => xyloCommandPacket(addr, new Uint8Array(59))).toThrow(/at most 63 bytes, got 64/);
  });

  it('decodeXyloSerial names a bad length byte', () => {
    expect(decodeXyloSerial(fromHex('40'))).toMatchObject({ ok: false, error: { field: 'length', code: 'BAD_FIELD' } });
    expect(decodeXyloSerial(fromHex('0301'))).toMatchObject({ ok: false, error: { code: 'TOO_SHORT' } });
    expect(decodeXyloSerial(fromHex('01aabb'))).toMatchObject({ ok: false, error: { code: 'TOO_LONG' } });
    expect(decodeXyloSerial(new Uint8Array())).toMatchObject({ ok: false, error: { code: 'TOO_SHORT' } });
  });

  it('decodes sleep, raw, unknown commands and names bad headers', () => {
    expect(decodeXylo(XYLO_SLEEP)).toEqual({ ok: true, value: { kind: 'sleep' } });
    expect(decodeXylo(fromHex('00ffff008302'))).toMatchObject({ ok: true, value: { kind: 'raw' } });
    expect(decodeXylo(fromHex('01010203ff0a0b'))).toMatchObject({
      ok: true, value: { kind: 'command', site: 1, zonesMask: 0x81, zones: [1, 8], counter: 3, command: fromHex('0a0b') },
    });
    expect(decodeXylo(fromHex('0101'))).toMatchObject({ ok: false, error: { code: 'TOO_SHORT', field: 'header' } });
    expect(decodeXylo(fromHex('0140000aff'))).toMatchObject({ ok: false, error: { field: 'zones', offset: 1 } });
    expect(decodeXylo(fromHex('01010100ff'))).toMatchObject({ ok: false, error: { field: 'counter' } });
    expect(decodeXylo(fromHex('0101010100'))).toMatchObject({ ok: false, error: { field: 'marker' } });
    expect(decodeXylo(new Uint8Array(64))).toMatchObject({ ok: false, error: { code: 'TOO_LONG' } });
  });

  it('round-trips any colour packet and never throws on random bytes', () => {
    fc.assert(fc.property(
      fc.nat(255), fc.integer({ min: 1, max: 0xfff }), fc.integer({ min: 1, max: 255 }), fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)),
      (site, zonesMask, counter, rgb) => {
        const r = decodeXylo(xyloColorPacket({ site, zonesMask, counter, rgb }));
        expect(r.ok && r.value).toMatchObject({ kind: 'color', site, zonesMask, counter, rgb332: rgb332(rgb) });
      },
    ));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      decodeXylo(bytes);
      decodeXyloSerial(bytes);
    }));
  });
});
