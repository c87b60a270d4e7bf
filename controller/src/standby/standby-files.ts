/**
 * What a hot-standby pair keeps in each data directory:
 *
 * - `standby.key`: the pair's shared secret (64 hex characters, mode 0600). The
 *   primary creates it; the backup is given it with `--standby-key FILE` (or
 *   finds it in a data directory copied from the primary). Every follow request
 *   carries it; a wrong or missing key is refused.
 * - `standby.json`: this controller's id (u32, random, fixed for the data
 *   directory) and the pair's fencing epoch (PROTOCOL.md 1.8). A backup that
 *   takes over writes the epoch it followed plus one before it says HELLO.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonRecovering, writeJsonAtomic } from '../storage/atomic-json';

export const STANDBY_KEY_FILE = 'standby.key';
export const STANDBY_IDENTITY_FILE = 'standby.json';
/** The header a follower sends its key in. */
export const STANDBY_KEY_HEADER = 'x-crowdcue-standby-key';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export class StandbyKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StandbyKeyError';
  }
}

/** Reads a key file; the error names the file and what is wrong with it. */
export async function readStandbyKey(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new StandbyKeyError(`standby key ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const key = text.trim();
  if (!KEY_PATTERN.test(key)) throw new StandbyKeyError(`standby key ${file}: must be 64 hex characters (the primary's ${STANDBY_KEY_FILE})`);
  return key;
}

/** The data directory's key, created (random, mode 0600) when missing. */
export async function ensureStandbyKey(dataDir: string): Promise<string> {
  const file = join(dataDir, STANDBY_KEY_FILE);
  try {
    return await readStandbyKey(file);
  } catch (err) {
    if (!(err instanceof StandbyKeyError) || !err.message.endsWith('no such file')) throw err;
  }
  const key = randomBytes(32).toString('hex');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, key + '\n', { mode: 0o600, flag: 'wx' }).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  return readStandbyKey(file);
}

/** Whether `given` is the key, compared in constant time. */
export function keyMatches(key: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(key).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

const IdentitySchema = z.strictObject({
  controllerId: z.number().int().min(0).max(0xffffffff),
  epoch: z.number().int().min(0).max(0xffffffff),
});
export type StandbyIdentity = z.output<typeof IdentitySchema>;

const checkIdentity = (raw: unknown) => {
  const r = IdentitySchema.safeParse(raw);
  return r.success ? ({ ok: true, value: r.data } as const) : ({ ok: false, error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } as const);
};

/** This data directory's controller id and epoch, created (a random id, epoch 1) when missing. */
export async function loadIdentity(dataDir: string): Promise<StandbyIdentity> {
  const path = join(dataDir, STANDBY_IDENTITY_FILE);
  const read = await readJsonRecovering(path, checkIdentity);
  if (read.status === 'ok' || read.status === 'recovered') return read.value;
  const fresh = { controllerId: randomInt(1, 0xffffffff), epoch: 1 };
  await saveIdentity(dataDir, fresh);
  return fresh;
}

export async function saveIdentity(dataDir: string, identity: StandbyIdentity): Promise<void> {
  await writeJsonAtomic(join(dataDir, STANDBY_IDENTITY_FILE), identity, { backup: { check: checkIdentity } });
}
