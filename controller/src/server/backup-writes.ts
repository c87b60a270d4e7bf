/**
 * A warm backup of a hot-standby pair keeps the active controller's shows and
 * accounts in step: anything saved on the backup would be overwritten by the
 * next file it follows, and never reach the active controller. So a backup
 * takes only the writes that change nothing followed (logging in and out,
 * locking its own console, previews that compute and keep nothing) and refuses
 * every other one with 503 naming the active controller (not 409: to a console a
 * 409 means someone else saved first, and it would offer a merge), before any work. A
 * write route not listed here is refused on a backup: a new route is safe by
 * default.
 */
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

/** Writes a backup still takes, as `METHOD /route`. */
export const BACKUP_TAKES: ReadonlySet<string> = new Set([
  'POST /api/login',
  'POST /api/logout',
  'POST /api/lock',
  'POST /api/unlock',
  'POST /api/venues/preview',
  'POST /api/venues/seat-csv',
  'POST /api/brand/shows/:show/preview',
]);

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `backupOf()`: while this controller is a backup, the active controller's console URL (or null, unknown); undefined when it is not a backup. */
export function refuseWritesOnBackup(app: FastifyInstance, backupOf: () => string | null | undefined): void {
  app.addHook('onRequest', async (req) => {
    if (READS.has(req.method)) return;
    const active = backupOf();
    if (active === undefined) return;
    const route = req.routeOptions.url;
    // The pair's own link (its acknowledgements) is not the show's data.
    if (route === undefined || route.startsWith('/api/standby/') || BACKUP_TAKES.has(`${req.method} ${route}`)) return;
    throw new HttpError(503, `this controller is the backup of a hot-standby pair and keeps the active controller's shows and accounts: make this change on the active controller${active ? ` (${active})` : ''}`);
  });
}
