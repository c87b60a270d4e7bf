/**
 * The first admin password, kept until someone logs in with it. A first start
 * that dies before it prints (the port is taken, the console build fails) must
 * not leave a data directory whose only account has a password nobody ever saw:
 * every start prints it again while this file exists, and the first successful
 * login as that account deletes it. The file is 0600, like accounts.json; it
 * is written before the account, so a crash between the two loses nothing.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readJson, writeJsonAtomic } from '../storage/atomic-json';

export const INITIAL_PASSWORD_FILE = 'initial-admin-password.json';

export interface InitialPassword {
  username: string;
  password: string;
}

const pathIn = (dataDir: string) => join(dataDir, INITIAL_PASSWORD_FILE);

export async function keepInitialPassword(dataDir: string, initial: InitialPassword): Promise<void> {
  await writeJsonAtomic(pathIn(dataDir), initial);
}

/** The password still waiting for its first login, if any. A damaged file reads as none. */
export async function pendingInitialPassword(dataDir: string): Promise<InitialPassword | undefined> {
  let raw: unknown;
  try {
    raw = await readJson(pathIn(dataDir));
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { username, password } = raw as Record<string, unknown>;
  return typeof username === 'string' && typeof password === 'string' ? { username, password } : undefined;
}

export async function forgetInitialPassword(dataDir: string): Promise<void> {
  await rm(pathIn(dataDir), { force: true });
}
