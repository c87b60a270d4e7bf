/**
 * Closing the HTTP server waits for every connection to end. A controller that
 * is stopping (SIGTERM, a restart, a takeover handing over) must not wait on a
 * client: one that keeps a request or an upgrade half-open would hold the
 * controller up for ever. So the server gets a grace period to close as usual,
 * then the connections still open are cut, and the log says how many.
 */
import type { FastifyInstance } from 'fastify';

export const CLOSE_GRACE_MS = 3_000;

export async function closeWithin(app: FastifyInstance, log: (message: string) => void, graceMs = CLOSE_GRACE_MS): Promise<void> {
  const closed = app.close();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((done) => {
    timer = setTimeout(() => done('late'), graceMs);
  });
  if ((await Promise.race([closed.then(() => 'closed' as const), late])) === 'late') {
    const open = await new Promise<number>((done) => app.server.getConnections((err, n) => done(err ? -1 : n)));
    log(`the server was still closing ${graceMs / 1000} s after the stop began (${open < 0 ? 'some' : open} connection${open === 1 ? '' : 's'} open): they were cut`);
    app.server.closeAllConnections();
  }
  clearTimeout(timer);
  await closed;
}
