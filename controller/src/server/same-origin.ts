/**
 * Cross-site request refusal. Browsers name the page that sent a request in its
 * `Origin` header; a console page is served by this controller, so its origin's
 * host is the request's own `Host`. Anything else is another site riding on the
 * operator's cookie (a websocket handshake carries cookies whatever SameSite
 * says in some browsers, and a form post from a foreign page must not run a
 * command). Requests without `Origin` (the CLI, scripts, same-origin GETs) have
 * no page behind them to trick, and pass.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The foreign origin a request came from, or undefined when it is ours or names none. */
export function foreignOrigin(headers: IncomingHttpHeaders): string | undefined {
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  const host = headers.host;
  try {
    const url = new URL(origin);
    // Host read through the origin's scheme, so a default port (":443") compares equal either way.
    if ((url.protocol === 'http:' || url.protocol === 'https:') && host !== undefined && url.host === new URL(`${url.protocol}//${host}`).host) return undefined;
  } catch {
    // 'null' (a sandboxed frame, a file: page) or garbage: not ours.
  }
  return origin;
}

/** Methods that change something: the ones a foreign page must not send. */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
