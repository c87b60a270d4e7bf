/**
 * Cross-site request refusal. Browsers name the page that sent a request in its
 * `Origin` header; a console page is served by this controller, so its origin's
 * host is the request's own `Host`. Anything else is another site riding on the
 * operator's cookie (a websocket handshake carries cookies whatever SameSite
 * says in some browsers, and a form post from a foreign page must not run a
 * command). Requests without `Origin` (the CLI, scripts, same-origin GETs) have
 * no page behind them to trick, and pass. A console served from elsewhere (behind
 * a reverse proxy under another name) is trusted by naming its origin
 * (`crowdcue start --origin https://console.example.com`).
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The foreign origin a request came from, or undefined when it is ours or names none. */
export function foreignOrigin(headers: IncomingHttpHeaders, trusted: ReadonlySet<string> = NONE): string | undefined {
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  if (trusted.size > 0 && trusted.has(normalOrigin(origin) ?? '')) return undefined;
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

const NONE: ReadonlySet<string> = new Set();

/** An origin as browsers send it (scheme, host, port when not the default, lower case), or undefined. */
function normalOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Trusted console origins from the command line: each an http(s) origin with
 * nothing after the host (a trailing slash is allowed), or an error naming the bad one.
 */
export function trustedOrigins(values: readonly string[]): { ok: true; origins: Set<string> } | { ok: false; error: string } {
  const origins = new Set<string>();
  for (const value of values) {
    const origin = normalOrigin(value);
    let rest = '';
    try {
      const url = new URL(value);
      rest = `${url.pathname === '/' ? '' : url.pathname}${url.search}${url.hash}${url.username || url.password ? ' (credentials)' : ''}`;
    } catch {
      // normalOrigin said so
    }
    if (origin === undefined || rest !== '') {
      return { ok: false, error: `--origin must be a console's origin such as https://console.example.com (scheme, host, port; no path), got '${value}'` };
    }
    origins.add(origin);
  }
  return { ok: true, origins };
}
