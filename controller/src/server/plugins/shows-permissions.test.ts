import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import example from '@crowdcue/protocol/example-show.json' with { type: 'json' };
import { createTestApp, type TestApp } from '../test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  // As an operator configured it and approved its brand slot: one transmitter, b1 approved.
  await t.shows.save(structuredClone(example), 'operator');
});
afterEach(async () => {
  await t.close();
});

type ShowJson = typeof example & { safety: { maxFlashesPerSecond: number; override?: unknown } };
const stored = async (): Promise<{ revision: number; show: ShowJson }> => (await t.shows.get(example.id)) as unknown as { revision: number; show: ShowJson };

describe('show saves hold each field to the roles that may change it', () => {
  it('lets a designer save looks and cues with the protected fields round-tripped unchanged', async () => {
    const designer = await t.as('designer');
    const { revision, show } = await stored();
    const res = await designer({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: { ...show, name: 'Renamed' } } });
    expect(res.statusCode).toBe(200);
    expect(res.json().show).toMatchObject({ name: 'Renamed', transmitters: show.transmitters, brandSequences: [{ id: 'b1', approved: true }] });
  });

  it("refuses a designer's new transmitter address with a 403 naming transmitters, storing nothing", async () => {
    const designer = await t.as('designer');
    const { revision, show } = await stored();
    const next = { ...show, name: 'Also renamed', transmitters: [{ id: 'tx1', url: 'tcp://127.0.0.1:9', coverage: 'ALL' }] };
    const res = await designer({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: next } });
    expect(res.statusCode).toBe(403);
    expect(res.json().fields).toEqual([{ path: 'show.transmitters', message: expect.stringMatching(/designer account may not change transmitters/) }]);
    expect(await stored()).toMatchObject({ revision, show: { name: example.name, transmitters: example.transmitters } });
  });

  it('refuses brand approval through a show save, from a designer and an admin alike', async () => {
    const designer = await t.as('designer');
    const admin = await t.as('admin');
    const { revision, show } = await stored();
    const withdrawn = { ...show, brandSequences: show.brandSequences.map((s) => ({ ...s, approved: false })) };
    const res = await designer({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: withdrawn } });
    expect(res.statusCode).toBe(403);
    expect(res.json().fields).toEqual([{ path: 'show.brandSequences[0].approved', message: expect.stringMatching(/approvals route/) }]);

    const sneaked = { ...show, id: 'copy', brandSequences: show.brandSequences.map((s) => ({ ...s, id: 'b2' })) };
    const imported = await admin({ method: 'POST', url: '/api/shows/import', payload: sneaked });
    expect(imported.statusCode).toBe(403);
    expect(imported.json().message).toMatch(/brandSequences\[0\]\.approved/);
    expect(await t.shows.has('copy')).toBe(false);
  });

  it("refuses changing an approved brand sequence's content in a show save", async () => {
    const designer = await t.as('designer');
    const { revision, show } = await stored();
    const moved = { ...show, brandSequences: show.brandSequences.map((s) => ({ ...s, name: 'Moved' })) };
    const res = await designer({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: moved } });
    expect(res.statusCode).toBe(403);
    expect(res.json().fields).toEqual([{ path: 'show.brandSequences[0].name', message: expect.stringMatching(/approved by .*brand routes/) }]);
  });

  it('keeps an approval on an admin import over the show only for the very sequence approved; a changed one is a 403 naming the field', async () => {
    const admin = await t.as('admin');
    const { show } = await stored();
    const same = await admin({ method: 'POST', url: '/api/shows/import?overwrite=true', payload: { ...show, name: 'Re-imported' } });
    expect(same.statusCode).toBe(201);
    expect(same.json().show).toMatchObject({ name: 'Re-imported', brandSequences: [{ id: 'b1', approved: true }] });

    const seq = show.brandSequences[0]!;
    // One step a second longer: the approved sequence is no longer the one the brand and the operator agreed.
    const edited = { ...show, name: 'Edited', brandSequences: [{ ...seq, steps: seq.steps.map((st, i) => (i === 0 ? { ...st, duration: st.duration + 1000 } : st)) }] };
    const refused = await admin({ method: 'POST', url: '/api/shows/import?overwrite=true', payload: edited });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().fields).toEqual([{ path: 'show.brandSequences[0].steps', message: expect.stringMatching(/approved by/) }]);
    expect((await stored()).show.name).toBe('Re-imported');
  });

  it("refuses a designer's safety override naming someone else; an admin's is recorded under the admin's own name", async () => {
    const strobe = { maxFlashesPerSecond: 50, override: { maxFlashesPerSecond: 50, reason: 'finale', approvedBy: 'admin' } };
    const designer = await t.as('designer');
    const { revision, show } = await stored();
    const res = await designer({ method: 'PUT', url: `/api/shows/${example.id}?`, payload: { revision, show: { ...show, safety: strobe } } });
    expect(res.statusCode).toBe(403);
    expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual(['show.safety.override', 'show.safety.maxFlashesPerSecond']);
    expect((await stored()).show.safety).toEqual({ maxFlashesPerSecond: 3 });

    await t.accounts.create({ username: 'chief', role: 'admin', password: 'chief-password' });
    const chief = await t.as('admin', { username: 'chief' });
    const saved = await chief({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: { ...show, safety: strobe } } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().show.safety.override).toEqual({ maxFlashesPerSecond: 50, reason: 'finale', approvedBy: 'chief' });

    // The designer can go on saving the show with the admin's override untouched.
    const after = await stored();
    const again = await designer({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision: after.revision, show: { ...after.show, name: 'Later' } } });
    expect(again.statusCode).toBe(200);
  });

  it('lets an admin change transmitters in a show save', async () => {
    const admin = await t.as('admin');
    const { revision, show } = await stored();
    const next = { ...show, transmitters: [{ id: 'tx2', url: 'virtual', coverage: 'ALL' }] };
    expect((await admin({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: next } })).statusCode).toBe(200);
  });

  it("lets an operator save a show's inputs, refuses a designer's, and refuses an operator's other changes", async () => {
    const operator = await t.as('operator');
    const designer = await t.as('designer');
    const { revision, show } = await stored();
    const inputs = { osc: { port: 9000, allow: ['127.0.0.1'] } };
    const byDesigner = await designer({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: { ...show, inputs } } });
    expect(byDesigner.statusCode).toBe(403);
    expect(byDesigner.json().fields).toEqual([{ path: 'show.inputs', message: expect.stringMatching(/designer account may not change inputs/) }]);

    const sneaky = await operator({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: { ...show, inputs, name: 'Mine' } } });
    expect(sneaky.statusCode).toBe(403);
    expect(sneaky.json().fields).toEqual([{ path: 'show.name', message: expect.stringMatching(/needs shows:write/) }]);
    expect((await stored()).revision).toBe(revision);

    const ok = await operator({ method: 'PUT', url: `/api/shows/${example.id}`, payload: { revision, show: { ...show, inputs } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().show.inputs.osc).toMatchObject({ port: 9000, allow: ['127.0.0.1'] });
  });
});
