/** A fresh app on a temp data directory, logged-in clients per role: shared by the route tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { AccountStore } from '../accounts/account-store';
import type { Role } from '../accounts/roles';
import { ShowStore } from '../storage/show-store';
import { buildApp, type AppOptions } from './app';
import { SESSION_COOKIE } from './plugins/auth';

export interface TestApp {
  app: FastifyInstance;
  dataDir: string;
  accounts: AccountStore;
  shows: ShowStore;
  adminPassword: string;
  /** Logs in (creating the account if needed) and answers a `cookie` header value, e.g. for a socket.io client. */
  cookie(role: Role, opts?: { username?: string; brand?: string }): Promise<string>;
  /** Logs in (creating the account if needed) and returns an inject helper carrying its cookie. */
  as(role: Role, opts?: { username?: string; brand?: string }): Promise<(req: InjectOptions) => Promise<LightMyRequestResponse>>;
  close(): Promise<void>;
}

export async function createTestApp(extra: Partial<AppOptions> = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'crowdcue-app-'));
  const accounts = new AccountStore(dataDir);
  const { createdAdminPassword } = await accounts.init();
  const shows = new ShowStore(dataDir);
  await shows.init();
  const app = await buildApp({ accounts, shows, loginAttemptsPerMinute: 1000, ...extra });
  await app.ready();
  const t: TestApp = {
    app,
    dataDir,
    accounts,
    shows,
    adminPassword: createdAdminPassword!,
    async cookie(role, opts = {}) {
      const username = opts.username ?? (role === 'admin' ? 'admin' : `${role}-user`);
      const password = role === 'admin' && username === 'admin' ? createdAdminPassword! : `${username}-password`;
      if (!accounts.list().some((a) => a.username === username)) {
        await accounts.create({ username, role, password, ...(role === 'brand' ? { brand: opts.brand ?? 'acme' } : {}) });
      }
      const res = await app.inject({ method: 'POST', url: '/api/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.body}`);
      return `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
    },
    async as(role, opts = {}) {
      const value = (await t.cookie(role, opts)).slice(SESSION_COOKIE.length + 1);
      return (req) => app.inject({ ...req, cookies: { ...(req.cookies ?? {}), [SESSION_COOKIE]: value } });
    },
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
