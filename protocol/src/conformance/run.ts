/**
 * Runs a vectors file against this implementation: every section present
 * (crc16_check, cobs, ccl, ccb, band, xyloband, pixmob), one result per case. The band
 * section needs a band model, which lives in the simulator; pass it as
 * `opts.band`.
 */
import { decodeCcb, encodeCcb } from '../ccb/codec';
import type { CcbPacket, Rgb } from '../ccb/types';
import { decodeWireFrame, encodeFrameBytes } from '../ccl/frame';
import { cclTypeName, encodeCclFrame, encodeMessage, nackReasonFromCode, parseMessage } from '../ccl/messages';
import { CCL_VERSION, NackReason, type CclMessage } from '../ccl/types';
import { cobsDecode, cobsEncode } from '../cobs';
import { crc16 } from '../crc16';
import { fromHex, toHex } from '../hex';
import {
  XYLO_SLEEP, XYLO_WAKE, decodeXylo, decodeXyloSerial, rgb332, xyloColorPacket, xyloFadeOutPacket, xyloPresetPacket, xyloSerialFrame,
} from '../xyloband/packets';
import { decodePixmob, encodePixmob, type PixmobCommand } from '../pixmob/ir-code';
import { parseForwarderLine, pixmobLine } from '../pixmob/forwarder-line';
import { camelToSnake, deepEqual, renameKeys, show, snakeToCamel } from './fields';
import {
  VECTOR_SECTIONS, VectorsFileError, parseVectorsFile,
  type BandScenario, type CcbVector, type CclVector, type PixmobVector, type VectorSection, type XylobandVector,
} from './vectors-file';

export { VectorsFileError, parseVectorsFile, type BandScenario, type VectorsFile, type VectorSection } from './vectors-file';

export interface ConformanceCase {
  section: VectorSection;
  name: string;
  ok: boolean;
  /** Why it failed (or a note); absent on a plain pass. */
  detail?: string;
}

/** Feeds a band scenario to a band model and reads its colour at each expected time. */
export type BandScenarioRunner = (scenario: BandScenario) => Array<{ atMs: number; expected: Rgb; actual: Rgb }>;

export interface RunVectorsOptions {
  band?: BandScenarioRunner;
}

export const BAND_RUNNER_MISSING = "band section needs the simulator's band model";
/** Band outputs may differ by this much per channel from floating-point rounding (vectors notes). */
export const BAND_TOLERANCE = 1;

/** A case body: returns nothing on a pass, a detail string on a failure, or throws (also a failure). */
type Check = () => string | undefined;

function runCase(section: VectorSection, name: string, check: Check): ConformanceCase {
  try {
    const detail = check();
    return detail === undefined ? { section, name, ok: true } : { section, name, ok: false, detail };
  } catch (e) {
    return { section, name, ok: false, detail: `threw: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function compareHex(what: string, expected: string, actual: Uint8Array): string | undefined {
  const got = toHex(actual);
  return got === expected.toLowerCase() ? undefined : `${what}: expected ${expected.toLowerCase()}, got ${got}`;
}

const firstFailure = (...checks: Array<() => string | undefined>): string | undefined => {
  for (const c of checks) {
    const d = c();
    if (d !== undefined) return d;
  }
  return undefined;
};

// ---------------------------------------------------------------- sections

function crcCases(check: { ascii: string; crc: number }): ConformanceCase[] {
  return [
    runCase('crc16_check', `ascii ${JSON.stringify(check.ascii)}`, () => {
      const got = crc16(new TextEncoder().encode(check.ascii));
      return got === check.crc ? undefined : `expected 0x${check.crc.toString(16)}, got 0x${got.toString(16)}`;
    }),
  ];
}

function cobsCases(vectors: { raw: string; encoded: string }[]): ConformanceCase[] {
  return vectors.flatMap((v, i) => {
    const name = `#${i + 1} (${v.raw.length / 2} bytes)`;
    return [
      runCase('cobs', `${name} encode`, () => compareHex('encoded', v.encoded, cobsEncode(fromHex(v.raw)))),
      runCase('cobs', `${name} decode`, () => {
        const r = cobsDecode(fromHex(v.encoded));
        return r.ok ? compareHex('raw', v.raw, r.value) : `decode failed: ${r.error.message}`;
      }),
    ];
  });
}

/** A CCL vector's fields as our typed message. */
export function cclMessageFromVector(v: Pick<CclVector, 'type' | 'fields'>): CclMessage {
  const type = cclTypeName(v.type);
  if (!type) throw new Error(`type ${v.type} is not a CCL message type`);
  const fields = renameKeys(v.fields, snakeToCamel) as Record<string, unknown>;
  for (const key of ['rf', 'data']) if (typeof fields[key] === 'string') fields[key] = fromHex(fields[key] as string);
  if (type === 'NACK' && typeof fields.reason === 'number') fields.reason = nackReasonFromCode(fields.reason);
  return { ...fields, type } as CclMessage;
}

/** A typed CCL message as a vector's fields (snake_case, hex, numeric NACK reason). */
export function cclVectorFields(message: CclMessage): Record<string, unknown> {
  const { type: _type, ...rest } = message as CclMessage & Record<string, unknown>;
  const fields = renameKeys(rest, camelToSnake) as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields)) if (v instanceof Uint8Array) fields[k] = toHex(v);
  if (message.type === 'NACK' && typeof message.reason === 'string') fields.reason = NackReason[message.reason];
  return fields;
}

function cclCases(vectors: CclVector[]): ConformanceCase[] {
  return vectors.flatMap((v) => [
    runCase('ccl', `${v.name} encode`, () => {
      const message = cclMessageFromVector(v);
      return firstFailure(
        () => compareHex('payload', v.payload, encodeMessage(message).payload),
        () => compareHex('frame', v.frame, encodeFrameBytes({ version: CCL_VERSION, type: v.type, seq: v.seq, payload: fromHex(v.payload) })),
        () => compareHex('wire', v.wire, encodeCclFrame(v.seq, message)),
      );
    }),
    runCase('ccl', `${v.name} decode`, () => {
      const wire = fromHex(v.wire);
      if (wire[wire.length - 1] !== 0) return 'wire: does not end with the 00 delimiter';
      const unstuffed = cobsDecode(wire.subarray(0, -1));
      if (!unstuffed.ok) return `wire: ${unstuffed.error.message}`;
      const raw = decodeWireFrame(wire);
      if (!raw.ok) return `frame: ${raw.error.message}`;
      const parsed = parseMessage(raw.value);
      if (!parsed.ok) return `message: ${parsed.error.message}`;
      const fields = cclVectorFields(parsed.value.message);
      return firstFailure(
        () => compareHex('frame', v.frame, unstuffed.value),
        () => (raw.value.type === v.type ? undefined : `type: expected ${v.type}, got ${raw.value.type}`),
        () => (parsed.value.seq === v.seq ? undefined : `seq: expected ${v.seq}, got ${parsed.value.seq}`),
        () => compareHex('payload', v.payload, raw.value.payload),
        () => (deepEqual(fields, v.fields) ? undefined : `fields: expected ${show(v.fields)}, got ${show(fields)}`),
      );
    }),
  ]);
}

/** A CCB vector's fields as our packet type (camelCase keys; names stay names). */
export function ccbPacketFromVector(v: Pick<CcbVector, 'fields'>): CcbPacket {
  return renameKeys(v.fields, snakeToCamel) as CcbPacket;
}

function ccbCases(vectors: CcbVector[]): ConformanceCase[] {
  return vectors.flatMap((v) => [
    runCase('ccb', `${v.name} encode`, () => compareHex('bytes', v.bytes, encodeCcb(ccbPacketFromVector(v)))),
    runCase('ccb', `${v.name} decode`, () => {
      const expected = ccbPacketFromVector(v);
      const r = decodeCcb(fromHex(v.bytes));
      if (!r.ok) return `decode failed: ${r.error.message}`;
      return deepEqual(r.value, expected) ? undefined : `expected ${show(expected)}, got ${show(r.value)}`;
    }),
  ]);
}

function bandCaseName(s: BandScenario, i: number): string {
  return s.name ?? `#${i + 1} zone ${s.band.zone} pixel ${s.band.pixel}`;
}

function bandCases(scenarios: BandScenario[], runner: BandScenarioRunner | undefined): ConformanceCase[] {
  return scenarios.map((s, i) =>
    runCase('band', bandCaseName(s, i), () => {
      if (!runner) return BAND_RUNNER_MISSING;
      const results = runner(s);
      if (results.length !== s.expect.length) return `runner gave ${results.length} readings for ${s.expect.length} expected`;
      const misses: string[] = [];
      results.forEach((r, k) => {
        const want = s.expect[k];
        const close = r.actual.length === 3 && want.rgb.every((c, ch) => Math.abs(c - r.actual[ch]) <= BAND_TOLERANCE);
        if (!close) misses.push(`at ${want.at_ms} ms expected ${show(want.rgb)} got ${show(r.actual)}`);
      });
      if (misses.length === 0) return undefined;
      const more = misses.length > 3 ? `; ... ${misses.length - 3} more` : '';
      return `${misses.length}/${results.length} readings off: ${misses.slice(0, 3).join('; ')}${more}`;
    }),
  );
}

/** Builds the packet a Xyloband vector describes from its fields (the command kind read from the packet when no rgb is given). */
function xyloPacketFromVector(v: XylobandVector): Uint8Array {
  if (v.rgb) return xyloColorPacket({ site: v.site!, zonesMask: v.zones_mask!, counter: v.counter!, rgb: v.rgb });
  const decoded = decodeXylo(fromHex(v.packet));
  if (!decoded.ok) throw new Error(`cannot tell which command the vector describes: ${decoded.error.message}`);
  const addr = { site: v.site!, zonesMask: v.zones_mask!, counter: v.counter! };
  switch (decoded.value.kind) {
    case 'wake':
      return XYLO_WAKE;
    case 'sleep':
      return XYLO_SLEEP;
    case 'fade-out':
      return xyloFadeOutPacket(addr);
    case 'preset':
      if (decoded.value.preset) return xyloPresetPacket({ ...addr, preset: decoded.value.preset });
      break;
  }
  throw new Error(`no builder for a ${decoded.value.kind} packet`);
}

function xyloCases(vectors: XylobandVector[]): ConformanceCase[] {
  return vectors.flatMap((v) => [
    runCase('xyloband', `${v.name} encode`, () => {
      const packet = xyloPacketFromVector(v);
      return firstFailure(
        () => compareHex('packet', v.packet, packet),
        () => (v.serial === undefined ? undefined : compareHex('serial', v.serial, xyloSerialFrame(packet))),
      );
    }),
    runCase('xyloband', `${v.name} decode`, () => {
      const r = decodeXylo(fromHex(v.packet));
      if (!r.ok) return `decode failed: ${r.error.message}`;
      const d = r.value;
      const header = 'site' in d ? { site: d.site, zones_mask: d.zonesMask, counter: d.counter } : {};
      const checks: Array<() => string | undefined> = (['site', 'zones_mask', 'counter'] as const).map((k) => () => {
        const want = v[k];
        const got = (header as Record<string, number | undefined>)[k];
        return want === undefined || want === got ? undefined : `${k}: expected ${want}, got ${got}`;
      });
      if (v.rgb) {
        const want = v.rgb;
        checks.push(() => {
          if (d.kind !== 'color') return `expected a colour command, got ${d.kind}`;
          const expected = rgb332(want);
          return expected === d.rgb332 ? undefined : `rgb332: expected 0x${expected.toString(16)}, got 0x${d.rgb332.toString(16)}`;
        });
      }
      if (v.serial !== undefined) {
        const serial = v.serial;
        checks.push(() => {
          const s = decodeXyloSerial(fromHex(serial));
          return s.ok ? compareHex('serial packet', v.packet, s.value) : `serial: ${s.error.message}`;
        });
      }
      return firstFailure(...checks);
    }),
  ]);
}

function pixmobCommandOf(v: PixmobVector): PixmobCommand {
  if (v.kind === 'flash') return { kind: 'flash', rgb: v.rgb };
  return { kind: 'color', rgb: v.rgb, attack: v.attack ?? 0, sustain: v.sustain ?? 0, release: v.release ?? 0, chance: v.chance ?? 0, group: v.group ?? 0 };
}

function pixmobCases(vectors: PixmobVector[]): ConformanceCase[] {
  return vectors.flatMap((v) => [
    runCase('pixmob', `${v.name} encode`, () => {
      const cmd = pixmobCommandOf(v);
      return firstFailure(
        () => compareHex('bytes', v.bytes, encodePixmob(cmd)),
        () => (v.line === undefined || v.line === pixmobLine(cmd) ? undefined : `line: expected ${v.line}, got ${pixmobLine(cmd)}`),
      );
    }),
    runCase('pixmob', `${v.name} decode`, () => {
      const d = decodePixmob(fromHex(v.bytes));
      if (!d.ok) return `decode failed: ${d.error.message}`;
      const want = pixmobCommandOf(v);
      return firstFailure(
        () => (deepEqual(d.value, want) ? undefined : `command: expected ${show(want)}, got ${show(d.value)}`),
        () => {
          if (v.line === undefined) return undefined;
          const p = parseForwarderLine(v.line);
          if (!p.ok) return `line: ${p.error.message}`;
          return p.value.codes.length === 1 ? compareHex('line code', v.bytes, p.value.codes[0]) : `line: ${p.value.codes.length} codes, expected 1`;
        },
      );
    }),
  ]);
}

// ---------------------------------------------------------------- entry

/**
 * Runs every section present in `file` (a parsed vectors JSON). Throws
 * VectorsFileError naming the problem when the file's shape is wrong; a case
 * whose check throws is reported as a failed case, never thrown.
 */
export function runVectors(file: unknown, opts: RunVectorsOptions = {}): ConformanceCase[] {
  const parsed = parseVectorsFile(file);
  if (!parsed.ok) throw new VectorsFileError(parsed.error.message);
  const f = parsed.value;
  const out: ConformanceCase[] = [];
  for (const section of VECTOR_SECTIONS) {
    switch (section) {
      case 'crc16_check':
        if (f.crc16_check) out.push(...crcCases(f.crc16_check));
        break;
      case 'cobs':
        if (f.cobs) out.push(...cobsCases(f.cobs));
        break;
      case 'ccl':
        if (f.ccl) out.push(...cclCases(f.ccl));
        break;
      case 'ccb':
        if (f.ccb) out.push(...ccbCases(f.ccb));
        break;
      case 'band':
        if (f.band) out.push(...bandCases(f.band, opts.band));
        break;
      case 'xyloband':
        if (f.xyloband) out.push(...xyloCases(f.xyloband));
        break;
      case 'pixmob':
        if (f.pixmob) out.push(...pixmobCases(f.pixmob));
        break;
    }
  }
  return out;
}
