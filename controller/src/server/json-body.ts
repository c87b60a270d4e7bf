/**
 * JSON request bodies, with large ones kept off the live show's busiest turns.
 * fastify parses a body in the same turn of the loop that reads its last bytes,
 * and a show file's route then hands the object to a worker task, which copies
 * it (structured clone) on this thread: for a 10,000-cue show that was one turn
 * of ~50 ms and more. Here a large body is parsed in a turn of its own, and its
 * text is remembered beside the parsed object so the show check sends the text
 * (a flat copy) to its worker instead of cloning the object graph.
 *
 * The parse itself stays on this thread: the route needs the object here, and
 * bringing a parsed object back from a worker (structured-clone deserialise)
 * costs more than JSON.parse of its text.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { HttpError } from './errors';

/** Bodies up to this size parse inline: well under a millisecond of work. */
export const INLINE_JSON_BYTES = 64 * 1024;

/** Where a value came from: the body's text, and the top-level member it is (none: the whole body). */
export interface JsonSource {
  text: string;
  key?: string;
}

const sources = new WeakMap<object, JsonSource>();

/** The JSON text `value` was parsed from, when it is a large request body or a member of one's top level. */
export function jsonSourceOf(value: unknown): JsonSource | undefined {
  return typeof value === 'object' && value !== null ? sources.get(value) : undefined;
}

/** Parses like fastify's own JSON parser (prototype poisoning refused), large bodies in a turn of their own. */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, async (_req: FastifyRequest, body: string) => {
    if (body.length === 0) throw new HttpError(400, "the body is empty but content-type is 'application/json'");
    if (body.length > INLINE_JSON_BYTES) await nextTurn();
    let value: unknown;
    try {
      value = secureJson.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch (err) {
      throw new HttpError(400, `the body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (body.length > INLINE_JSON_BYTES && typeof value === 'object' && value !== null) {
      sources.set(value, { text: body });
      // A show saved with its revision ({ revision, show }) is the body's `show` member.
      for (const [key, member] of Object.entries(value)) {
        if (typeof member === 'object' && member !== null) sources.set(member, { text: body, key });
      }
    }
    return value;
  });
}
