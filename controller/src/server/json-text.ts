/**
 * How the server parses JSON text from a client, inline or in a worker: as
 * fastify's own parser does, with prototype poisoning (`__proto__`,
 * `constructor.prototype`) refused rather than stripped.
 */
import secureJson from 'secure-json-parse';

export type ParsedJsonText = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonText(text: string): ParsedJsonText {
  try {
    return { ok: true, value: secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }) as unknown };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
