/**
 * Login, sessions and roles. The session is an http-only cookie; every route
 * states the permission it needs, and socket.io checks the same session at the
 * handshake (see realtime plugin) through `tokenFromCookieHeader`. A state-changing
 * request from another site's page (a foreign `Origin`) is refused before anything
 * else. Wrong passwords lock out one account from one address (login-lockout);
 * the password limits are password.ts's, the same for setting and for logging in.
 * Logout, account deletion and role changes are told on `accountsChanged$`, so
 * live sockets of that account are closed at once.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Subject } from 'rxjs';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccountStore, PublicAccount } from '../../accounts/account-store';
import { PASSWORD_MAX_LENGTH } from '../../accounts/password';
import { PasswordChecks, type PasswordChecksOptions } from '../../accounts/password-checks';
import { can, ROLES, type Permission } from '../../accounts/roles';
import { HttpError } from '../errors';
import { LoginLockout } from '../login-lockout';
import { foreignOrigin, STATE_CHANGING_METHODS } from '../same-origin';
import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'crowdcue_session';

declare module 'fastify' {
  interface FastifyRequest {
    account?: PublicAccount;
    consoleLocked?: boolean;
  }
  interface FastifyInstance {
    accounts: AccountStore;
    /** preHandler factory: the request must come from a logged-in account holding `permission`. */
    /** `permission` may list several: any one of them lets the request in. */
    requirePermission: (permission: Permission | readonly Permission[] | null, opts?: { allowLocked?: boolean }) => (req: FastifyRequest) => Promise<void>;
    /** An account's sessions ended or its role changed: its live sockets must be checked again. */
    accountsChanged$: Subject<{ accountId: string }>;
    /** The foreign origin a request or handshake came from (not this host, not trusted), or undefined. */
    foreignOrigin: (headers: IncomingHttpHeaders) => string | undefined;
  }
}

export interface AuthOptions {
  accounts: AccountStore;
  /** Login attempts (right or wrong) per minute per client address: a flood guard. Default 60. */
  loginAttemptsPerMinute?: number;
  /** Wrong passwords per minute for one account from one address before it is locked out. Default 10. */
  loginFailuresPerMinute?: number;
  /** Console origins besides this host's own (a console behind a reverse proxy), as checked by `trustedOrigins`. */
  trustedOrigins?: ReadonlySet<string>;
  /** Password checks at once and waiting (password-checks.ts). */
  passwordChecks?: PasswordChecksOptions;
}

const Credentials = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(PASSWORD_MAX_LENGTH) });
const Pin = z.object({ pin: z.string().max(16) });
const AccountOut = z.object({ id: z.string(), username: z.string(), role: z.enum(ROLES), brand: z.string().optional(), createdAt: z.string() });
const Me = z.object({ account: AccountOut, locked: z.boolean() });
const NewAccount = z.object({ username: z.string(), role: z.enum(ROLES), password: z.string(), brand: z.string().min(1).max(80).optional() });
const RoleChange = z.object({ role: z.enum(ROLES), brand: z.string().min(1).max(80).optional() });
const AccountParams = z.object({ id: z.string().uuid() });

export function tokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return fastifyCookie.parse(header)[SESSION_COOKIE];
}

async function authPlugin(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  app.decorate('accounts', opts.accounts);
  app.decorate('foreignOrigin', (headers: IncomingHttpHeaders) => foreignOrigin(headers, opts.trustedOrigins));
  const accountsChanged$ = new Subject<{ accountId: string }>();
  app.decorate('accountsChanged$', accountsChanged$);
  app.addHook('onClose', async () => accountsChanged$.complete());
  const lockout = new LoginLockout({ failures: opts.loginFailuresPerMinute ?? 10, windowSeconds: 60 });
  const passwordChecks = new PasswordChecks(opts.passwordChecks);
  app.decorateRequest('account', undefined);
  app.decorateRequest('consoleLocked', undefined);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });

  app.addHook('onRequest', async (req) => {
    if (STATE_CHANGING_METHODS.has(req.method)) {
      const foreign = app.foreignOrigin(req.headers);
      if (foreign !== undefined) throw new HttpError(403, `a request from another site (Origin ${foreign}) may not change anything here`);
    }
    const found = opts.accounts.authenticate(req.cookies[SESSION_COOKIE]);
    if (found) {
      req.account = found.account;
      req.consoleLocked = found.locked;
    }
  });

  app.decorate('requirePermission', (permission: Permission | readonly Permission[] | null, o: { allowLocked?: boolean } = {}) => async (req: FastifyRequest) => {
    if (!req.account) throw new HttpError(401, 'log in first');
    if (req.consoleLocked && !o.allowLocked) throw new HttpError(423, 'this console is locked; unlock it with the PIN');
    const any: readonly Permission[] = permission === null ? [] : typeof permission === 'string' ? [permission] : permission;
    const role = req.account.role;
    if (any.length > 0 && !any.some((p) => can(role, p))) {
      throw new HttpError(403, `a ${role} account may not do this (needs ${any.join(' or ')})`);
    }
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const loginLimit = { max: opts.loginAttemptsPerMinute ?? 60, timeWindow: '1 minute' };
  // A PIN has few digits: unlock attempts stay at the wrong-password pace.
  const unlockLimit = { max: opts.loginFailuresPerMinute ?? 10, timeWindow: '1 minute' };

  r.post('/api/login', {
    schema: { tags: ['auth'], summary: 'Log in; sets the session cookie', body: Credentials, response: { 200: Me } },
    config: { rateLimit: loginLimit },
  }, async (req, res) => {
    const { username, password } = req.body;
    const waitMs = await lockout.waitMs(username, req.ip);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      res.header('retry-after', String(seconds));
      throw new HttpError(429, `too many wrong passwords for '${username}' from this address; try again in ${seconds} s`);
    }
    // Counted as wrong until proven right, so attempts still being checked
    // count towards the lock-out: a burst cannot start more checks than that.
    await lockout.failed(username, req.ip);
    const checking = passwordChecks.run(() => opts.accounts.login(username, password));
    if (!checking) {
      res.header('retry-after', '1');
      throw new HttpError(503, `too many logins being checked at once (at most ${passwordChecks.running + passwordChecks.waiting}); try again in a second`);
    }
    const session = await checking;
    if (!session) throw new HttpError(401, 'wrong username or password');
    await lockout.succeeded(username, req.ip);
    res.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' });
    return { account: session.account, locked: false };
  });

  r.post('/api/logout', { schema: { tags: ['auth'], summary: 'Log out' } }, async (req, res) => {
    const token = req.cookies[SESSION_COOKIE];
    const who = opts.accounts.authenticate(token)?.account.id;
    await opts.accounts.logout(token);
    if (who) accountsChanged$.next({ accountId: who });
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/me', {
    schema: { tags: ['auth'], summary: 'The logged-in account', response: { 200: Me } },
    preHandler: app.requirePermission(null, { allowLocked: true }),
  }, async (req) => ({ account: req.account!, locked: req.consoleLocked ?? false }));

  r.post('/api/lock', {
    schema: { tags: ['auth'], summary: 'Lock this console with a PIN', body: Pin },
    preHandler: app.requirePermission(null),
  }, async (req) => {
    await opts.accounts.lock(req.cookies[SESSION_COOKIE], req.body.pin);
    return { ok: true };
  });

  r.post('/api/unlock', {
    schema: { tags: ['auth'], summary: 'Unlock this console with its PIN', body: Pin },
    config: { rateLimit: unlockLimit },
    preHandler: app.requirePermission(null, { allowLocked: true }),
  }, async (req) => {
    if (!(await opts.accounts.unlock(req.cookies[SESSION_COOKIE], req.body.pin))) throw new HttpError(401, 'wrong PIN');
    return { ok: true };
  });

  r.get('/api/accounts', {
    schema: { tags: ['accounts'], summary: 'List accounts', response: { 200: z.array(AccountOut) } },
    preHandler: app.requirePermission('accounts:manage'),
  }, async () => opts.accounts.list());

  r.post('/api/accounts', {
    schema: { tags: ['accounts'], summary: 'Create an account', body: NewAccount, response: { 201: AccountOut } },
    preHandler: app.requirePermission('accounts:manage'),
  }, async (req, res) => {
    const created = await opts.accounts.create(req.body);
    return res.code(201).send(created);
  });

  r.delete('/api/accounts/:id', {
    schema: { tags: ['accounts'], summary: 'Delete an account', params: AccountParams },
    preHandler: app.requirePermission('accounts:manage'),
  }, async (req) => {
    if (req.params.id === req.account!.id) throw new HttpError(400, 'you cannot delete the account you are logged in with', [{ path: 'params.id', message: 'is your own account' }]);
    await opts.accounts.remove(req.params.id);
    accountsChanged$.next({ accountId: req.params.id });
    return { ok: true };
  });

  r.patch('/api/accounts/:id', {
    schema: { tags: ['accounts'], summary: "Change an account's role; its live consoles are disconnected and reconnect with the new role", params: AccountParams, body: RoleChange, response: { 200: AccountOut } },
    preHandler: app.requirePermission('accounts:manage'),
  }, async (req) => {
    if (req.params.id === req.account!.id) throw new HttpError(400, 'you cannot change the role of the account you are logged in with', [{ path: 'params.id', message: 'is your own account' }]);
    const changed = await opts.accounts.setRole(req.params.id, req.body.role, req.body.brand);
    accountsChanged$.next({ accountId: req.params.id });
    return changed;
  });
}

export default fp(authPlugin, { name: 'crowdcue-auth' });
