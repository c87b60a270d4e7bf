import { describe, expect, it } from 'vitest';
import { lateWords, paradeWords, transmitterDownWords } from './warning-words';

describe('warning words', () => {
  it('says a late parade in the show words, and keeps the technical path for the details', () => {
    const cue = paradeWords('Stadium wave', 'cue 4', null);
    const w = lateWords({ cue, step: 'WAVE 2', lateByMs: 365.2, atMs: 81234.5, purpose: 'parade' });
    expect(w.message).toBe("parade 'Stadium wave' in cue 4 went on air 365 ms late");
    expect(w.detail).toContain("step 'WAVE 2'");
    expect(w.detail).toContain('365.2 ms');
  });

  it('names the playback only when the show runs more than one, and the show timeline when no cue started it', () => {
    expect(paradeWords('Finale', 'cue 12 "End"', 'Songs')).toBe(`parade 'Finale' in cue 12 "End" of playback 'Songs'`);
    expect(paradeWords('Intro', null, null)).toBe("parade 'Intro' on the show timeline");
  });

  it('says what a transmitter going down means for the show; the driver reason is a detail', () => {
    const w = transmitterDownWords('tx1', 'ECONNREFUSED 127.0.0.1:7000');
    expect(w.message).not.toContain('ECONNREFUSED');
    expect(w.detail).toContain('ECONNREFUSED');
  });
});
