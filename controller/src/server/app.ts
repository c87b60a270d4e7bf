/**
 * The controller's HTTP server: one fastify instance, every concern a plugin.
 * Route schemas are zod (shared with the console and the CLI through
 * fastify-type-provider-zod), published as OpenAPI at /docs. Every answer
 * carries the security headers (security-headers.ts).
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AccountStore } from '../accounts/account-store';
import type { PasswordChecksOptions } from '../accounts/password-checks';
import type { ShowStore } from '../storage/show-store';
import { refuseWritesOnBackup } from './backup-writes';
import { capConnectionsPerAddress } from './connection-cap';
import { makeErrorHandler, type ServerErrorLog } from './errors';
import authPlugin from './plugins/auth';
import showsPlugin, { type ShowsOptions } from './plugins/shows';
import { registerSecurityHeaders } from './security-headers';
import { registerJsonBody } from './json-body';

export interface AppOptions {
  accounts: AccountStore;
  shows: ShowStore;
  logger?: FastifyServerOptions['logger'];
  /** Where failed requests (5xx) are logged, with their request id, when `logger` is off (default stderr). */
  errorLog?: ServerErrorLog;
  /** Largest request body, bytes (show files and logo uploads). */
  bodyLimit?: number;
  /** Login attempts per minute per client address (flood guard). */
  loginAttemptsPerMinute?: number;
  /** Wrong passwords per minute for one account from one address before it is locked out. */
  loginFailuresPerMinute?: number;
  /** Password checks at once and waiting (accounts/password-checks.ts). */
  passwordChecks?: PasswordChecksOptions;
  /** Open connections allowed from one client address (connection-cap.ts; default 64). */
  maxConnectionsPerAddress?: number;
  /** Console origins trusted besides this host's own (`--origin`, see same-origin.ts). */
  trustedOrigins?: ReadonlySet<string>;
  onShowChange?: ShowsOptions['onChange'];
  /** While this controller is a hot-standby backup: the active controller's console URL (null: unknown); undefined otherwise. Writes of followed data are then refused (backup-writes.ts). */
  backupOf?: () => string | null | undefined;
  /** Registers the routes that need the live show (transmitters, venues, realtime). */
  extend?: (app: FastifyInstance) => Promise<void>;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimit ?? 8 * 1024 * 1024 });
  capConnectionsPerAddress(app.server, opts.maxConnectionsPerAddress);
  registerJsonBody(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(makeErrorHandler(opts.errorLog));
  app.setNotFoundHandler((req, res) =>
    res.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` }),
  );

  if (opts.backupOf) refuseWritesOnBackup(app, opts.backupOf);
  await registerSecurityHeaders(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'CrowdCue controller API', description: 'Shows, venues, transmitters and the live show.', version: '1.0.0' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  await app.register(authPlugin, { accounts: opts.accounts, loginAttemptsPerMinute: opts.loginAttemptsPerMinute, loginFailuresPerMinute: opts.loginFailuresPerMinute, trustedOrigins: opts.trustedOrigins, passwordChecks: opts.passwordChecks });
  await app.register(showsPlugin, { shows: opts.shows, onChange: opts.onShowChange });
  if (opts.extend) await opts.extend(app);
  return app;
}
