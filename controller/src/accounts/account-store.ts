/**
 * Accounts and login sessions, kept in the data directory so a restart keeps
 * everyone logged in (a controller restart mid-show must not lock the operator out).
 * Session tokens are stored only as SHA-256 hashes: a leaked data directory does
 * not hand out live sessions.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readJson, writeJsonAtomic } from '../storage/atomic-json';
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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function publicAccount(a: Account): PublicAccount {
  const { passwordHash: _hidden, ...rest } = a;
  return rest;
}

export class AccountStore {
  private data: AccountsFile = { accounts: [], sessions: [] };
  private readonly path: string;
  private writing: Promise<void> = Promise.resolve();
  /** The account whose first password waits for its first login (see initial-password.ts). */
  private initialFor: string | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(dataDir, 'accounts.json');
  }

  /**
   * Loads accounts; on first start creates `admin` with a random password
   * (there is no default password). `adminPassword` is that password for as
   * long as nobody has logged in with it, so every start can print it.
   */
  async init(): Promise<{ createdAdminPassword?: string; adminPassword?: string }> {
    const raw = (await readJson(this.path)) as AccountsFile | undefined;
    if (raw) {
      this.data = { accounts: raw.accounts ?? [], sessions: (raw.sessions ?? []).filter((s) => s.expiresAt > this.now()) };
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

  private persist(): Promise<void> {
    const snapshot = structuredClone(this.data);
    this.writing = this.writing.then(() => writeJsonAtomic(this.path, snapshot));
    return this.writing;
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
    if (this.data.accounts.some((a) => a.username.toLowerCase() === input.username.toLowerCase())) {
      throw new AccountError(`username: '${input.username}' is taken`, 'username');
    }
    const account: Account = {
      id: randomUUID(),
      username: input.username,
      role: input.role,
      ...(input.brand ? { brand: input.brand } : {}),
      passwordHash: await hashPassword(input.password),
      createdAt: new Date(this.now()).toISOString(),
    };
    this.data.accounts.push(account);
    await this.persist();
    return publicAccount(account);
  }

  /** A new password for an account (the offline reset); its sessions end. */
  async setPassword(username: string, password: string): Promise<PublicAccount> {
    const account = this.data.accounts.find((a) => a.username.toLowerCase() === username.toLowerCase());
    if (!account) throw new AccountError(`username: no account '${username}' (accounts: ${this.data.accounts.map((a) => a.username).join(', ')})`, 'username');
    if (password.length < 10) throw new AccountError('password: at least 10 characters', 'password');
    account.passwordHash = await hashPassword(password);
    this.data.sessions = this.data.sessions.filter((s) => s.accountId !== account.id);
    if (this.initialFor === account.username) {
      this.initialFor = undefined;
      await forgetInitialPassword(this.dataDir);
    }
    await this.persist();
    return publicAccount(account);
  }

  async remove(id: string): Promise<void> {
    const before = this.data.accounts.length;
    this.data.accounts = this.data.accounts.filter((a) => a.id !== id);
    if (this.data.accounts.length === before) throw new AccountError(`no account '${id}'`, 'id');
    this.data.sessions = this.data.sessions.filter((s) => s.accountId !== id);
    await this.persist();
  }

  /** Gives an account another role; its sessions stay, and every request after reads the new role. */
  async setRole(id: string, role: Role, brand?: string): Promise<PublicAccount> {
    const account = this.byId(id);
    if (!account) throw new AccountError(`no account '${id}'`, 'id');
    if (!ROLES.includes(role)) throw new AccountError(`role: must be one of ${ROLES.join(', ')}`, 'role');
    const brandOf = role === 'brand' ? (brand ?? account.brand) : undefined;
    if (role === 'brand' && !brandOf) throw new AccountError('brand: required for a brand account', 'brand');
    account.role = role;
    if (brandOf) account.brand = brandOf;
    else delete account.brand;
    await this.persist();
    return publicAccount(account);
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
    this.data.sessions.push({ tokenHash: sha256(token), accountId: account.id, expiresAt: this.now() + SESSION_TTL_MS });
    await this.persist();
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
    this.data.sessions = this.data.sessions.filter((x) => x !== s);
    await this.persist();
  }

  async lock(token: string | undefined, pin: string): Promise<void> {
    if (!/^\d{4,8}$/.test(pin)) throw new AccountError('pin: 4 to 8 digits', 'pin');
    const s = this.session(token);
    if (!s) throw new AccountError('not logged in');
    s.lockPinHash = await hashPassword(pin);
    await this.persist();
  }

  async unlock(token: string | undefined, pin: string): Promise<boolean> {
    const s = this.session(token);
    if (!s) throw new AccountError('not logged in');
    if (!s.lockPinHash) return true;
    if (!(await verifyPassword(pin, s.lockPinHash))) return false;
    delete s.lockPinHash;
    await this.persist();
    return true;
  }
}

/** A valid hash of a random secret: login for an unknown user costs as much as for a known one. */
const DUMMY_HASH = await hashPassword(randomBytes(16).toString('hex'));
