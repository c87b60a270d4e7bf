/**
 * What flows from the active controller to its backup, one JSON object a
 * line (`GET /api/standby/follow`). Every line is checked against its schema
 * on the backup; a line that does not read ends the link with the reason
 * (the backup connects again) and is never half applied.
 *
 * - `hello`: who is active (controller id, fencing epoch) and where its console is.
 * - `file`: a data-directory file (accounts, a show) as it now is; `content` null = deleted.
 * - `logos`: the names of the uploaded logo files; the backup fetches those it lacks (followed-logos.ts).
 * - `reports`: the newest proof-of-play row's id; the backup fetches the rows it lacks (followed-reports.ts).
 * - `state`: a live-state record (runtime-file.ts), as it is written.
 * - `band`: the CCB seq block reserved ahead and the band-clock epoch, as reserved.
 * - `beat`: the heartbeat, every 100 ms, with the newest record's `rev`.
 */
import { z } from 'zod';
import { LOGO_FILE } from '../brand/logo-store';
import { checkRuntimeRecord, type BandState, type RuntimeFile } from '../live/runtime-file';

const BandSchema = z.strictObject({ seqReserved: z.number().int().min(0), epochWallMs: z.number() });

/** Files a follower may be sent: accounts.json and shows/<id>.json, nothing else. */
export const FOLLOWED_FILE = /^(accounts\.json|shows\/[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.json)$/;

/** Far above any show's logos (each brand sequence has one); a list longer than this is not a logo list. */
const MAX_LOGO_FILES = 100_000;

const Wire = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('hello'), controllerId: z.number().int().min(0).max(0xffffffff), epoch: z.number().int().min(0).max(0xffffffff), url: z.string().nullable() }),
  z.strictObject({ t: z.literal('file'), path: z.string().regex(FOLLOWED_FILE), content: z.string().nullable() }),
  z.strictObject({ t: z.literal('logos'), files: z.array(z.string().regex(LOGO_FILE)).max(MAX_LOGO_FILES) }),
  z.strictObject({ t: z.literal('reports'), newest: z.number().int().min(0) }),
  z.strictObject({ t: z.literal('state'), state: z.unknown() }),
  z.strictObject({ t: z.literal('band'), band: BandSchema }),
  z.strictObject({ t: z.literal('beat'), wallMs: z.number(), rev: z.number().int().min(0) }),
]);

export type FollowMessage =
  | { t: 'hello'; controllerId: number; epoch: number; url: string | null }
  | { t: 'file'; path: string; content: string | null }
  | { t: 'logos'; files: string[] }
  | { t: 'reports'; newest: number }
  | { t: 'state'; state: RuntimeFile }
  | { t: 'band'; band: BandState }
  | { t: 'beat'; wallMs: number; rev: number };

export function encodeFollow(message: FollowMessage): string {
  return JSON.stringify(message) + '\n';
}

/** One line from the active controller, checked; the error names what is wrong. */
export function parseFollowLine(line: string): { ok: true; message: FollowMessage } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, error: 'a follow line is not JSON' };
  }
  const parsed = Wire.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `follow line: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ')}` };
  const m = parsed.data;
  if (m.t !== 'state') return { ok: true, message: m };
  const state = checkRuntimeRecord(m.state);
  return state.ok ? { ok: true, message: { t: 'state', state: state.value } } : { ok: false, error: `follow line state: ${state.error}` };
}
