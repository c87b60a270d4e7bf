import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import example from '@crowdcue/protocol/example-show.json' with { type: 'json' };
import { createTestApp, type TestApp } from '../test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const STROBE = { kind: 'effect', shape: 'SQUARE', colors: ['#ffffff', '#000000'], period: 100 };
/** The example as a designer may save it, its first cue a strobe at 10 flashes a second when `strobe`. */
function show(strobe: boolean) {
  const e = structuredClone(example);
  const cueLists = e.cueLists.map((l, i) => (i === 0 ? { ...l, cues: l.cues.map((c, j) => (j === 0 && strobe ? { ...c, looks: { all: STROBE } } : c)) } : l));
  return { ...e, cueLists, transmitters: [], brandSequences: e.brandSequences.map((s) => ({ ...s, approved: false })) };
}

describe('a show over the flash limit is saved as a draft', () => {
  it('answers the save with the problems, marks the stored show and its summary, and clears the mark once fixed', async () => {
    const designer = await t.as('designer');
    const created = await designer({ method: 'POST', url: '/api/shows', payload: show(true) });
    expect(created.statusCode).toBe(201);
    const draft = created.json().draft;
    expect(draft.reason).toBe('flash-limit');
    expect(draft.problems[0]).toMatchObject({ path: 'cueLists[0].cues[0].looks.all', message: expect.stringContaining('limit 3/s') });

    expect((await designer({ method: 'GET', url: `/api/shows/${example.id}` })).json().draft.problems).toEqual(draft.problems);
    const [summary] = (await designer({ method: 'GET', url: '/api/shows' })).json();
    expect(summary.draft).toEqual({ problems: draft.problems.length, first: draft.problems[0].message });

    const fixed = await designer({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision: 1, show: show(false) } });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().draft).toBeUndefined();
    expect((await designer({ method: 'GET', url: '/api/shows' })).json()[0].draft).toBeUndefined();
  });

  it('keeps the draft mark when the stored file is read back after a restart', async () => {
    const designer = await t.as('designer');
    await designer({ method: 'POST', url: '/api/shows', payload: show(true) });
    const { ShowStore } = await import('../../storage/show-store');
    const reopened = new ShowStore(t.dataDir);
    await reopened.init();
    expect((await reopened.get(example.id)).draft?.problems[0]?.path).toBe('cueLists[0].cues[0].looks.all');
  });
});
