import { encodeCcb, type CcbPacket, type Rgb } from '@crowdcue/protocol';
import { buildCrowd } from '@crowdcue/simulator';
import { describe, expect, it } from 'vitest';
import type { BrandRunResult } from './brand-sequence-run';
import { gridVenue } from './fixtures.test-util';
import { judgePlay } from './play-verdict';
import { replaySlot } from './replay-slot';
import type { AirTransmission } from './slot-air';
import { slotExpectations } from './slot-expectation';

const SITE = 7;
const YELLOW: Rgb = [255, 255, 0];
const RED: Rgb = [255, 0, 0];
let seq = 0;
/** A COLOR to some zones (or all) that starts on air at `startMs`. */
function color(rgb: Rgb, startMs: number, zones: number[] | 'ALL', label: string): AirTransmission {
  const packet: CcbPacket = { site: SITE, seq: (seq = (seq % 255) + 1), target: zones === 'ALL' ? { kind: 'ALL' } : { kind: 'ZONES', zones }, cmd: 'COLOR', rgb, fadeMs: 0 };
  return { transmitterId: 'tx', rf: encodeCcb(packet), startMs, endMs: startMs + 8, label };
}

/** A 40 x 10 grid in 4 zones; a 4 s yellow wash on every zone from 1000 ms. */
function setup(lossRate = 0) {
  const crowd = buildCrowd(gridVenue(40, 10, 10), { site: SITE });
  const steps = [{ kind: 'wash' as const, color: YELLOW, fade: 0, duration: 4000 }];
  const expectations = slotExpectations({ plan: { steps: [{ kind: 'wash', fromMs: 1000, untilMs: 5000 }], zones: [0, 1, 2, 3] }, steps, crowd, image: null, coveredZones: [0, 1, 2, 3] });
  return { crowd, expectations, transmitters: [{ id: 'tx', coverage: 'ALL' as const, lossRate }] };
}
const replay = (air: AirTransmission[], lossRate = 0) => {
  const s = setup(lossRate);
  return replaySlot({ crowd: s.crowd, transmitters: s.transmitters, air, expectations: s.expectations, fromMs: 1000, untilMs: 5000, zones: [0, 1, 2, 3] });
};
const result = (extra: Partial<BrandRunResult> = {}): BrandRunResult => ({
  sequenceId: 'acme',
  brand: 'acme',
  name: 'Acme',
  scheduledStartMs: 1000,
  scheduledEndMs: 5000,
  actualStartMs: 1000,
  actualEndMs: 5000,
  revealMs: null,
  zones: [0, 1, 2, 3],
  preload: null,
  showImageCopies: 0,
  airtime: [{ transmitterId: 'tx', transmissions: 1, airMs: 8 }],
  stopped: false,
  ...extra,
});
const iso = (ms: number) => new Date(Date.UTC(2026, 11, 4, 21, 3, 0) + ms).toISOString();

describe('replaying a slot from the on-air record', () => {
  it('a wash that went on air in time shows on every seat at the start, middle and end: played', () => {
    const air = [color(RED, 0, 'ALL', 'a cue'), color(YELLOW, 990, 'ALL', 'brand')];
    const r = replay(air);
    expect([r.start.share, r.middle.share, r.end.share]).toEqual([1, 1, 1]);
    expect(r.seats).toBe(400);
    expect(r.shownMs).toBe(4000);
    expect(judgePlay({ result: result(), replay: r, air, iso })).toMatchObject({ status: 'played', reasons: [] });
  });

  it('nothing on air: the crowd keeps the cue, nothing showed: not played, and the late preload is the reason', () => {
    const air = [color(RED, 0, 'ALL', 'a cue')];
    const r = replay(air);
    expect(r.maxShare).toBe(0);
    const v = judgePlay({
      result: result({ airtime: [{ transmitterId: 'tx', transmissions: 0, airMs: 0 }], revealMs: 1000, preload: { sent: 0, total: 98, late: 0, unrouted: 0, lastLandMs: 0, done: false } }),
      replay: r,
      air,
      iso,
    });
    expect(v.status).toBe('not-played');
    expect(v.reasons.map((x) => x.message).join('\n')).toMatch(/nothing went on air for this slot: its preload was late \(0 of 98 packets on air by the reveal at 21:03:01\.0 UTC\)/);
  });

  it('a parade over two zones in the middle: partial, naming the parade, the moment and the shares', () => {
    const air = [color(YELLOW, 990, 'ALL', 'brand'), color(RED, 2995, [0, 1], "parade 'Stadium wave'")];
    const r = replay(air);
    expect(r.start.share).toBe(1);
    expect(r.end.share).toBe(0.5);
    expect(r.shownMs).toBe(4000); // half the seats still show it
    const air2 = [color(YELLOW, 990, 'ALL', 'brand'), color(RED, 2995, [0, 1, 2], "parade 'Stadium wave'")];
    const r2 = replay(air2);
    expect(r2.end.share).toBe(0.25);
    expect(r2.shownMs).toBe(2000);
    const v = judgePlay({ result: result(), replay: r2, air: air2, iso });
    expect(v.status).toBe('partial');
    expect(v.reasons).toHaveLength(1);
    expect(v.reasons[0]).toMatchObject({ kind: 'preempted', at: iso(3050) });
    expect(v.reasons[0].message).toBe("overwritten at 21:03:03.0 UTC, 2.0 s into the slot by parade 'Stadium wave' on zones 0, 1, 2: 100% of its seats showed it before, 25% after");
    expect(v.shownUntilMs).toBe(3000);
  });

  it('a late start: partial, with when it showed', () => {
    const air = [color(YELLOW, 2490, 'ALL', 'brand')];
    const v = judgePlay({ result: result(), replay: replay(air), air, iso });
    expect(v.status).toBe('partial');
    expect(v.reasons[0].message).toBe('it showed from 21:03:02.5 UTC, 1.5 s after the slot began at 21:03:01.0 UTC');
  });

  it('loss in the RF model: the share is what the bands that heard it show', () => {
    const r = replay([color(YELLOW, 990, 'ALL', 'brand')], 0.2);
    expect(r.middle.share).toBeGreaterThan(0.7);
    expect(r.middle.share).toBeLessThan(0.9);
    expect(r.middle.seats).toBe(Math.round(r.middle.share * 400));
  });

  it('a replay that could not run says so instead of guessing', () => {
    const v = judgePlay({ result: result(), replay: null, air: [], iso, replayError: 'took longer than 120 s; stopped, nothing changed' });
    expect(v.status).toBe('partial');
    expect(v.reasons).toEqual([{ kind: 'not-replayed', message: 'what went on air could not be replayed (took longer than 120 s; stopped, nothing changed), so what the crowd showed cannot be told' }]);
  });

  it('two sends reported overlapping on one radio went out one after the other, not into a collision', () => {
    const a = color(YELLOW, 990, 'ALL', 'brand');
    const b = { ...color(YELLOW, 993, [0], 'brand') };
    expect(replay([a, b]).middle.share).toBe(1);
  });
});
