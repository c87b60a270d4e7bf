import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import example from '@crowdcue/protocol/example-show.json' with { type: 'json' };
import { readJsonRecovering } from './atomic-json';
import { checkStored, ShowConflictError, ShowNotFoundError, ShowStore, ShowValidationError } from './show-store';

let dir: string;
let store: ShowStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-shows-'));
  store = new ShowStore(dir);
  await store.init();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const show = (over: Record<string, unknown> = {}) => ({ ...structuredClone(example), ...over });

describe('ShowStore', () => {
  it('creates, reads, lists and bumps revisions on save', async () => {
    const first = await store.save(show(), 'ana');
    expect(first.revision).toBe(1);
    const second = await store.save(show({ name: 'Renamed' }), 'ben', { expectedRevision: 1 });
    expect(second.revision).toBe(2);
    expect((await store.get(example.id)).show.name).toBe('Renamed');
    expect(await store.list()).toEqual([expect.objectContaining({ id: example.id, name: 'Renamed', revision: 2, savedBy: 'ben' })]);
  });

  it('refuses a stale save with the current version, never overwriting', async () => {
    await store.save(show(), 'ana');
    await store.save(show({ name: 'Ana edit' }), 'ana', { expectedRevision: 1 });
    const stale = store.save(show({ name: 'Ben edit' }), 'ben', { expectedRevision: 1 });
    await expect(stale).rejects.toBeInstanceOf(ShowConflictError);
    await expect(stale).rejects.toMatchObject({ current: { revision: 2, savedBy: 'ana' } });
    expect((await store.get(example.id)).show.name).toBe('Ana edit');
  });

  it('serialises concurrent saves of one show: exactly one of two racing edits wins', async () => {
    await store.save(show(), 'ana');
    const results = await Promise.allSettled([
      store.save(show({ name: 'A' }), 'ana', { expectedRevision: 1 }),
      store.save(show({ name: 'B' }), 'ben', { expectedRevision: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ShowConflictError)).toHaveLength(1);
  });

  it('writes nothing for an invalid show and lists every error by path', async () => {
    await store.save(show(), 'ana');
    const bad = show({ name: 'Broken', site: 300 });
    (bad.cueLists as Array<{ cues: Array<Record<string, unknown>> }>)[0].cues[0].fade = -5;
    const err = await store.save(bad, 'ana', { expectedRevision: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShowValidationError);
    const paths = (err as ShowValidationError).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['site', 'cueLists[0].cues[0].fade']));
    const stored = await store.get(example.id);
    expect(stored.revision).toBe(1);
    expect(stored.show.name).toBe(example.name);
  });

  it('keeps the previous version as a backup and survives a reload', async () => {
    await store.save(show(), 'ana');
    await store.save(show({ name: 'Second' }), 'ana', { expectedRevision: 1 });
    const backup = JSON.parse(await readFile(join(dir, 'shows', `${example.id}.json.bak`), 'utf8'));
    expect(backup.revision).toBe(1);
    const reopened = new ShowStore(dir);
    await reopened.init();
    expect((await reopened.get(example.id)).revision).toBe(2);
  });

  it('reports a corrupt file by name instead of crashing the listing', async () => {
    await store.save(show(), 'ana');
    await writeFile(join(dir, 'shows', 'broken.json'), '{ nope');
    await expect(store.get('broken')).rejects.toThrow(/broken\.json: not valid JSON/);
    expect((await store.list()).map((s) => [s.id, s.damaged !== undefined])).toEqual([['broken', true], [example.id, false]]);
  });

  it('does not reach outside the shows folder', async () => {
    await expect(store.get('../accounts')).rejects.toBeInstanceOf(ShowNotFoundError);
  });
});

describe('ShowStore with damaged files', () => {
  const file = (id: string) => join(dir, 'shows', `${id}.json`);

  it('puts the .bak back when a show file is cut short, and says so', async () => {
    const told: string[] = [];
    store = new ShowStore(dir, { onRecovered: (id, problem) => told.push(`${id}: ${problem}`) });
    await store.init();
    await store.save(show(), 'ana');
    await store.save(show({ name: 'Second' }), 'ana', { expectedRevision: 1 });
    const text = await readFile(file(example.id), 'utf8');
    await writeFile(file(example.id), text.slice(0, text.length / 2));
    const got = await store.get(example.id);
    expect(got.revision).toBe(1);
    expect(told).toEqual([expect.stringMatching(new RegExp(`^${example.id}: ${example.id}\\.json: not valid JSON`))]);
    // Put back: the next save carries on from the recovered revision.
    expect((await store.save(show({ name: 'Third' }), 'ana', { expectedRevision: 1 })).revision).toBe(2);
  });

  it('lists a show with no good copy as damaged, with the reason, and lets it be overwritten or deleted', async () => {
    await store.save(show(), 'ana');
    await writeFile(file(example.id), '{"id": 3}');
    await writeFile(join(dir, 'shows', 'other.json'), '{');
    const list = await store.list();
    expect(list).toEqual([
      expect.objectContaining({ id: example.id, damaged: { reason: expect.stringContaining('id: missing or not a show id') } }),
      expect.objectContaining({ id: 'other', damaged: { reason: expect.stringContaining('other.json: not valid JSON') } }),
    ]);
    await expect(store.get('other')).rejects.toThrow(/show 'other' is damaged/);
    await expect(store.save(show(), 'ana', { expectedRevision: 1 })).rejects.toThrow(/is damaged/);
    // Only with repair (an admin): what is replaced cannot be looked at first.
    await expect(store.save(show(), 'ana', { overwrite: true })).rejects.toMatchObject({ refused: true });
    await expect(store.remove('other')).rejects.toMatchObject({ refused: true });
    expect((await store.save(show(), 'ana', { overwrite: true, repair: true })).revision).toBe(1);
    await store.remove('other', { repair: true });
    expect((await store.list()).map((s) => s.id)).toEqual([example.id]);
  });
});

describe('ShowStore read cache', () => {
  it('parses a show file once until the file changes', async () => {
    const reads: string[] = [];
    const counting = new ShowStore(dir, { readStored: (path) => (reads.push(path), readJsonRecovering(path, checkStored)) });
    await counting.save(show(), 'ana');
    // The save keeps what it wrote: reading it back parses nothing.
    const afterSave = reads.length;
    await counting.get(example.id);
    await counting.list();
    expect(reads).toHaveLength(afterSave);
    // Another writer (a second store, an edit by hand) changes the file: read again, once.
    await store.save(show({ name: 'Elsewhere' }), 'ben', { expectedRevision: 1 });
    expect((await counting.get(example.id)).show.name).toBe('Elsewhere');
    await counting.get(example.id);
    expect(reads).toHaveLength(afterSave + 1);
  });
});
