import { describe, expect, it } from 'vitest';
import type { CompiledParade } from '@crowdcue/protocol';
import { trimParade } from './trim-parade';

const look = { kind: 'color' as const, rgb: [1, 2, 3] as [number, number, number], fadeMs: 0 };
const send = (atMs: number) => ({ atMs, target: { kind: 'ALL' as const }, zones: 'ALL' as const, look });
const parade: CompiledParade = {
  id: 'p',
  name: 'P',
  durationMs: 3000,
  steps: [
    { path: 's0', label: 's0', kind: 'COLOR', atMs: 0, endMs: 1000, zones: 'ALL', look, sends: [send(0)] },
    { path: 's1', label: 's1', kind: 'CHASE', atMs: 1000, endMs: 3000, zones: 'ALL', look, sends: [send(1000), send(1500), send(2000)] },
  ],
};

describe('trimParade', () => {
  it('keeps the whole parade at its start', () => {
    expect(trimParade(parade, 0)).toBe(parade);
  });
  it('drops finished steps and the sends overtaken inside the step in force', () => {
    const t = trimParade(parade, 1700);
    expect(t.steps.map((s) => s.path)).toEqual(['s1']);
    expect(t.steps[0].sends.map((s) => s.atMs)).toEqual([1500, 2000]);
    expect(t.durationMs).toBe(3000);
  });
  it('is empty once the parade is over', () => {
    expect(trimParade(parade, 3000).steps).toEqual([]);
  });
});
