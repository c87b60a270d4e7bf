import { describe, expect, it } from 'vitest';
import { describeSpan, slotSpan } from './brand-schedule';

const steps = [{ kind: 'hold' as const, duration: 12_000 }];
const show = { cueLists: [{ cues: [{ id: 'c4', number: 4, label: 'Chorus' }] }] } as unknown as Parameters<typeof describeSpan>[1];

describe('a slot in words', () => {
  it('reads a cue slot as a start and a length with the cue name', () => {
    const span = slotSpan({ schedule: { cue: 'c4' }, steps })!;
    expect(describeSpan(span, show)).toBe('starts on cue 4 “Chorus”, lasts 12 s');
    expect(describeSpan(span)).toBe('starts on cue c4, lasts 12 s');
  });
  it('reads a show-time slot the same way', () => {
    expect(describeSpan(slotSpan({ schedule: { showTime: 75_000 }, steps })!)).toBe('starts 1 minute 15 s into the show, lasts 12 s');
  });
});
