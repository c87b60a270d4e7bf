/**
 * Login, sessions and roles. The session is an http-only cookie; every route
 * states the permission it needs, and socket.io checks the same session at the
 * handshake (see realtime plugin) through `authenticateCookieHeader`.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccountStore, PublicAccount } from '../../accounts/account-store';
import { can, ROLES, type Permission } from '../../accounts/roles';
import { HttpError } from '../errors';

export const SESSION_COOKIE = 'crowdcue_session';

declare module 'fastify' {
  interface FastifyRequest {
    account?: PublicAccount;
    consoleLocked?: boolean;
  }
  interface FastifyInstance {
    accounts: AccountStore;
    /** preHandler factory: the request must come from a logged-in account holding `permission`. */
    requirePermission: (permission: Permission | null, opts?: { allowLocked?: boolean }) => (req: FastifyRequest) => Promise<void>;
  }
}

export interface AuthOptions {
  accounts: AccountStore;
  /** Login attempts per minute per client address. */
  loginAttemptsPerMinute?: number;
}

const Credentials = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const Pin = z.object({ pin: z.string().max(16) });
const AccountOut = z.object({ id: z.string(), username: z.string(), role: z.enum(ROLES), brand: z.string().optional(), createdAt: z.string() });
const Me = z.object({ account: AccountOut, locked: z.boolean() });
const NewAccount = z.object({ username: z.string(), role: z.enum(ROLES), password: z.string(), brand: z.string().min(1).max(80).optional() });

export function tokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return fastifyCookie.parse(header)[SESSION_COOKIE];
}

async function authPlugin(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  app.decorate('accounts', opts.accounts);
  app.decorateRequest('account', undefined);
  app.decorateRequest('consoleLocked', undefined);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });

  app.addHook('onRequest', async (req) => {
    const found = opts.accounts.authenticate(req.cookies[SESSION_COOKIE]);
    if (found) {
      req.account = found.account;
      req.consoleLocked = found.locked;
    }
  });

  app.decorate('requirePermission', (permission: Permission | null, o: { allowLocked?: boolean } = {}) => async (req: FastifyRequest) => {
    if (!req.account) throw new HttpError(401, 'log in first');
    if (req.consoleLocked && !o.allowLocked) throw new HttpError(423, 'this console is locked; unlock it with the PIN');
    if (permission && !can(req.account.role, permission)) {
      throw new HttpError(403, `a ${req.account.role} account may not do this (needs ${permission})`);
    }
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const loginLimit = { max: opts.loginAttemptsPerMinute ?? 10, timeWindow: '1 minute' };

  r.post('/api/login', {
    schema: { tags: ['auth'], summary: 'Log in; sets the session cookie', body: Credentials, response: { 200: Me } },
    config: { rateLimit: loginLimit },
  }, async (req, res) => {
    const session = await opts.accounts.login(req.body.username, req.body.password);
    if (!session) throw new HttpError(401, 'wrong username or password');
    res.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' });
    return { account: session.account, locked: false };
  });

  r.post('/api/logout', { schema: { tags: ['auth'], summary: 'Log out' } }, async (req, res) => {
    await opts.accounts.logout(req.cookies[SESSION_COOKIE]);
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
    config: { rateLimit: loginLimit },
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
    schema: { tags: ['accounts'], summary: 'Delete an account', params: z.object({ id: z.string().uuid() }) },
    preHandler: app.requirePermission('accounts:manage'),
  }, async (req) => {
    if (req.params.id === req.account!.id) throw new HttpError(400, 'you cannot delete the account you are logged in with', [{ path: 'params.id', message: 'is your own account' }]);
    await opts.accounts.remove(req.params.id);
    return { ok: true };
  });
}

export default fp(authPlugin, { name: 'crowdcue-auth' });
