import { parseShow, type Show } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { addCue, changeLookKind, cueNumberBetween, moveCue, nextFreeZoneKey, rekeyLook, removeCue, setCue, setLook, sortedLookKeys } from './cue-edits';

function show(): Show {
  const r = parseShow({
    version: 1, id: 's', name: 'S', site: 1,
    venue: { name: 'V', zones: [{ id: 0, name: 'A' }, { id: 1, name: 'B' }, { id: 2, name: 'C' }], seats: { kind: 'arena', seats: 200 } },
    cueLists: [{ id: 'main', name: 'Main', cues: [
      { id: 'one', number: 1, looks: { all: { kind: 'color', color: '#ff0000' } } },
      { id: 'two', number: 2, looks: {} },
    ] }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const valid = (s: Show) => {
  const r = parseShow(s);
  expect(r.ok ? [] : r.errors).toEqual([]);
};

describe('cue edits', () => {
  it('numbers new cues the way operators do', () => {
    expect(cueNumberBetween(2, undefined, [1, 2])).toBe(3);
    expect(cueNumberBetween(1, 2, [1, 2])).toBe(1.5);
    expect(cueNumberBetween(1, 1.5, [1, 1.5, 2])).toBe(1.25);
    expect(cueNumberBetween(1, 3, [1, 3])).toBe(2);
    expect(cueNumberBetween(undefined, 1, [1])).toBe(0.5);
  });

  it('adds a cue between two, leaving the old show untouched', () => {
    const s = show();
    const { show: next, id } = addCue(s, 'main', 'one');
    expect(next.cueLists[0].cues.map((c) => c.number)).toEqual([1, 1.5, 2]);
    expect(next.cueLists[0].cues[1].id).toBe(id);
    expect(s.cueLists[0].cues).toHaveLength(2);
    valid(next);
  });

  it('sets, removes and rekeys looks per zone', () => {
    let s = setLook(show(), 'main', 'two', 'zone2', { kind: 'off' });
    s = setLook(s, 'main', 'two', 'all', { kind: 'color', color: [0, 0, 255] });
    expect(sortedLookKeys(s.cueLists[0].cues[1].looks)).toEqual(['all', 'zone2']);
    s = rekeyLook(s, 'main', 'two', 'zone2', 'zone1');
    expect(Object.keys(s.cueLists[0].cues[1].looks).sort()).toEqual(['all', 'zone1']);
    expect(() => rekeyLook(s, 'main', 'two', 'zone1', 'all')).toThrow(/already has/);
    expect(() => setLook(s, 'main', 'two', 'zone99' as 'zone1', null)).toThrow(/not a look key/);
    s = setLook(s, 'main', 'two', 'zone1', null);
    expect(Object.keys(s.cueLists[0].cues[1].looks)).toEqual(['all']);
    expect(nextFreeZoneKey(s.cueLists[0].cues[1].looks, [0, 1, 2])).toBe('zone0');
    valid(s);
  });

  it('edits timing and clears a parade reference', () => {
    let s = setCue(show(), 'main', 'one', { fade: 2500, follow: 1000, hang: 300, delay: 100, label: 'Red' });
    expect(s.cueLists[0].cues[0]).toMatchObject({ fade: 2500, follow: 1000, hang: 300, delay: 100, label: 'Red' });
    s = setCue(s, 'main', 'one', { parade: undefined });
    expect('parade' in s.cueLists[0].cues[0]).toBe(false);
    valid(s);
  });

  it('moves and removes cues', () => {
    let s = moveCue(show(), 'main', 'two', -1);
    expect(s.cueLists[0].cues.map((c) => c.id)).toEqual(['two', 'one']);
    expect(moveCue(s, 'main', 'two', -1)).toEqual(s);
    s = removeCue(s, 'main', 'two');
    expect(s.cueLists[0].cues.map((c) => c.id)).toEqual(['one']);
  });

  it('keeps the colour when a look changes kind', () => {
    const effect = changeLookKind({ kind: 'color', color: [1, 2, 3] }, 'effect');
    expect(effect).toMatchObject({ kind: 'effect', colors: [[1, 2, 3], [0, 0, 0]] });
    expect(changeLookKind(effect, 'color')).toEqual({ kind: 'color', color: [1, 2, 3] });
    expect(changeLookKind(effect, 'off')).toEqual({ kind: 'off' });
  });
});
