import { describe, expect, it } from 'vitest';
import { zoneWhyText } from './zone-why';

describe('zone why', () => {
  it("says the mixer's reason, naming the zone once", () => {
    expect(zoneWhyText(8, { zone: 8, look: null, source: 'brand', why: "brand slot 'Acme' over playback 'Songs' cue 12" })).toBe(
      "zone 8: brand slot 'Acme' over playback 'Songs' cue 12",
    );
    expect(zoneWhyText(8, { zone: 8, look: null, source: 'cue', why: "zone 8: playback 'Songs' cue 12" })).toBe("zone 8: playback 'Songs' cue 12");
  });

  it('falls back to the source when the server gives no reason', () => {
    expect(zoneWhyText(3, { zone: 3, look: { kind: 'off' }, source: 'busk' })).toBe('zone 3: a busk');
    expect(zoneWhyText(3, { zone: 3, look: null, source: null })).toBe('zone 3: nothing plays here');
    expect(zoneWhyText(3, undefined)).toBe('zone 3: nothing plays here');
  });
});
