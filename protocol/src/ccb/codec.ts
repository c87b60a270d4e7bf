/**
 * CCB codec: band packets to bytes and back (spec section 2).
 * Encoding refuses anything a band could not take, naming the field; decoding
 * never throws and keeps site and seq when it could read them, because a band
 * records `seq` even for a malformed packet (spec 2.2).
 */
import { fail, ok, type DecodeResult } from '../result';
import {
  CCB_AXIS, CCB_CMD, CCB_IMAGE_SLOTS, CCB_MAX_PALETTE, CCB_SHAPE, CCB_TARGET, CCB_ZONE_COLORS_FORM, ZONE_COLORS_ENTRY, ZONE_COLORS_HEAD, codeName,
} from './codes';
import { maskZones, zoneMask } from './target';
import { CCB_MAX_BYTES, type CcbDecodeError, type CcbPacket, type CcbTarget, type Rgb, type ZoneColor, type ZoneColorsForm } from './types';

export * from './codes';
export * from './target';

/** Thrown by `encodeCcb` for a packet a band could not take; `field` names the culprit. */
export class CcbEncodeError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly problems: string[] = [`${field}: ${message}`],
  ) {
    super(problems.length > 1 ? `bad CCB packet: ${problems.join('; ')}` : `bad CCB packet: ${field}: ${message}`);
    this.name = 'CcbEncodeError';
  }
}

interface Problem {
  field: string;
  message: string;
}

const HEADER = 4;
const TARGET_BYTES: Record<CcbTarget['kind'], number> = { ALL: 0, ZONES: 8, PIXELS: 4 };

/** Bytes of a packet's arguments after the target, for a valid packet. */
function argBytes(p: CcbPacket): number {
  switch (p.cmd) {
    case 'COLOR':
      return 5;
    case 'EFFECT':
      return 16;
    case 'MASTER':
      return 1;
    case 'SYNC':
      return 4;
    case 'PALETTE':
      return 2 + 3 * p.colors.length;
    case 'IMAGE':
      return 3 + 2 * p.runs.length;
    case 'SHOW_IMAGE':
      return 7;
    case 'WAKE':
    case 'SLEEP':
      return 0;
    case 'ZONE_COLORS':
      return zoneColorsArgBytes(p.form, p.zones.length);
  }
}

/** Argument bytes of a ZONE_COLORS with `n` entries in `form`. */
export function zoneColorsArgBytes(form: ZoneColorsForm, n: number): number {
  return ZONE_COLORS_HEAD + (form === 'RUN' ? 1 : 0) + ZONE_COLORS_ENTRY[form] * n;
}

/** Most ZONE_COLORS entries one packet with this target can carry in `form` (48-byte limit). */
export function zoneColorsCapacity(form: ZoneColorsForm, target: CcbTarget['kind'] = 'ALL'): number {
  const room = CCB_MAX_BYTES - HEADER - TARGET_BYTES[target] - ZONE_COLORS_HEAD - (form === 'RUN' ? 1 : 0);
  return Math.floor(room / ZONE_COLORS_ENTRY[form]);
}

/** Size on air of a valid packet, bytes. */
export function ccbLength(p: CcbPacket): number {
  return HEADER + TARGET_BYTES[p.target.kind] + argBytes(p);
}

function problems(p: CcbPacket): Problem[] {
  const out: Problem[] = [];
  const isInt = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  const int = (v: unknown, field: string, lo: number, hi: number) => {
    if (!isInt(v, lo, hi)) out.push({ field, message: `must be an integer ${lo}..${hi}, got ${JSON.stringify(v)}` });
  };
  const u8 = (v: unknown, f: string) => int(v, f, 0, 0xff);
  const u16 = (v: unknown, f: string) => int(v, f, 0, 0xffff);
  const u32 = (v: unknown, f: string) => int(v, f, 0, 0xffffffff);
  const rgb = (v: unknown, f: string) => {
    if (!Array.isArray(v) || v.length !== 3) out.push({ field: f, message: 'must be [r, g, b]' });
    else v.forEach((c, i) => u8(c, `${f}[${i}]`));
  };
  const slot = (v: unknown) => int(v, 'image', 0, CCB_IMAGE_SLOTS - 1);

  if (p === null || typeof p !== 'object') return [{ field: 'packet', message: 'must be an object' }];
  u8(p.site, 'site');
  int(p.seq, 'seq', 1, 255);

  const t = p.target as CcbTarget | undefined;
  if (!t || typeof t !== 'object' || !(t.kind in CCB_TARGET)) {
    out.push({ field: 'target.kind', message: 'must be ALL, ZONES or PIXELS' });
  } else if (t.kind === 'ZONES') {
    if (!Array.isArray(t.zones)) out.push({ field: 'target.zones', message: 'must be a list of zones' });
    else t.zones.forEach((z, i) => int(z, `target.zones[${i}]`, 0, 63));
  } else if (t.kind === 'PIXELS') {
    u16(t.first, 'target.first');
    u16(t.last, 'target.last');
    if (isInt(t.first, 0, 0xffff) && isInt(t.last, 0, 0xffff) && t.first > t.last) {
      out.push({ field: 'target.last', message: `must be >= target.first (${t.first}), got ${t.last}` });
    }
  }

  switch (p.cmd) {
    case 'COLOR':
      rgb(p.rgb, 'rgb');
      u16(p.fadeMs, 'fadeMs');
      break;
    case 'EFFECT':
      if (!(p.shape in CCB_SHAPE)) out.push({ field: 'shape', message: `unknown shape ${JSON.stringify(p.shape)}` });
      rgb(p.c1, 'c1');
      rgb(p.c2, 'c2');
      int(p.periodMs, 'periodMs', 1, 0xffff);
      if (!(p.axis in CCB_AXIS)) out.push({ field: 'axis', message: `unknown axis ${JSON.stringify(p.axis)}` });
      u8(p.dir, 'dir');
      u8(p.spread, 'spread');
      u32(p.startMs, 'startMs');
      break;
    case 'MASTER':
      u8(p.level, 'level');
      break;
    case 'SYNC':
      u32(p.clockMs, 'clockMs');
      break;
    case 'PALETTE':
      slot(p.image);
      if (!Array.isArray(p.colors) || p.colors.length < 1 || p.colors.length > CCB_MAX_PALETTE) {
        out.push({ field: 'colors', message: `must hold 1..${CCB_MAX_PALETTE} colours` });
      } else p.colors.forEach((c, i) => rgb(c, `colors[${i}]`));
      break;
    case 'IMAGE':
      slot(p.image);
      u16(p.first, 'first');
      if (!Array.isArray(p.runs)) out.push({ field: 'runs', message: 'must be a list of [len, index]' });
      else
        p.runs.forEach((r, i) => {
          if (!Array.isArray(r) || r.length !== 2) out.push({ field: `runs[${i}]`, message: 'must be [len, index]' });
          else {
            int(r[0], `runs[${i}].len`, 1, 255);
            u8(r[1], `runs[${i}].index`);
          }
        });
      break;
    case 'SHOW_IMAGE':
      slot(p.image);
      u16(p.fadeMs, 'fadeMs');
      u32(p.startMs, 'startMs');
      break;
    case 'WAKE':
    case 'SLEEP':
      break;
    case 'ZONE_COLORS':
      if (!(p.form in CCB_ZONE_COLORS_FORM)) out.push({ field: 'form', message: `must be RUN or LIST, got ${JSON.stringify(p.form)}` });
      u16(p.fadeMs, 'fadeMs');
      if (!Array.isArray(p.zones) || p.zones.length < 1) out.push({ field: 'zones', message: 'must hold at least one [zone, [r, g, b]]' });
      else zoneColorProblems(p.zones, p.form, out, int, rgb);
      break;
    default:
      out.push({ field: 'cmd', message: `unknown command ${JSON.stringify((p as { cmd: unknown }).cmd)}` });
  }
  if (out.length === 0) {
    const len = ccbLength(p);
    if (len > CCB_MAX_BYTES) out.push({ field: 'length', message: `packet is ${len} bytes, at most ${CCB_MAX_BYTES} fit` });
  }
  return out;
}

/** Each entry a zone 0..63 with a colour, no zone twice; a RUN's zones consecutive and ascending. */
function zoneColorProblems(
  zones: ZoneColor[],
  form: ZoneColorsForm,
  out: Problem[],
  int: (v: unknown, field: string, lo: number, hi: number) => void,
  rgb: (v: unknown, field: string) => void,
): void {
  const seen = new Set<number>();
  zones.forEach((e, i) => {
    if (!Array.isArray(e) || e.length !== 2) {
      out.push({ field: `zones[${i}]`, message: 'must be [zone, [r, g, b]]' });
      return;
    }
    const [zone, colour] = e;
    int(zone, `zones[${i}].zone`, 0, 63);
    rgb(colour, `zones[${i}].rgb`);
    if (seen.has(zone)) out.push({ field: `zones[${i}].zone`, message: `zone ${zone} is listed twice` });
    seen.add(zone);
    const prev = i > 0 && Array.isArray(zones[i - 1]) ? zones[i - 1][0] : undefined;
    if (form === 'RUN' && typeof prev === 'number' && zone !== prev + 1) {
      out.push({ field: `zones[${i}].zone`, message: `a RUN lists consecutive zones: expected ${prev + 1}, got ${JSON.stringify(zone)}` });
    }
  });
}

/** Every reason the packet cannot go on air, each as `field: problem`; empty when it can. */
export function validateCcb(packet: CcbPacket): string[] {
  return problems(packet).map((p) => `${p.field}: ${p.message}`);
}

/** The packet's bytes on air. Throws `CcbEncodeError` naming the field at fault. */
export function encodeCcb(packet: CcbPacket): Uint8Array {
  const bad = problems(packet);
  if (bad.length) throw new CcbEncodeError(bad[0].field, bad[0].message, bad.map((b) => `${b.field}: ${b.message}`));
  const p = packet;
  const out = new Uint8Array(ccbLength(p));
  const view = new DataView(out.buffer);
  let o = 0;
  const u8 = (v: number) => void (out[o++] = v);
  const u16 = (v: number) => {
    view.setUint16(o, v, true);
    o += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(o, v, true);
    o += 4;
  };
  const rgb = (c: Rgb) => c.forEach(u8);

  u8(p.site);
  u8(p.seq);
  u8(CCB_CMD[p.cmd]);
  u8(CCB_TARGET[p.target.kind]);
  if (p.target.kind === 'ZONES') {
    view.setBigUint64(o, zoneMask(p.target.zones), true);
    o += 8;
  } else if (p.target.kind === 'PIXELS') {
    u16(p.target.first);
    u16(p.target.last);
  }
  switch (p.cmd) {
    case 'COLOR':
      rgb(p.rgb);
      u16(p.fadeMs);
      break;
    case 'EFFECT':
      u8(CCB_SHAPE[p.shape]);
      rgb(p.c1);
      rgb(p.c2);
      u16(p.periodMs);
      u8(CCB_AXIS[p.axis]);
      u8(p.dir);
      u8(p.spread);
      u32(p.startMs);
      break;
    case 'MASTER':
      u8(p.level);
      break;
    case 'SYNC':
      u32(p.clockMs);
      break;
    case 'PALETTE':
      u8(p.image);
      u8(p.colors.length);
      p.colors.forEach(rgb);
      break;
    case 'IMAGE':
      u8(p.image);
      u16(p.first);
      for (const [len, index] of p.runs) {
        u8(len);
        u8(index);
      }
      break;
    case 'SHOW_IMAGE':
      u8(p.image);
      u16(p.fadeMs);
      u32(p.startMs);
      break;
    case 'WAKE':
    case 'SLEEP':
      break;
    case 'ZONE_COLORS':
      u8(CCB_ZONE_COLORS_FORM[p.form]);
      u16(p.fadeMs);
      if (p.form === 'RUN') u8(p.zones[0][0]);
      for (const [zone, c] of p.zones) {
        if (p.form === 'LIST') u8(zone);
        rgb(c);
      }
      break;
  }
  return out;
}

/** Spec name of a packet field, for decode errors (`periodMs` -> `period_ms`). */
const specName = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Reads a CCB packet from untrusted bytes; never throws. */
export function decodeCcb(bytes: Uint8Array): DecodeResult<CcbPacket, CcbDecodeError> {
  const head: { site?: number; seq?: number } = {};
  if (bytes.length >= 1) head.site = bytes[0];
  if (bytes.length >= 2) head.seq = bytes[1];
  const error = (code: string, message: string, field?: string, offset?: number) =>
    fail<CcbDecodeError>({ code, message, ...(field !== undefined && { field }), ...(offset !== undefined && { offset }), ...head });

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  let short: { field: string; offset: number } | undefined;
  // Each read checks room first; the first shortfall is reported by name.
  const has = (n: number, field: string) => {
    if (short) return false;
    if (o + n > bytes.length) short = { field, offset: o };
    return !short;
  };
  const u8 = (field: string) => (has(1, field) ? bytes[o++] : 0);
  const u16 = (field: string) => (has(2, field) ? ((o += 2), view.getUint16(o - 2, true)) : 0);
  const u32 = (field: string) => (has(4, field) ? ((o += 4), view.getUint32(o - 4, true)) : 0);
  const rgb = (field: string): Rgb => [u8(`${field}.r`), u8(`${field}.g`), u8(`${field}.b`)];
  const tooShort = () =>
    error('TOO_SHORT', `packet ends at byte ${bytes.length}, before ${short!.field} (offset ${short!.offset})`, short!.field, short!.offset);

  if (bytes.length > CCB_MAX_BYTES) {
    return error('TOO_LONG', `packet is ${bytes.length} bytes, a CCB packet is at most ${CCB_MAX_BYTES}`, 'length', CCB_MAX_BYTES);
  }
  const site = u8('site');
  const seq = u8('seq');
  const cmdByte = u8('cmd');
  const targetByte = u8('target');
  if (short) return tooShort();

  const cmd = codeName(CCB_CMD, cmdByte);
  if (!cmd) return error('UNKNOWN_CMD', `unknown command 0x${hex(cmdByte)}`, 'cmd', 2);
  const targetKind = codeName(CCB_TARGET, targetByte);
  if (!targetKind) return error('UNKNOWN_TARGET', `unknown target kind 0x${hex(targetByte)}`, 'target', 3);

  let target: CcbTarget;
  if (targetKind === 'ZONES') {
    target = has(8, 'mask') ? { kind: 'ZONES', zones: maskZones(view.getBigUint64((o += 8) - 8, true)) } : { kind: 'ZONES', zones: [] };
  } else if (targetKind === 'PIXELS') {
    target = { kind: 'PIXELS', first: u16('first'), last: u16('last') };
  } else target = { kind: 'ALL' };
  if (short) return tooShort();

  let packet: CcbPacket;
  const base = { site, seq, target };
  switch (cmd) {
    case 'COLOR':
      packet = { ...base, cmd, rgb: rgb('rgb'), fadeMs: u16('fade_ms') };
      break;
    case 'EFFECT': {
      const shapeAt = o;
      const shapeByte = u8('shape');
      const c1 = rgb('c1');
      const c2 = rgb('c2');
      const periodMs = u16('period_ms');
      const axisAt = o;
      const axisByte = u8('axis');
      const dir = u8('dir');
      const spread = u8('spread');
      const startMs = u32('start_ms');
      if (short) return tooShort();
      const shape = codeName(CCB_SHAPE, shapeByte);
      if (!shape) return error('UNKNOWN_SHAPE', `unknown effect shape ${shapeByte}`, 'shape', shapeAt);
      const axis = codeName(CCB_AXIS, axisByte);
      if (!axis) return error('UNKNOWN_AXIS', `unknown effect axis ${axisByte}`, 'axis', axisAt);
      packet = { ...base, cmd, shape, c1, c2, periodMs, axis, dir, spread, startMs };
      break;
    }
    case 'MASTER':
      packet = { ...base, cmd, level: u8('level') };
      break;
    case 'SYNC':
      packet = { ...base, cmd, clockMs: u32('clock_ms') };
      break;
    case 'PALETTE': {
      const image = u8('image');
      const count = u8('count');
      const colors: Rgb[] = [];
      for (let i = 0; i < count && !short; i++) colors.push(rgb(`colors[${i}]`));
      packet = { ...base, cmd, image, colors };
      break;
    }
    case 'IMAGE': {
      const image = u8('image');
      const first = u16('first');
      if (short) return tooShort();
      const runs: [number, number][] = [];
      while (o < bytes.length) {
        if (o + 2 > bytes.length) return error('BAD_RUN', `half a run at the end (offset ${o})`, 'runs', o);
        const len = bytes[o];
        if (len === 0) return error('BAD_RUN', `run ${runs.length} has length 0 (offset ${o})`, `runs[${runs.length}].len`, o);
        runs.push([len, bytes[o + 1]]);
        o += 2;
      }
      packet = { ...base, cmd, image, first, runs };
      break;
    }
    case 'SHOW_IMAGE':
      packet = { ...base, cmd, image: u8('image'), fadeMs: u16('fade_ms'), startMs: u32('start_ms') };
      break;
    case 'WAKE':
    case 'SLEEP':
      packet = { ...base, cmd };
      break;
    case 'ZONE_COLORS': {
      const formAt = o;
      const formByte = u8('form');
      const fadeMs = u16('fade_ms');
      if (short) return tooShort();
      // A form this band does not know: a later version of the command, ignored as a whole.
      const form = codeName(CCB_ZONE_COLORS_FORM, formByte);
      if (!form) return error('UNKNOWN_FORM', `unknown ZONE_COLORS form ${formByte}`, 'form', formAt);
      const first = form === 'RUN' ? u8('first') : 0;
      if (short) return tooShort();
      const size = ZONE_COLORS_ENTRY[form];
      const zones: ZoneColor[] = [];
      // At least one entry; then entries to the end of the packet.
      do {
        if (o + size > bytes.length) {
          if (zones.length === 0) {
            short = { field: form === 'RUN' ? 'zones[0].rgb' : 'zones[0].zone', offset: o };
            return tooShort();
          }
          return error('BAD_ENTRY', `half an entry at the end (offset ${o})`, `zones[${zones.length}]`, o);
        }
        const zone = form === 'RUN' ? first + zones.length : bytes[o++];
        zones.push([zone, [bytes[o], bytes[o + 1], bytes[o + 2]]]);
        o += 3;
      } while (o < bytes.length);
      packet = { ...base, cmd, form, fadeMs, zones };
      break;
    }
  }
  if (short) return tooShort();
  if (o < bytes.length) {
    return error('TRAILING_BYTES', `${bytes.length - o} byte(s) after the end of ${cmd} (offset ${o})`, 'length', o);
  }
  const bad = problems(packet);
  if (bad.length) {
    const field = specName(bad[0].field);
    return error('BAD_FIELD', `${field}: ${bad[0].message}`, field);
  }
  return ok(packet);
}

const hex = (b: number) => b.toString(16).padStart(2, '0');
