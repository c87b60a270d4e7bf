/**
 * What the live show was doing, kept in `<data>/runtime.json` so a restart
 * carries on: which show is live, whether it runs, its master, blackout and busks,
 * and where it was, anchored to the wall clock (a show running on its clock
 * is, after a restart, where it would have got to by now). Written
 * atomically; a file that does not read is reported and ignored, never half
 * trusted.
 */
import { join } from 'node:path';
import { formatIssues, IdSchema, LookSchema, MsSchema, U8Schema, ZoneIdSchema } from '@crowdcue/protocol';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from '../storage/atomic-json';
import type { SessionSnapshot } from './show-session';

export const RUNTIME_FILE = 'runtime.json';

const RuntimeFileSchema = z.strictObject({
  version: z.literal(1),
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
});

export type RuntimeFile = z.output<typeof RuntimeFileSchema>;

export function runtimeFilePath(dataDir: string): string {
  return join(dataDir, RUNTIME_FILE);
}

export function runtimeRecord(show: string | null, snap: SessionSnapshot | null, wallMs = Date.now()): RuntimeFile {
  return {
    version: 1,
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

export type ReadRuntime = { ok: true; record: RuntimeFile | undefined } | { ok: false; error: string };

export async function readRuntimeFile(dataDir: string): Promise<ReadRuntime> {
  const path = runtimeFilePath(dataDir);
  let raw: unknown;
  try {
    raw = await readJson(path);
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  if (raw === undefined) return { ok: true, record: undefined };
  const parsed = RuntimeFileSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = formatIssues(parsed.error.issues);
    return { ok: false, error: `${path}: ${errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')}` };
  }
  return { ok: true, record: parsed.data };
}

export async function writeRuntimeFile(dataDir: string, record: RuntimeFile): Promise<void> {
  await writeJsonAtomic(runtimeFilePath(dataDir), record);
}
