import type { Show } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import type { StoredShow } from '../api/shows-api';
import { draftReducer, emptyDraft, isDirty, type DraftAction, type DraftState } from './draft';

const showNamed = (name: string) => ({ id: 's', name }) as unknown as Show;
const stored = (revision: number, name = `r${revision}`): StoredShow => ({ id: 's', revision, savedAt: '', savedBy: 'x', show: showNamed(name) });
const run = (s: DraftState, ...actions: DraftAction[]) => actions.reduce(draftReducer, s);

describe('draft and saves', () => {
  it('an edit makes the draft dirty; a save of that edit makes it clean', () => {
    let s = run(emptyDraft, { type: 'load', stored: stored(1) }, { type: 'edit', show: showNamed('mine') });
    expect(s.status).toBe('dirty');
    const seq = s.editSeq;
    s = run(s, { type: 'saveStart' }, { type: 'saveOk', stored: stored(2, 'mine'), seq });
    expect(s.status).toBe('saved');
    expect(s.base!.revision).toBe(2);
    expect(isDirty(s)).toBe(false);
  });

  it('keeps edits made while saving, and saves them next', () => {
    let s = run(emptyDraft, { type: 'load', stored: stored(1) }, { type: 'edit', show: showNamed('a') }, { type: 'saveStart' });
    const seq = s.editSeq;
    s = run(s, { type: 'edit', show: showNamed('b') });
    expect(s.status).toBe('saving');
    s = run(s, { type: 'saveOk', stored: stored(2, 'a'), seq });
    expect(s.status).toBe('dirty');
    expect(s.draft!.name).toBe('b');
    expect(s.base!.revision).toBe(2);
  });

  it('a stale save becomes a conflict; keeping mine saves on top of theirs', () => {
    let s = run(emptyDraft, { type: 'load', stored: stored(1) }, { type: 'edit', show: showNamed('mine') }, { type: 'saveStart' });
    s = run(s, { type: 'conflict', theirs: stored(2, 'theirs') });
    expect(s.status).toBe('conflict');
    expect(s.theirs!.show.name).toBe('theirs');
    s = run(s, { type: 'keepMine' });
    expect(s.status).toBe('dirty');
    expect(s.base!.revision).toBe(2);
    expect(s.draft!.name).toBe('mine');
  });

  it('keeping theirs reloads their version', () => {
    const s = run(emptyDraft, { type: 'load', stored: stored(1) }, { type: 'edit', show: showNamed('mine') }, { type: 'conflict', theirs: stored(3, 'theirs') }, { type: 'keepTheirs' });
    expect(s.status).toBe('clean');
    expect(s.draft!.name).toBe('theirs');
    expect(s.base!.revision).toBe(3);
  });

  it('another console saving: reload when clean, conflict when dirty, ignore own echoes', () => {
    const clean = run(emptyDraft, { type: 'load', stored: stored(4) });
    expect(run(clean, { type: 'remoteChanged', show: 's', revision: 4 })).toBe(clean);
    expect(run(clean, { type: 'remoteChanged', show: 'other', revision: 9 })).toBe(clean);
    expect(run(clean, { type: 'remoteChanged', show: 's', revision: 5 }).reload).toBe(true);
    const dirty = run(clean, { type: 'edit', show: showNamed('mine') }, { type: 'remoteChanged', show: 's', revision: 5 });
    expect(dirty.status).toBe('conflict');
    expect(dirty.theirs).toBeNull();
  });

  it('a change announced during a save is judged when the save lands', () => {
    let s = run(emptyDraft, { type: 'load', stored: stored(1) }, { type: 'edit', show: showNamed('a') }, { type: 'saveStart' });
    const seq = s.editSeq;
    // Our own save's echo (revision 2) arrives before the PUT answers: not a conflict.
    s = run(s, { type: 'remoteChanged', show: 's', revision: 2 }, { type: 'saveOk', stored: stored(2, 'a'), seq });
    expect(s.status).toBe('saved');
    expect(s.reload).toBeUndefined();
  });

  it('a deleted show is a conflict to resolve', () => {
    const s = run(emptyDraft, { type: 'load', stored: stored(1) }, { type: 'remoteChanged', show: 's', revision: null });
    expect(s.status).toBe('conflict');
    expect(s.error).toMatch(/deleted/);
  });
});
