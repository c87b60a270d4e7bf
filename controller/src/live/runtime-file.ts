/**
 * What the live show was doing, kept in `<data>/runtime.json` so a restart
 * carries on: which show is live, whether it runs, its master, blackout and busks,
 * and where it was, anchored to the wall clock (a show running on its clock
 * is, after a restart, where it would have got to by now). Written
 * atomically with a `.bak`; a file that does not read falls back to the
 * `.bak`, else is reported and ignored, never half trusted.
 *
 * The record is versioned and grouped so more state slots in: `band` is what
 * the bands themselves remember (the CCB seq block reserved ahead, the
 * band-clock epoch on the wall clock), so a restart neither repeats a seq the
 * bands would drop nor moves their clock. `rev` orders it against the
 * command journal's records (the newer wins on start-up).
 */
import { join } from 'node:path';
import { formatIssues, IdSchema, LookSchema, MsSchema, U8Schema, ZoneIdSchema } from '@crowdcue/protocol';
import { z } from 'zod';
import { readJsonRecovering, writeJsonAtomic, type JsonCheck } from '../storage/atomic-json';
import type { SessionSnapshot } from './show-session';

export const RUNTIME_FILE = 'runtime.json';

/** What the bands remember across a controller restart. */
const BandStateSchema = z.strictObject({
  /** Every seq handed out so far is below this count (unwrapped: seq = count mod 255 + 1); a restart starts here. */
  seqReserved: z.number().int().min(0),
  /** Wall clock (epoch ms) at band time 0: SYNC after a restart carries the band clock on from it. */
  epochWallMs: z.number(),
});

export type BandState = z.output<typeof BandStateSchema>;

const LiveFields = {
  show: IdSchema.nullable(),
  status: z.enum(['stopped', 'running', 'paused']),
  positionMs: z.number().min(0),
  /** Wall clock (epoch ms) when positionMs was read. */
  wallMs: z.number(),
  current: z.strictObject({ cueId: IdSchema, goPositionMs: MsSchema }).nullable(),
  master: U8Schema,
  blackout: z.boolean(),
  busks: z.array(z.strictObject({ zone: ZoneIdSchema, look: LookSchema })),
  /** Every playback (cue list) with its position and fader; the fields above are the first's. */
  playbacks: z
    .array(
      z.strictObject({
        cueList: IdSchema,
        status: z.enum(['stopped', 'running', 'paused']),
        positionMs: z.number().min(0),
        current: z.strictObject({ cueId: IdSchema, goPositionMs: MsSchema }).nullable(),
        level: U8Schema,
      }),
    )
    .optional(),
  savedAt: z.string(),
};

const RuntimeFileV1Schema = z.strictObject({ version: z.literal(1), ...LiveFields });

const RuntimeFileSchema = z.strictObject({
  version: z.literal(2),
  /** Grows with every record written (runtime.json or journal); the highest is the newest. */
  rev: z.number().int().min(0),
  band: BandStateSchema.nullable(),
  ...LiveFields,
});

/** Version 1 (no rev, no band state) reads as version 2; each version's own schema names what is wrong. */
const RuntimeFileV1AsV2 = RuntimeFileV1Schema.transform((v1) => ({ ...v1, version: 2 as const, rev: 0, band: null }));

export type RuntimeFile = z.output<typeof RuntimeFileSchema>;

export function runtimeFilePath(dataDir: string): string {
  return join(dataDir, RUNTIME_FILE);
}

export interface RecordMeta {
  rev: number;
  band: BandState | null;
}

export function runtimeRecord(show: string | null, snap: SessionSnapshot | null, meta: RecordMeta = { rev: 0, band: null }, wallMs = Date.now()): RuntimeFile {
  return {
    version: 2,
    rev: meta.rev,
    band: meta.band,
    show,
    status: snap?.status ?? 'stopped',
    positionMs: Math.max(0, snap?.positionMs ?? 0),
    wallMs,
    current: snap?.current ?? null,
    master: snap?.master ?? 255,
    blackout: snap?.blackout ?? false,
    busks: snap?.busks ?? [],
    ...(snap?.playbacks ? { playbacks: snap.playbacks.map((p) => ({ ...p, positionMs: Math.max(0, p.positionMs) })) } : {}),
    savedAt: new Date(wallMs).toISOString(),
  };
}

/** The snapshot to restore from a record: a running show has moved on by the wall time since. */
export function snapshotAt(record: RuntimeFile, wallNow = Date.now()): SessionSnapshot {
  const moved = record.status === 'running' ? Math.max(0, wallNow - record.wallMs) : 0;
  return {
    status: record.status,
    positionMs: record.positionMs + moved,
    current: record.current,
    master: record.master,
    blackout: record.blackout,
    busks: record.busks,
    ...(record.playbacks
      ? { playbacks: record.playbacks.map((p) => ({ ...p, positionMs: p.positionMs + (p.status === 'running' ? Math.max(0, wallNow - record.wallMs) : 0) })) }
      : {}),
  };
}

/** Checks a parsed runtime record (version 1 is read as version 2 with no band state). */
export const checkRuntimeRecord: JsonCheck<RuntimeFile> = (raw) => {
  const v1 = (raw as { version?: unknown } | null)?.version === 1;
  const parsed = v1 ? RuntimeFileV1AsV2.safeParse(raw) : RuntimeFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = formatIssues(parsed.error.issues);
  return { ok: false, error: errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ') };
};

export type ReadRuntime = { ok: true; record: RuntimeFile | undefined; recovered?: string } | { ok: false; error: string };

export async function readRuntimeFile(dataDir: string): Promise<ReadRuntime> {
  const read = await readJsonRecovering(runtimeFilePath(dataDir), checkRuntimeRecord);
  switch (read.status) {
    case 'missing':
      return { ok: true, record: undefined };
    case 'ok':
      return { ok: true, record: read.value };
    case 'recovered':
      return { ok: true, record: read.value, recovered: `${read.problem}; used ${RUNTIME_FILE}.bak` };
    case 'damaged':
      return { ok: false, error: read.problem };
  }
}

export async function writeRuntimeFile(dataDir: string, record: RuntimeFile): Promise<void> {
  await writeJsonAtomic(runtimeFilePath(dataDir), record, { backup: { check: checkRuntimeRecord } });
}
