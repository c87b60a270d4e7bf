/**
 * Serves the built web console (console-ui/dist) from the controller's own
 * port: hashed assets under /assets/, and index.html for every other page path
 * so the console's history routes (/live, /compose, ...) survive a reload.
 * /api, /socket.io and /docs keep their own 404s.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface ConsoleStaticOptions {
  /** The built console; default console-ui/dist of this repository. */
  root?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_CONSOLE_ROOT = resolve(here, '../../../../console-ui/dist');

const NOT_PAGES = /^\/(api|socket\.io|docs)(\/|$)/;

/** Registers the console on `app`. Call after the API routes. */
export async function registerConsoleStatic(app: FastifyInstance, opts: ConsoleStaticOptions = {}): Promise<void> {
  const root = opts.root ?? DEFAULT_CONSOLE_ROOT;
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      // Names carry a content hash: cache them for good.
      immutable: true,
      maxAge: '365d',
    });
  }
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const path = req.url.split('?')[0];
    if (NOT_PAGES.test(path)) return reply.callNotFound();
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`The console is not built yet. Run: npm run build -w console-ui  (looked in ${root})\n`);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  });
  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    if (!built) return reply.code(503).type('text/plain; charset=utf-8').send('The console is not built yet. Run: npm run build -w console-ui\n');
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  });
}
