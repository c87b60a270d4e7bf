/**
 * A worker task's large answer, sent in parts. A worker's answer is
 * structured-cloned, and the copy is built (deserialised) on the thread that
 * receives it, in one go: for a checked 10,000-cue show that was one turn of
 * 35-45 ms on the live show's loop, with the garbage collection it set off on
 * top. Here every long array in the answer (a cue list's cues) is cut out of
 * it into parts of a few hundred items; worker-task.ts pulls the parts one
 * per turn of the loop, so each is deserialised in a turn of its own, and
 * puts them back where they were (`joinParts`): the task's caller gets the
 * whole value.
 *
 * For plain data (JSON values): the head is rebuilt from objects' own
 * enumerable keys, so class instances, Maps or Dates would not survive it.
 */

/** Items per part: a few milliseconds of deserialising for cues with every zone set. */
export const ITEMS_PER_PART = 500;

/** A run of items of the array found at `path` in the head (keys and indexes from the top). */
export interface AnswerPart {
  path: Array<string | number>;
  items: unknown[];
}

export interface AnswerInParts<T = unknown> {
  readonly inParts: true;
  head: unknown;
  parts: AnswerPart[];
  /** Type only, never set: what the parts join back to. */
  readonly joinsTo?: T;
}

/** What a job's answer is to its caller: an answer in parts is joined back first. */
export type Joined<A> = A extends AnswerInParts<infer T> ? T : A;

/** `value` with each array longer than `itemsPerPart` emptied in the head and carried, in order, by the parts. */
export function inParts<T>(value: T, itemsPerPart = ITEMS_PER_PART): AnswerInParts<T> {
  const parts: AnswerPart[] = [];
  const walk = (v: unknown, path: Array<string | number>): unknown => {
    if (Array.isArray(v)) {
      if (v.length <= itemsPerPart) return v.map((item, i) => walk(item, [...path, i]));
      for (let at = 0; at < v.length; at += itemsPerPart) parts.push({ path, items: v.slice(at, at + itemsPerPart) });
      return [];
    }
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) out[key] = walk(item, [...path, key]);
    return out;
  };
  const head = walk(value, []);
  return { inParts: true, head, parts };
}

export function isInParts(value: unknown): value is AnswerInParts {
  return typeof value === 'object' && value !== null && (value as { inParts?: unknown }).inParts === true && Array.isArray((value as { parts?: unknown }).parts);
}

/** The value `inParts` cut up: each part's items appended to the array at its path. */
export function joinParts<T>(answer: AnswerInParts<T>): T {
  for (const part of answer.parts) {
    let at: unknown = answer.head;
    for (const key of part.path) at = (at as Record<string | number, unknown> | undefined)?.[key];
    if (!Array.isArray(at)) throw new Error(`a part of the answer belongs at ${JSON.stringify(part.path)}, where the answer has no list`);
    for (const item of part.items) at.push(item);
  }
  return answer.head as T;
}
