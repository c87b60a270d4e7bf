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
    let t = 0;
    for (const c of cues.slice(0, -1)) t += c.delay + Math.max(c.fade, ...Object.values(c.looks).map((l) => ('fade' in l && l.fade) || 0)) + c.hang + (c.follow ?? 0);
    expect(t).toBeGreaterThan(100_000);
    expect(t).toBeLessThan(150_000);
  });
});
