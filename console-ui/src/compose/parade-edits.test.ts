import { PARADE_STEP_KINDS, parseShow, type Show } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { addParade, addStep, addTrack, duplicateStep, freeSpot, moveStep, removeParade, removeStep, setStep, stepPath } from './parade-edits';

function show(): Show {
  const r = parseShow({
    version: 1, id: 's', name: 'S', site: 1,
    venue: { name: 'V', zones: [{ id: 0, name: 'A' }, { id: 1, name: 'B' }], seats: { kind: 'arena', seats: 200 } },
    cueLists: [{ id: 'main', name: 'Main', cues: [{ id: 'one', number: 1 }] }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const errorsOf = (s: Show) => {
  const r = parseShow(s);
  return r.ok ? [] : r.errors;
};

describe('parade edits', () => {
  it('every kind of new block is a valid step', () => {
    let s = addParade(show(), 'Big wave').show;
    const p = s.parades[0].id;
    for (const kind of PARADE_STEP_KINDS) s = addStep(s, p, 'all', kind, 1000).show;
    expect(errorsOf(s)).toEqual([]);
    expect(new Set(s.parades[0].tracks[0].steps.map((x) => x.id)).size).toBe(PARADE_STEP_KINDS.length);
  });

  it('keeps a new block inside the parade', () => {
    const { show: s, id } = addParade(show(), 'P', 5000);
    const r = addStep(s, id, 'all', 'WAVE', 4000, 4000);
    expect(r.show.parades[0].tracks[0].steps[0]).toMatchObject({ at: 1000, duration: 4000 });
  });

  it('puts a new block in the first free gap of its track', () => {
    const steps = [{ at: 0, duration: 2000 }, { at: 5000, duration: 1000 }];
    expect(freeSpot(steps, 0, 2000, 10_000)).toEqual({ at: 2000, duration: 2000 });
    expect(freeSpot(steps, 0, 4000, 10_000)).toEqual({ at: 6000, duration: 4000 });
    expect(freeSpot(steps, 5500, 1000, 10_000)).toEqual({ at: 6000, duration: 1000 });
    // No gap long enough: the longest one, shortened.
    expect(freeSpot(steps, 0, 8000, 10_000)).toEqual({ at: 6000, duration: 4000 });
    // Nowhere at all: where it was asked for.
    expect(freeSpot([{ at: 0, duration: 10_000 }], 3000, 2000, 10_000)).toEqual({ at: 3000, duration: 2000 });
    let s = addParade(show(), 'P', 10_000).show;
    s = addStep(s, 'p', 'all', 'WAVE', 0, 4000).show;
    s = addStep(s, 'p', 'all', 'PULSE', 0, 4000).show;
    expect(s.parades[0].tracks[0].steps.map((x) => [x.kind, x.at])).toEqual([['WAVE', 0], ['PULSE', 4000]]);
  });

  it('moves a block to another track and time', () => {
    let s = addParade(show(), 'P').show;
    s = addTrack(s, 'p', 'Zone B', { zones: [1] }).show;
    const added = addStep(s, 'p', 'all', 'PULSE', 0);
    s = moveStep(added.show, 'p', 'all', added.id, 'zone-b', { at: 2000, duration: 1500 });
    expect(s.parades[0].tracks[0].steps).toHaveLength(0);
    expect(s.parades[0].tracks[1].steps[0]).toMatchObject({ id: added.id, at: 2000, duration: 1500 });
    expect(stepPath(s, 'p', 'zone-b', added.id)).toBe('parades[0].tracks[1].steps[0]');
    expect(errorsOf(s)).toEqual([]);
  });

  it('edits parameters, duplicates and removes', () => {
    let s = addParade(show(), 'P').show;
    const a = addStep(s, 'p', 'all', 'WAVE', 0, 2000);
    s = setStep(a.show, 'p', 'all', a.id, { speed: 800, direction: { axis: 'radial', outward: true }, colors: [[1, 2, 3]] });
    expect(s.parades[0].tracks[0].steps[0]).toMatchObject({ speed: 800, direction: { axis: 'radial' }, colors: [[1, 2, 3]] });
    const d = duplicateStep(s, 'p', 'all', a.id);
    expect(d.show.parades[0].tracks[0].steps.map((x) => [x.id, x.at])).toEqual([[a.id, 0], [d.id, 2000]]);
    s = removeStep(d.show, 'p', 'all', a.id);
    expect(s.parades[0].tracks[0].steps.map((x) => x.id)).toEqual([d.id]);
  });

  it('removing a parade clears the cues and timeline that played it', () => {
    let s = addParade(show(), 'P').show;
    s = { ...s, timeline: [{ parade: 'p', at: 0 }], cueLists: [{ ...s.cueLists[0], cues: [{ ...s.cueLists[0].cues[0], parade: 'p' }] }] };
    expect(errorsOf(s)).toEqual([]);
    s = removeParade(s, 'p');
    expect(s.timeline).toEqual([]);
    expect(s.cueLists[0].cues[0].parade).toBeUndefined();
    expect(errorsOf(s)).toEqual([]);
  });
});
