/**
 * Accounts and login sessions, kept in the data directory so a restart keeps
 * everyone logged in (a controller restart mid-show must not lock the operator out).
 * Session tokens are stored only as SHA-256 hashes: a leaked data directory does
 * not hand out live sessions.
 *
 * Every change is made on a copy, written (atomically, the previous good file
 * kept as `accounts.json.bak`) and only then made current: a write the disk
 * refuses leaves the accounts as they were, answers a StorageError, and the next
 * write is tried afresh. A damaged accounts.json is read from its backup.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonRecovering, writeJsonAtomic, type JsonCheck } from '../storage/atomic-json';
import { StorageError } from '../storage/storage-error';
import { forgetInitialPassword, keepInitialPassword, pendingInitialPassword } from './initial-password';
import { hashPassword, passwordProblem, randomPassword, verifyPassword } from './password';
import { ROLES, type Role } from './roles';

export interface Account {
  id: string;
  username: string;
  role: Role;
  /** For brand accounts: the brand whose sequences and reports they see. */
  brand?: string;
  passwordHash: string;
  createdAt: string;
}

export type PublicAccount = Omit<Account, 'passwordHash'>;

interface Session {
  tokenHash: string;
  accountId: string;
  expiresAt: number;
  /** Hash of the PIN that locks this console, when locked. */
  lockPinHash?: string;
}

interface AccountsFile {
  accounts: Account[];
  sessions: Session[];
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const USERNAME = /^[a-zA-Z0-9._-]{2,40}$/;

export class AccountError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const checkAccountsFile: JsonCheck<AccountsFile> = (raw) => {
  const r = raw as Partial<AccountsFile> | null;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.accounts)) return { ok: false, error: 'accounts: missing or not a list' };
  if (r.sessions !== undefined && !Array.isArray(r.sessions)) return { ok: false, error: 'sessions: not a list' };
  const bad = r.accounts.findIndex((a) => typeof a?.id !== 'string' || typeof a.username !== 'string' || typeof a.passwordHash !== 'string');
  if (bad >= 0) return { ok: false, error: `accounts[${bad}]: not an account` };
  return { ok: true, value: { accounts: r.accounts, sessions: r.sessions ?? [] } };
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function publicAccount(a: Account): PublicAccount {
  const { passwordHash: _hidden, ...rest } = a;
  return rest;
}

export class AccountStore {
  private data: AccountsFile = { accounts: [], sessions: [] };
  /** Sessions logged in through this process (kept across `reload`). */
  private readonly ownLogins = new Set<string>();
  private readonly path: string;
  /** Changes are made one at a time, each on its own copy. */
  private changing: Promise<unknown> = Promise.resolve();
  /** The account whose first password waits for its first login (see initial-password.ts). */
  private initialFor: string | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
    /** Told when accounts.json was damaged and its backup was used. */
    private readonly onRecovered?: (problem: string) => void,
  ) {
    this.path = join(dataDir, 'accounts.json');
  }

  /**
   * Loads accounts; on first start creates `admin` with a random password
   * (there is no default password). `adminPassword` is that password for as
   * long as nobody has logged in with it, so every start can print it.
   */
  async init(): Promise<{ createdAdminPassword?: string; adminPassword?: string }> {
    const read = await readJsonRecovering(this.path, checkAccountsFile);
    if (read.status === 'damaged') {
      // No good copy: the controller still starts (a show may be running), with a new admin
      // whose password is printed; the damaged file is kept for a look by hand.
      await rename(this.path, `${this.path}.damaged`).catch(() => undefined);
      this.onRecovered?.(`${read.problem}; kept as accounts.json.damaged and started with a new admin account`);
    } else if (read.status !== 'missing') {
      const raw = read.value;
      this.data = { accounts: raw.accounts, sessions: raw.sessions.filter((s) => s.expiresAt > this.now()) };
      if (read.status === 'recovered') {
        this.onRecovered?.(read.problem);
        await this.mutate(() => undefined);
      }
      const pending = await pendingInitialPassword(this.dataDir);
      this.initialFor = pending?.username;
      return pending ? { adminPassword: pending.password } : {};
    }
    const password = randomPassword();
    await keepInitialPassword(this.dataDir, { username: 'admin', password });
    this.initialFor = 'admin';
    await this.create({ username: 'admin', role: 'admin', password });
    return { createdAdminPassword: password, adminPassword: password };
  }

  /**
   * Takes accounts.json as it now is on disk (a hot-standby backup keeps the
   * file in step with the active controller's). A file that does not read is
   * left alone: the accounts in memory stay.
   */
  reload(): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      const read = await readJsonRecovering(this.path, checkAccountsFile);
      if (read.status === 'missing' || read.status === 'damaged') return false;
      const { accounts, sessions } = read.value;
      // Consoles logged in on this controller (a backup's own) are not in the followed file:
      // they stay while their account does, with the same password.
      const listed = new Set(sessions.map((s) => s.tokenHash));
      const stillTheirs = (s: Session) => {
        const before = this.byId(s.accountId);
        return accounts.some((a) => a.id === s.accountId && a.passwordHash === before?.passwordHash);
      };
      const own = this.data.sessions.filter((s) => this.ownLogins.has(s.tokenHash) && !listed.has(s.tokenHash) && stillTheirs(s));
      for (const hash of this.ownLogins) if (!own.some((s) => s.tokenHash === hash)) this.ownLogins.delete(hash);
      this.data = { accounts, sessions: [...sessions, ...own].filter((s) => s.expiresAt > this.now()) };
      return true;
    };
    const next = this.changing.then(run, run);
    this.changing = next.catch(() => undefined);
    return next;
  }

  /**
   * Applies `change` to a copy of the accounts, saves the copy and only then
   * makes it current. `change` may throw (an AccountError) to change nothing.
   */
  private mutate<T>(change: (draft: AccountsFile) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const draft = structuredClone(this.data);
      const result = change(draft);
      try {
        await writeJsonAtomic(this.path, draft, { backup: { check: checkAccountsFile } });
      } catch (err) {
        throw new StorageError('accounts', err);
      }
      this.data = draft;
      return result;
    };
    const next = this.changing.then(run, run);
    this.changing = next.catch(() => undefined);
    return next;
  }

  list(): PublicAccount[] {
    return this.data.accounts.map(publicAccount);
  }

  byId(id: string): Account | undefined {
    return this.data.accounts.find((a) => a.id === id);
  }

  async create(input: { username: string; role: Role; password: string; brand?: string }): Promise<PublicAccount> {
    if (!USERNAME.test(input.username)) throw new AccountError('username: 2-40 letters, digits, dot, dash or underscore', 'username');
    if (!ROLES.includes(input.role)) throw new AccountError(`role: must be one of ${ROLES.join(', ')}`, 'role');
    const weak = passwordProblem(input.password);
    if (weak) throw new AccountError(weak, 'password');
    if (input.role === 'brand' && !input.brand) throw new AccountError('brand: required for a brand account', 'brand');
    const taken = (accounts: Account[]) => {
      if (accounts.some((a) => a.username.toLowerCase() === input.username.toLowerCase())) {
        throw new AccountError(`username: '${input.username}' is taken`, 'username');
      }
    };
    taken(this.data.accounts);
    const account: Account = {
      id: randomUUID(),
      username: input.username,
      role: input.role,
      ...(input.brand ? { brand: input.brand } : {}),
      passwordHash: await hashPassword(input.password),
      createdAt: new Date(this.now()).toISOString(),
    };
    await this.mutate((d) => {
      taken(d.accounts);
      d.accounts.push(account);
    });
    return publicAccount(account);
  }

  /** A new password for an account (the offline reset); its sessions end. */
  async setPassword(username: string, password: string): Promise<PublicAccount> {
    const weak = passwordProblem(password);
    if (weak) throw new AccountError(weak, 'password');
    const passwordHash = await hashPassword(password);
    const account = await this.mutate((d) => {
      const a = d.accounts.find((x) => x.username.toLowerCase() === username.toLowerCase());
      if (!a) throw new AccountError(`username: no account '${username}' (accounts: ${d.accounts.map((x) => x.username).join(', ')})`, 'username');
      a.passwordHash = passwordHash;
      d.sessions = d.sessions.filter((x) => x.accountId !== a.id);
      return publicAccount(a);
    });
    if (this.initialFor === account.username) {
      this.initialFor = undefined;
      await forgetInitialPassword(this.dataDir);
    }
    return account;
  }

  async remove(id: string): Promise<void> {
    await this.mutate((d) => {
      const before = d.accounts.length;
      d.accounts = d.accounts.filter((a) => a.id !== id);
      if (d.accounts.length === before) throw new AccountError(`no account '${id}'`, 'id');
      d.sessions = d.sessions.filter((s) => s.accountId !== id);
    });
  }

  /** Gives an account another role; its sessions stay, and every request after reads the new role. */
  async setRole(id: string, role: Role, brand?: string): Promise<PublicAccount> {
    if (!ROLES.includes(role)) throw new AccountError(`role: must be one of ${ROLES.join(', ')}`, 'role');
    return this.mutate((d) => {
      const account = d.accounts.find((a) => a.id === id);
      if (!account) throw new AccountError(`no account '${id}'`, 'id');
      const brandOf = role === 'brand' ? (brand ?? account.brand) : undefined;
      if (role === 'brand' && !brandOf) throw new AccountError('brand: required for a brand account', 'brand');
      account.role = role;
      if (brandOf) account.brand = brandOf;
      else delete account.brand;
      return publicAccount(account);
    });
  }

  /** Checks a password; the same work is done for an unknown user so timing tells nothing. */
  async login(username: string, password: string): Promise<{ token: string; account: PublicAccount } | undefined> {
    const account = this.data.accounts.find((a) => a.username.toLowerCase() === username.toLowerCase());
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) return undefined;
    if (this.initialFor === account.username) {
      this.initialFor = undefined;
      await forgetInitialPassword(this.dataDir);
    }
    const token = randomBytes(32).toString('base64url');
    const tokenHash = sha256(token);
    await this.mutate((d) => {
      d.sessions.push({ tokenHash, accountId: account.id, expiresAt: this.now() + SESSION_TTL_MS });
    });
    this.ownLogins.add(tokenHash);
    return { token, account: publicAccount(account) };
  }

  private session(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const hash = sha256(token);
    const s = this.data.sessions.find((x) => x.tokenHash === hash);
    if (!s || s.expiresAt <= this.now()) return undefined;
    return s;
  }

  /** The account behind a session token, and whether that console is PIN-locked. */
  authenticate(token: string | undefined): { account: PublicAccount; locked: boolean } | undefined {
    const s = this.session(token);
    const account = s && this.byId(s.accountId);
    if (!s || !account) return undefined;
    return { account: publicAccount(account), locked: s.lockPinHash !== undefined };
  }

  async logout(token: string | undefined): Promise<void> {
    const s = this.session(token);
    if (!s) return;
    await this.mutate((d) => {
      d.sessions = d.sessions.filter((x) => x.tokenHash !== s.tokenHash);
    });
  }

  async lock(token: string | undefined, pin: string): Promise<void> {
    if (!/^\d{4,8}$/.test(pin)) throw new AccountError('pin: 4 to 8 digits', 'pin');
    const s = this.session(token);
    if (!s) throw new AccountError('not logged in');
    const lockPinHash = await hashPassword(pin);
    await this.mutate((d) => {
      const mine = d.sessions.find((x) => x.tokenHash === s.tokenHash);
      if (mine) mine.lockPinHash = lockPinHash;
    });
  }

  async unlock(token: string | undefined, pin: string): Promise<boolean> {
    const s = this.session(token);
    if (!s) throw new AccountError('not logged in');
    if (!s.lockPinHash) return true;
    if (!(await verifyPassword(pin, s.lockPinHash))) return false;
    await this.mutate((d) => {
      const mine = d.sessions.find((x) => x.tokenHash === s.tokenHash);
      if (mine) delete mine.lockPinHash;
    });
    return true;
  }
}

/** A valid hash of a random secret: login for an unknown user costs as much as for a known one. */
const DUMMY_HASH = await hashPassword(randomBytes(16).toString('hex'));
