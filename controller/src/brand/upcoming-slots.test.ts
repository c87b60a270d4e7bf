import type { BrandSequence } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { upcomingBrandSlots, type SlotOutlookInput } from './upcoming-slots';

const seq = (id: string, schedule: BrandSequence['schedule'], approved = true): BrandSequence =>
  ({ id, brand: 'acme', name: `Acme ${id}`, steps: [{ kind: 'color', color: [255, 0, 0], duration: 10_000 }], schedule, approved }) as unknown as BrandSequence;

const base = (over: Partial<SlotOutlookInput>): SlotOutlookInput => ({
  sequences: [],
  status: 'running',
  positionMs: 60_000,
  wallNow: 1_000_000,
  blackout: false,
  zones: [1, 2, 3, 4].map((zone) => ({ zone, source: 'cue' as const })),
  zonesOf: () => [1, 2],
  cueName: (id) => `cue ${id}`,
  ...over,
});

describe('upcoming brand slots', () => {
  it('lists approved slots nearest first, dropping those already over and unapproved ones', () => {
    const slots = upcomingBrandSlots(
      base({
        sequences: [seq('later', { showTime: 120_000 }), seq('soon', { wallClock: new Date(1_030_000).toISOString() }), seq('over', { showTime: 10_000 }), seq('no', { showTime: 90_000 }, false)],
      }),
    );
    expect(slots.map((s) => [s.sequence, s.outlook])).toEqual([
      ['soon', 'will-play'],
      ['later', 'will-play'],
    ]);
    expect(slots[1].when).toEqual({ kind: 'showTime', atShowMs: 120_000 });
  });

  it('says a show-time or cue slot will not play while the show is stopped, and waits while paused', () => {
    const sequences = [seq('show', { showTime: 120_000 }), seq('cue', { cue: 'c12' }), seq('wall', { wallClock: new Date(1_030_000).toISOString() })];
    const stopped = upcomingBrandSlots(base({ sequences, status: 'stopped' }));
    expect(stopped.map((s) => [s.sequence, s.outlook, s.reason])).toEqual([
      ['wall', 'will-play', undefined],
      ['show', 'will-not-play', 'the show is stopped'],
      ['cue', 'will-not-play', 'the show is stopped'],
    ]);
    expect(upcomingBrandSlots(base({ sequences, status: 'paused' }))[1].outlook).toBe('waits');
  });

  it('says it is pre-empted by what the mixer ranks above brand slots on its zones, and not by a cue below it', () => {
    const sequences = [seq('show', { showTime: 120_000 })];
    const busked = upcomingBrandSlots(base({ sequences, zones: [{ zone: 1, source: 'busk' }, { zone: 2, source: 'desk' }, { zone: 3, source: 'busk' }] }));
    expect(busked[0].outlook).toBe('pre-empted');
    expect(busked[0].reason).toBe('a busk holds zone 1, above brand slots');
    expect(upcomingBrandSlots(base({ sequences, blackout: true }))[0].reason).toMatch(/^blackout is on/);
    expect(upcomingBrandSlots(base({ sequences }))[0].outlook).toBe('will-play');
  });

  it('marks a slot under way as playing', () => {
    const slots = upcomingBrandSlots(base({ sequences: [seq('now', { showTime: 55_000 })] }));
    expect(slots[0].outlook).toBe('playing');
  });
});
