import { describe, expect, it } from 'vitest';
import { parseShow } from '@crowdcue/protocol';
import { checkShow } from '../safety/check-show';
import { demoShow, demoShowInput } from './demo-show';

describe('demo show', () => {
  it('parses, is within the flash limit and every parade compiles', () => {
    const r = parseShow(demoShowInput());
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(checkShow(demoShow())).toEqual([]);
  });

  it('is a stadium of about 20,000 seats in 12+ zones with ~12 cues and several parades over about two minutes', () => {
    const show = demoShow();
    expect(show.venue.zones.length).toBeGreaterThanOrEqual(12);
    expect(show.venue.seats).toMatchObject({ kind: 'stadium' });
    const cues = show.cueLists[0].cues;
    expect(cues.length).toBeGreaterThanOrEqual(12);
    expect(show.parades.map((p) => p.id)).toEqual(expect.arrayContaining(['stadium-wave', 'chase', 'rainbow', 'finale']));
    // follows carry every cue to the last
    expect(cues.slice(0, -1).every((c) => c.follow !== null)).toBe(true);
  });
});

describe('demo show auto-run', () => {
  it('runs about two minutes with every cue and parade in order', async () => {
    const { autoRunSchedule, autoRunEndMs } = await import('./auto-run-schedule');
    const show = demoShow();
    const items = autoRunSchedule(show);
    expect(items.filter((i) => i.kind === 'cue')).toHaveLength(show.cueLists[0].cues.length);
    expect(items.filter((i) => i.kind === 'parade').map((i) => (i.kind === 'parade' ? i.paradeId : ''))).toEqual(['stadium-wave', 'chase', 'rainbow', 'finale']);
    const rainbow = items.find((i) => i.kind === 'parade' && i.paradeId === 'rainbow');
    const cue6 = items.find((i) => i.kind === 'cue' && i.cue.id === 'rainbow');
    expect(rainbow && rainbow.kind === 'parade' && rainbow.atMs).toBe(cue6 && cue6.kind === 'cue' && cue6.looksAtMs);
    const end = autoRunEndMs(show, items);
    expect(end).toBeGreaterThan(110_000);
    expect(end).toBeLessThan(140_000);
  });
});
