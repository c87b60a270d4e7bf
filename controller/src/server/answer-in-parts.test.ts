import { checkShowFile } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { bigShowInput } from '../show/big-show.test-util';
import { inParts, isInParts, ITEMS_PER_PART, joinParts } from './answer-in-parts';

describe('an answer in parts', () => {
  it('cuts a checked show into parts of at most its share of cues, and joins them back to exactly the show', () => {
    const json = bigShowInput(ITEMS_PER_PART * 2 + 7, { allZones: true });
    const checked = checkShowFile(json);
    expect(checked.ok).toBe(true);
    const split = inParts(checked);
    expect(isInParts(split)).toBe(true);
    expect(split.parts.map((p) => [p.path.join('.'), p.items.length])).toEqual([
      ['value.cueLists.0.cues', ITEMS_PER_PART],
      ['value.cueLists.0.cues', ITEMS_PER_PART],
      ['value.cueLists.0.cues', 7],
    ]);
    // Through a structured clone, as between the threads.
    expect(joinParts(structuredClone(split))).toEqual(checkShowFile(json));
  });

  it('leaves short arrays, nested ones and plain values in the head, and a top-level long array whole again', () => {
    const value = { a: [1, 2], b: { c: Array.from({ length: 5 }, (_, i) => ({ i })) }, d: null, e: 'x' };
    const split = inParts(value, 2);
    expect(split.head).toEqual({ a: [1, 2], b: { c: [] }, d: null, e: 'x' });
    expect(split.parts.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(joinParts(split)).toEqual(value);
    const list = Array.from({ length: 7 }, (_, i) => i);
    expect(joinParts(structuredClone(inParts(list, 3)))).toEqual(list);
  });

  it('refuses a part whose path leads nowhere, naming it', () => {
    expect(() => joinParts({ inParts: true, head: { a: 1 }, parts: [{ path: ['a'], items: [1] }] })).toThrow('["a"]');
  });
});
