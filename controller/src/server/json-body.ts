/**
 * JSON request bodies, with large ones kept off the live show's busiest turns.
 * fastify parses a body in the same turn of the loop that reads its last
 * bytes, and a 1 MB show file is 10-30 ms of JSON.parse, then its object graph
 * (hundreds of thousands of objects) set the young-generation collector
 * copying for tens of milliseconds more. Here a mid-sized body is parsed in a
 * turn of its own; a large one is parsed in a worker task and comes back in
 * parts, each built on this thread in a turn of its own (answer-in-parts.ts).
 * The text is remembered beside the parsed object, so a show check sends the
 * text (a flat copy) to its worker instead of cloning the object graph.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors';
import { parseJsonText, type ParsedJsonText } from './json-text';
import { runWorkerTask } from './worker-task';

/** Bodies up to this size parse inline: well under a millisecond of work. */
export const INLINE_JSON_BYTES = 64 * 1024;
/** Bodies over this size (a show of a few hundred cues with every zone set) parse in a worker task: ~5 ms of parsing and more, against a warm worker's round trip of ~45 ms. */
export const WORKER_JSON_BYTES = 512 * 1024;
/** A large body waits at most this long for its parse (behind other heavy requests); past it, 503. */
export const BODY_PARSE_DEADLINE_MS = 30_000;

const parseLarge = (text: string): Promise<ParsedJsonText> => runWorkerTask('parse-json', { text }, { deadlineMs: BODY_PARSE_DEADLINE_MS });

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
    if (body.length > INLINE_JSON_BYTES && body.length <= WORKER_JSON_BYTES) await nextTurn();
    const parsed = body.length > WORKER_JSON_BYTES ? await parseLarge(body) : parseJsonText(body);
    if (!parsed.ok) throw new HttpError(400, `the body is not valid JSON: ${parsed.message}`);
    const value = parsed.value;
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
