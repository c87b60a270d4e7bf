import { parseShow, type Show } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { setParade } from '../compose/parade-edits';
import { setCue } from '../compose/cue-edits';
import { diffShows } from './show-diff';

function show(): Show {
  const r = parseShow({
    version: 1, id: 's', name: 'S', site: 1,
    venue: { name: 'V', zones: [{ id: 0, name: 'A' }], seats: { kind: 'arena', seats: 100 } },
    cueLists: [{ id: 'main', name: 'Main', cues: [{ id: 'one', number: 1, label: 'Red' }] }],
    parades: [{ id: 'p', name: 'P', duration: 4000, tracks: [] }],
  });
  if (!r.ok) throw new Error('bad');
  return r.value;
}

describe('diffShows', () => {
  it('names each changed item, nothing for equal shows', () => {
    const a = show();
    expect(diffShows(a, show())).toEqual([]);
    const b = setCue(setParade(a, 'p', { name: 'Mine' }), 'main', 'one', { fade: 500 });
    const d = diffShows(a, b);
    expect(d.map((x) => x.what)).toEqual(['cue main/one', 'parade p']);
    expect(d[1]).toMatchObject({ theirs: expect.stringContaining('“P”'), mine: expect.stringContaining('“Mine”') });
  });

  it('reports added and removed items', () => {
    const a = show();
    const b = { ...a, parades: [] };
    expect(diffShows(a, b)).toEqual([{ what: 'parade p', theirs: expect.any(String), mine: '(none)' }]);
  });
});
