/**
 * The shape of a vectors file (protocol/test-data/vectors.json and any file a
 * vendor brings to `crowdcue conformance`). Every section is optional; unknown
 * top-level keys (`spec`, `notes`) are ignored. Byte strings are hex.
 */
import { z } from 'zod';
import { fail, ok, type DecodeResult } from '../result';

const hex = z.string().regex(/^(?:[0-9a-fA-F]{2})*$/, 'must be a hex string of whole bytes');
const u8 = z.number().int().min(0).max(255);
const u16 = z.number().int().min(0).max(0xffff);
const ms = z.number().finite();
const rgb = z.tuple([u8, u8, u8]);
const fields = z.record(z.string(), z.unknown());

const cobsVector = z.object({ raw: hex, encoded: hex });
const cclVector = z.object({ name: z.string(), type: u8, seq: u8, payload: hex, fields, frame: hex, wire: hex });
const ccbVector = z.object({ name: z.string(), bytes: hex, fields });
const bandScenario = z.object({
  name: z.string().optional(),
  band: z.object({ site: u8, zone: u8, pixel: u16, x: u8, y: u8 }),
  packets: z.array(z.object({ at_ms: ms, bytes: hex })),
  expect: z.array(z.object({ at_ms: ms, rgb })),
});
const xyloVector = z.object({
  name: z.string(),
  site: u8.optional(),
  zones_mask: z.number().int().min(0).max(0xfff).optional(),
  counter: u8.optional(),
  rgb: rgb.optional(),
  packet: hex,
  serial: hex.optional(),
});

const key3 = z.number().int().min(0).max(7);
const pixmobVector = z.object({
  name: z.string(),
  kind: z.enum(['color', 'flash']),
  rgb,
  attack: key3.optional(),
  sustain: key3.optional(),
  release: key3.optional(),
  chance: key3.optional(),
  group: z.number().int().min(0).max(31).optional(),
  bytes: hex,
  line: z.string().optional(),
});

export const VECTOR_SECTIONS = ['crc16_check', 'cobs', 'ccl', 'ccb', 'band', 'xyloband', 'pixmob'] as const;
export type VectorSection = (typeof VECTOR_SECTIONS)[number];

export const VectorsFileSchema = z.object({
  crc16_check: z.object({ ascii: z.string(), crc: u16 }).optional(),
  cobs: z.array(cobsVector).optional(),
  ccl: z.array(cclVector).optional(),
  ccb: z.array(ccbVector).optional(),
  band: z.array(bandScenario).optional(),
  xyloband: z.array(xyloVector).optional(),
  pixmob: z.array(pixmobVector).optional(),
});

export type VectorsFile = z.infer<typeof VectorsFileSchema>;
export type CclVector = z.infer<typeof cclVector>;
export type CcbVector = z.infer<typeof ccbVector>;
export type XylobandVector = z.infer<typeof xyloVector>;
export type PixmobVector = z.infer<typeof pixmobVector>;
/** One `band` scenario exactly as the file holds it (snake_case, hex packets). */
export type BandScenario = z.infer<typeof bandScenario>;

/** A malformed vectors file; the message names each problem by its path in the file. */
export class VectorsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VectorsFileError';
  }
}

const MAX_ISSUES = 10;

/** Checks a parsed JSON value against the vectors-file shape. Never throws. */
export function parseVectorsFile(file: unknown): DecodeResult<VectorsFile> {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    return fail({ code: 'BAD_FILE', message: 'malformed vectors file: the top level must be a JSON object' });
  }
  const parsed = VectorsFileSchema.safeParse(file);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(top level)'}: ${i.message}`);
    const shown = issues.slice(0, MAX_ISSUES);
    if (issues.length > shown.length) shown.push(`... and ${issues.length - shown.length} more`);
    return fail({ code: 'BAD_FILE', message: `malformed vectors file: ${shown.join('; ')}`, field: parsed.error.issues[0]?.path.map(String).join('.') });
  }
  if (!VECTOR_SECTIONS.some((s) => parsed.data[s] !== undefined)) {
    return fail({ code: 'BAD_FILE', message: `malformed vectors file: it holds none of the sections ${VECTOR_SECTIONS.join(', ')}` });
  }
  return ok(parsed.data);
}
