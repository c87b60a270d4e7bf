/**
 * Browser-side hardening for everything the controller serves, through
 * helmet: a content security policy the console runs under (its own
 * scripts only, socket.io to this host, WebGL needs nothing, images as data: and
 * blob: for logo previews and seat images), no framing by any other page
 * (clickjacking a GO button), nosniff, no referrer leaks.
 *
 * The controller usually runs over plain HTTP on a venue network, so neither
 * `upgrade-insecure-requests` nor HSTS is sent: either would send browsers to an
 * HTTPS port that does not exist.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // React sets style attributes and the crowd view sizes its canvas inline.
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'", 'blob:'],
};

/**
 * helmet itself, built once and run on every request: @fastify/helmet builds a
 * new helmet middleware for every request (for per-route options we do not
 * use), which under a request flood was a tenth of the event loop's time.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: { policy: 'require-corp' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (req, res, done) => headers(req.raw, res.raw, (err?: unknown) => done(err as Error | undefined)));
}
