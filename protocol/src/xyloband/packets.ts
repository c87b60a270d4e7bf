/**
 * Xyloband packets as a XyloSender puts them on air (spec section 3, from the
 * public XyloLibrary). Only solid colour, three preset colours, fade-out, wake,
 * keep-alive and sleep are known; anything richer is rendered by the host as a
 * series of colour commands.
 */
import type { Rgb } from '../ccb/types';
import { fail, ok, type DecodeResult } from '../result';

export const XYLO_HEADER_BYTES = 5;
/** Fifth header byte; its meaning is unknown, the library always sends 0xFF. */
export const XYLO_HEADER_MARKER = 0xff;
export const XYLO_ZONE_COUNT = 12;
export const XYLO_ALL_ZONES = 0xfff;
/** Longest packet the XyloSender sketch accepts (its length byte is at most 63). */
export const XYLO_MAX_PACKET = 63;
/** The library sends every command this many times... */
export const XYLO_REPEATS = 4;
/** ...this far apart. */
export const XYLO_REPEAT_GAP_MS = 80;
/** Wake is repeated every XYLO_REPEAT_GAP_MS for this long. */
export const XYLO_WAKE_MS = 10_000;
/** The DMX example sends a keep-alive this often... */
export const XYLO_KEEPALIVE_INTERVAL_MS = 2000;
/** ...and re-sends every zone's colour this often, changed or not. */
export const XYLO_REFRESH_MS = 500;
/** The XyloSender blinks its LED this long after each packet and reads nothing meanwhile. */
export const XYLO_SENDER_BUSY_MS = 50;

/** Raw wake packet (no header added); the same bytes serve as keep-alive. */
export const XYLO_WAKE = Uint8Array.of(0x00, 0xff, 0xff, 0x00, 0x81, 0x02);
export const XYLO_KEEP_ALIVE = XYLO_WAKE;
/** Raw sleep packet (no header added). */
export const XYLO_SLEEP = Uint8Array.of(0x00, 0xff, 0xff, 0x00, 0x82, 0x02);

/** Colour command body up to the mode byte: `06 01 3E 00 00 00 FA 03 08`. */
const COLOR_BODY = [0x06, 0x01, 0x3e, 0x00, 0x00, 0x00, 0xfa, 0x03, 0x08] as const;
const COLOR_MODE_RGB332 = 0x01;
const COLOR_MODE_PRESET = 0x00;
const FADE_OUT_BODY = [0x00, 0x01, 0x42, 0x03, 0x40, 0x8f, 0x02] as const;

export type XyloPreset = 'red' | 'green' | 'blue';
export const XYLO_PRESETS: Record<XyloPreset, number> = { red: 0xf8, green: 0xfb, blue: 0xfd };

/** Who a command packet is for. */
export interface XyloAddress {
  site: number;
  /** 12-bit zone mask: zone 1 = bit 0 ... zone 12 = bit 11; all = 0xFFF. */
  zonesMask: number;
  /** 1..255, advancing per command (see nextXyloCounter). */
  counter: number;
}

function intField(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Xyloband ${field} must be an integer ${min}..${max}, got ${String(value)}`);
  }
  return value;
}

/** The counter after `counter`: 1..255, skipping 0. */
export function nextXyloCounter(counter: number): number {
  intField('counter', counter, 0, 255);
  return counter >= 255 ? 1 : counter + 1;
}

/** Mask of Xyloband zones 1..12. */
export function xyloZoneMask(zones: Iterable<number>): number {
  let mask = 0;
  for (const z of zones) mask |= 1 << (intField('zone', z, 1, XYLO_ZONE_COUNT) - 1);
  return mask;
}

/** Zones 1..12 set in a mask, ascending. */
export function xyloZonesOf(mask: number): number[] {
  const zones: number[] = [];
  for (let z = 1; z <= XYLO_ZONE_COUNT; z++) if (mask & (1 << (z - 1))) zones.push(z);
  return zones;
}

/** RGB332 as the library packs it: r/32 in bits 0-2, g/32 in bits 3-5, b/64 in bits 6-7. */
export function rgb332(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c, i) => intField(['r', 'g', 'b'][i], c, 0, 255));
  return (r >> 5) | ((g >> 5) << 3) | ((b >> 6) << 6);
}

/** The colour an RGB332 value stands for, each channel scaled to full range. */
export function rgbFrom332(v: number): Rgb {
  return [Math.round(((v & 7) * 255) / 7), Math.round((((v >> 3) & 7) * 255) / 7), Math.round((((v >> 6) & 3) * 255) / 3)];
}

export function xyloHeader(addr: XyloAddress): Uint8Array {
  const site = intField('site', addr.site, 0, 255);
  const mask = intField('zonesMask', addr.zonesMask, 1, XYLO_ALL_ZONES);
  const counter = intField('counter', addr.counter, 1, 255);
  return Uint8Array.of(site, mask & 0x3f, (mask >> 6) & 0x3f, counter, XYLO_HEADER_MARKER);
}

/** Header plus command bytes. Throws RangeError naming a bad field or a packet over 63 bytes. */
export function xyloCommandPacket(addr: XyloAddress, command: ArrayLike<number>): Uint8Array {
  const header = xyloHeader(addr);
  if (header.length + command.length > XYLO_MAX_PACKET) {
    throw new RangeError(`Xyloband packet must be at most ${XYLO_MAX_PACKET} bytes, got ${header.length + command.length}`);
  }
  const out = new Uint8Array(header.length + command.length);
  out.set(header);
  out.set(command, header.length);
  return out;
}

export function xyloColorPacket(p: XyloAddress & { rgb: Rgb }): Uint8Array {
  return xyloCommandPacket(p, [...COLOR_BODY, COLOR_MODE_RGB332, rgb332(p.rgb)]);
}

export function xyloPresetPacket(p: XyloAddress & { preset: XyloPreset }): Uint8Array {
  const v = XYLO_PRESETS[p.preset];
  if (v === undefined) throw new RangeError(`Xyloband preset must be one of red, green, blue, got ${String(p.preset)}`);
  return xyloCommandPacket(p, [...COLOR_BODY, COLOR_MODE_PRESET, v]);
}

export function xyloFadeOutPacket(p: XyloAddress): Uint8Array {
  return xyloCommandPacket(p, FADE_OUT_BODY);
}

/** What the host writes to a XyloSender: one length byte (1..63), then the packet. */
export function xyloSerialFrame(packet: Uint8Array): Uint8Array {
  if (packet.length < 1 || packet.length > XYLO_MAX_PACKET) {
    throw new RangeError(`Xyloband packet must be 1..${XYLO_MAX_PACKET} bytes for the XyloSender, got ${packet.length}`);
  }
  const out = new Uint8Array(packet.length + 1);
  out[0] = packet.length;
  out.set(packet, 1);
  return out;
}

/** Unwraps one XyloSender serial frame (length byte + packet). Never throws. */
export function decodeXyloSerial(bytes: Uint8Array): DecodeResult<Uint8Array> {
  if (bytes.length === 0) return fail({ code: 'TOO_SHORT', field: 'length', message: 'XyloSender frame is empty (no length byte)' });
  const len = bytes[0];
  if (len === 0 || len > XYLO_MAX_PACKET) {
    return fail({ code: 'BAD_FIELD', field: 'length', offset: 0, message: `XyloSender length byte is ${len}; it must be 1..${XYLO_MAX_PACKET}` });
  }
  if (bytes.length !== len + 1) {
    return fail({
      code: bytes.length < len + 1 ? 'TOO_SHORT' : 'TOO_LONG',
      field: 'packet',
      message: `XyloSender length byte announces ${len} bytes but ${bytes.length - 1} follow`,
    });
  }
  return ok(bytes.slice(1));
}

interface XyloHeaderFields {
  site: number;
  zonesMask: number;
  /** Zones 1..12 in the mask. */
  zones: number[];
  counter: number;
}

export type XyloDecoded =
  /** Wake; the same packet is the keep-alive. */
  | { kind: 'wake' }
  | { kind: 'sleep' }
  /** A raw (headerless, `00 FF FF ...`) packet other than wake and sleep. */
  | { kind: 'raw'; bytes: Uint8Array }
  | (XyloHeaderFields & { kind: 'color'; rgb332: number; rgb: Rgb })
  | (XyloHeaderFields & { kind: 'preset'; value: number; preset: XyloPreset | null })
  | (XyloHeaderFields & { kind: 'fade-out' })
  /** A well-formed header with a command we do not know. */
  | (XyloHeaderFields & { kind: 'command'; command: Uint8Array });

const equalBytes = (a: Uint8Array, b: ArrayLike<number>, from = 0): boolean => {
  if (a.length - from !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[from + i] !== b[i]) return false;
  return true;
};

/** Says what an on-air Xyloband packet is (for captures and the CLI). Never throws. */
export function decodeXylo(packet: Uint8Array): DecodeResult<XyloDecoded> {
  if (equalBytes(packet, XYLO_WAKE)) return ok({ kind: 'wake' });
  if (equalBytes(packet, XYLO_SLEEP)) return ok({ kind: 'sleep' });
  if (packet.length > XYLO_MAX_PACKET) {
    return fail({ code: 'TOO_LONG', field: 'packet', message: `Xyloband packet is ${packet.length} bytes; at most ${XYLO_MAX_PACKET}` });
  }
  if (packet.length >= 3 && packet[1] === 0xff && packet[2] === 0xff) return ok({ kind: 'raw', bytes: packet.slice() });
  if (packet.length < XYLO_HEADER_BYTES) {
    return fail({ code: 'TOO_SHORT', field: 'header', message: `Xyloband packet is ${packet.length} bytes; the header alone is ${XYLO_HEADER_BYTES}` });
  }
  for (const at of [1, 2]) {
    if (packet[at] > 0x3f) {
      return fail({
        code: 'BAD_FIELD',
        field: 'zones',
        offset: at,
        message: `Xyloband zone byte 0x${packet[at].toString(16)} at offset ${at} sets bits above the 6 zone bits`,
      });
    }
  }
  if (packet[3] === 0) return fail({ code: 'BAD_FIELD', field: 'counter', offset: 3, message: 'Xyloband counter is 0; it runs 1..255' });
  if (packet[4] !== XYLO_HEADER_MARKER) {
    return fail({ code: 'BAD_FIELD', field: 'marker', offset: 4, message: `Xyloband header byte 4 is 0x${packet[4].toString(16)}, expected 0xff` });
  }
  const zonesMask = packet[1] | (packet[2] << 6);
  const head: XyloHeaderFields = { site: packet[0], zonesMask, zones: xyloZonesOf(zonesMask), counter: packet[3] };
  const body = XYLO_HEADER_BYTES;
  const colorEnd = body + COLOR_BODY.length;
  if (packet.length === colorEnd + 2 && equalBytes(packet.subarray(body, colorEnd), COLOR_BODY)) {
    const mode = packet[packet.length - 2];
    const v = packet[packet.length - 1];
    if (mode === COLOR_MODE_RGB332) return ok({ ...head, kind: 'color', rgb332: v, rgb: rgbFrom332(v) });
    if (mode === COLOR_MODE_PRESET) {
      const preset = (Object.keys(XYLO_PRESETS) as XyloPreset[]).find((k) => XYLO_PRESETS[k] === v) ?? null;
      return ok({ ...head, kind: 'preset', value: v, preset });
    }
  }
  if (equalBytes(packet, FADE_OUT_BODY, body)) return ok({ ...head, kind: 'fade-out' });
  return ok({ ...head, kind: 'command', command: packet.slice(body) });
}
