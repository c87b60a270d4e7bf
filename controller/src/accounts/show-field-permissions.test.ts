import { parseShow, type Show } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import example from '@crowdcue/protocol/example-show.json' with { type: 'json' };
import { refusedShowFields, stampShow } from './show-field-permissions';

const parsed = (json: unknown): Show => {
  const r = parseShow(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const base = parsed(example);
const admin = { id: 'a', username: 'chief', role: 'admin' as const, createdAt: '' };

describe('refusedShowFields', () => {
  it('finds nothing when protected fields are written as stored, even spelt differently (defaults left out)', () => {
    const json = structuredClone(example) as Record<string, unknown>;
    delete json.safety;
    expect(refusedShowFields('designer', base, parsed({ ...json, name: 'Other' }))).toEqual([]);
  });

  it('lists transmitters for a designer, not for an operator or admin', () => {
    const next = { ...base, transmitters: [] };
    expect(refusedShowFields('designer', base, next).map((f) => f.path)).toEqual(['transmitters']);
    expect(refusedShowFields('operator', base, next)).toEqual([]);
    expect(refusedShowFields('admin', base, next)).toEqual([]);
  });

  it('treats a new show as changed from an empty one', () => {
    expect(refusedShowFields('designer', undefined, base).map((f) => f.path)).toEqual(['transmitters', 'brandSequences[0].approved']);
  });

  it('lets anyone with write remove an override or lower the limit; only an admin raises it', () => {
    const strobe = parsed({ ...example, safety: { maxFlashesPerSecond: 10, override: { maxFlashesPerSecond: 10, reason: 'finale', approvedBy: 'x' } } });
    expect(refusedShowFields('designer', strobe, base)).toEqual([]);
    expect(refusedShowFields('designer', base, strobe).map((f) => f.path)).toEqual(['safety.override', 'safety.maxFlashesPerSecond']);
    expect(refusedShowFields('admin', base, strobe)).toEqual([]);
    expect(stampShow(admin, base, strobe).safety.override?.approvedBy).toBe('chief');
    expect(stampShow(admin, strobe, strobe)).toBe(strobe);
  });

  it('holds inputs to operators and admins, and an operator to inputs and transmitters', () => {
    const withOsc = parsed({ ...example, inputs: { osc: { port: 9000, allow: ['10.0.0.0/8'] } } });
    expect(refusedShowFields('designer', base, withOsc).map((f) => f.path)).toEqual(['inputs']);
    expect(refusedShowFields('operator', base, withOsc)).toEqual([]);
    expect(refusedShowFields('admin', base, withOsc)).toEqual([]);
    const renamed = { ...withOsc, name: 'Other', cueLists: [] };
    expect(refusedShowFields('operator', base, renamed)).toEqual([
      { path: 'name', message: 'a operator account may not change name (needs shows:write)' },
      { path: 'cueLists', message: 'a operator account may not change cueLists (needs shows:write)' },
    ]);
  });
});
