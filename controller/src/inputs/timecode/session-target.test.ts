/**
 * Re-locating a parade started from timecode: the session puts it back on
 * air band-side with one EFFECT whose start_ms is where the parade's frame
 * was, not a stream of frames.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeCcb } from '@crowdcue/protocol';
import { liveShow, until } from '../../live/live-fixtures.test-util';
import { ShowSession } from '../../live/show-session';
import type { OnAirPacket } from '../../transmitter/types';
import { sessionChasePlaybacks, sessionChaseTarget } from './session-target';

let session: ShowSession | undefined;
afterEach(async () => {
  await session?.stop();
  session = undefined;
});

const effects = (aired: OnAirPacket[]) =>
  aired.flatMap((p) => {
    const d = decodeCcb(p.rf);
    return d.ok && d.value.cmd === 'EFFECT' ? [{ seq: d.value.seq, startMs: d.value.startMs, airedAt: p.startMs }] : [];
  });

const BAND_AHEAD = 10_000;

describe('chase target on a show session', () => {
  it('a jump into a timecoded parade re-locates it with one EFFECT carrying the start the parade had', async () => {
    const show = liveShow((s) => {
      const cues = s.cueLists![0].cues!;
      cues[0].timecode = '01:00:00:00';
      cues[3].timecode = '01:00:10:00'; // the Pulse parade cue
    });
    // Band time = controller ms + 10 s: an EFFECT's start_ms reads as controller ms plus BAND_AHEAD,
    // and stays positive in a process younger than the 1.5 s the parade is re-located back by.
    session = new ShowSession({ show, crowd: false, planner: { epochMs: -BAND_AHEAD } });
    const aired: OnAirPacket[] = [];
    session.onAir$.subscribe((p) => aired.push(p));
    await session.start();
    expect(sessionChasePlaybacks(session)).toEqual([{ id: 'main', cues: [{ id: 'red', timecode: '01:00:00:00' }, { id: 'pulse', timecode: '01:00:10:00' }] }]);
    const warnings: string[] = [];
    const target = sessionChaseTarget(session, (m) => warnings.push(m));
    const cueTc = 3_610_000;

    const before = session.scheduler.now();
    target.locate('main', 'pulse', cueTc, cueTc + 1500);
    const after = session.scheduler.now();
    const s = session;
    await until('the parade on air', () => effects(aired).length > 0);
    await new Promise((r) => setTimeout(r, 300));
    const first = effects(aired);
    // EFFECTs all carrying one start, 1.5 s before the jump: where the parade's frame was (not a stream of frames)
    expect(new Set(first.map((e) => e.startMs)).size).toBe(1);
    // One logical EFFECT: the planner's repeat policy airs a parade packet twice under one seq.
    expect(new Set(first.map((e) => e.seq)).size).toBe(1);
    // (start_ms is whole ms on the wire: a millisecond of rounding either side)
    expect(first[0].startMs).toBeGreaterThanOrEqual(Math.floor(before + BAND_AHEAD - 1500) - 1);
    expect(first[0].startMs).toBeLessThanOrEqual(Math.ceil(after + BAND_AHEAD - 1500) + 1);
    expect(s.activeParades().map((r) => r.paradeId)).toEqual(['pulse']);
    expect(target.position('main')).toBeGreaterThanOrEqual(cueTc + 1500);

    // timecode jumps back into the same parade, 0.5 s after its frame: one new EFFECT, re-positioned
    aired.length = 0;
    const again = s.scheduler.now();
    target.locate('main', 'pulse', cueTc, cueTc + 500);
    await until('the parade re-located', () => effects(aired).length > 0);
    await new Promise((r) => setTimeout(r, 300));
    const second = effects(aired);
    // Replacing a run still on the bands: the old run's way back is not sent as a second copy of
    // the new run's EFFECT, so one logical EFFECT (its repeat shares the seq), one start.
    expect(new Set(second.map((e) => e.startMs)).size).toBe(1);
    expect(new Set(second.map((e) => e.seq)).size).toBe(1);
    const settled = s.scheduler.now();
    expect(second[0].startMs).toBeGreaterThanOrEqual(Math.floor(again + BAND_AHEAD - 500) - 1);
    expect(second[0].startMs).toBeLessThanOrEqual(Math.ceil(settled + BAND_AHEAD - 400));
    expect(s.activeParades()).toHaveLength(1);
    expect(warnings).toEqual([]);
  });
});
