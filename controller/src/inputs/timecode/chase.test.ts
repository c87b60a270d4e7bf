import { describe, expect, it } from 'vitest';
import { Subject, VirtualTimeScheduler } from 'rxjs';
import { frameDurationMs, frameToTimecode, parseTimecode, timecodeToFrame, type FrameRate, type Timecode } from '@crowdcue/protocol';
import { TimecodeChase, type ChaseStatus } from './chase';
import type { ChaseTarget } from './chase-target';
import type { TimecodeFrame, TimecodeSource } from './timecode-source';

function rig(rate: FrameRate, cues: Array<[string, string]>, freewheelFrames = 5) {
  const scheduler = new VirtualTimeScheduler(undefined, Infinity);
  const frames = new Subject<TimecodeFrame>();
  const source: TimecodeSource = { name: 'test', frames$: frames, events$: new Subject(), start: async () => undefined, stop: async () => undefined };
  const log: string[] = [];
  const fired: Array<{ cue: string; atMs: number; tcMs: number }> = [];
  const target: ChaseTarget = {
    fire: (_p, cue, tcMs) => {
      fired.push({ cue, atMs: scheduler.now(), tcMs });
      log.push(`fire ${cue}`);
    },
    locate: (_p, cue, cueTc, nowTc) => log.push(`locate ${cue} +${Math.round(nowTc - cueTc)}`),
    release: () => log.push('release'),
    hold: () => log.push(`hold at ${Math.round(scheduler.now())}`),
    position: () => undefined,
    warn: (m) => log.push(`warn ${m}`),
  };
  const chase = new TimecodeChase({ source, target, scheduler, rate, freewheelFrames, playbacks: [{ id: 'songs', cues: cues.map(([id, timecode]) => ({ id, timecode })) }] });
  const statuses: ChaseStatus[] = [];
  chase.status$.subscribe((s) => statuses.push(s));
  chase.start();
  const frameMs = frameDurationMs(rate);
  /** Sends frames `from`..`from+count-1`, the frame n starting at `t0 + k*frame` and arriving a frame later (as LTC does). */
  const play = (fromTc: string, count: number, t0: number) => {
    const tc = (parseTimecode(fromTc, rate) as { ok: true; value: Timecode }).value;
    const n0 = timecodeToFrame(tc, rate);
    for (let k = 0; k < count; k++) {
      const atMs = t0 + k * frameMs;
      scheduler.schedule(() => frames.next({ timecode: frameToTimecode(n0 + k, rate, tc.dropFrame), rate, atMs }), atMs + frameMs);
    }
  };
  return { scheduler, chase, log, fired, statuses, play, frameMs };
}

describe('timecode chase', () => {
  for (const rate of [24, 25, 29.97, 30] as FrameRate[]) {
    it(`fires each cue at its frame's start at ${rate} fps, never before`, () => {
      const df = rate === 29.97 ? ';' : ':';
      const r = rig(rate, [['a', `01:00:00${df}10`], ['b', `01:00:01${df}00`], ['c', `01:00:01${df}01`]]);
      r.play(`01:00:00${df}00`, 40, 1000);
      r.scheduler.flush();
      expect(r.log.filter((l) => !l.startsWith('hold'))).toEqual(['fire a', 'fire b', 'fire c']);
      const frameAt = (n: number) => 1000 + n * r.frameMs;
      expect(r.fired.map((f) => f.atMs)).toEqual([frameAt(10), frameAt(Math.round(rate)), frameAt(Math.round(rate) + 1)].map((x) => expect.closeTo(x, 6)));
    });
  }

  it('freewheels exactly freewheelFrames frames after the last frame, then holds and says lost', () => {
    // a cue on every frame from 01:00:00:05; timecode stops after frame 10
    const cues: Array<[string, string]> = Array.from({ length: 20 }, (_, i) => [`f${5 + i}`, `01:00:00:${String(5 + i).padStart(2, '0')}`]);
    const r = rig(25, cues, 4);
    r.play('01:00:00:00', 11, 0);
    r.scheduler.flush();
    expect(r.log.filter((l) => l.startsWith('fire')).at(-1)).toBe('fire f14');
    expect(r.log.filter((l) => l.startsWith('fire'))).toHaveLength(10);
    // the hold: when frame 15 (after the freewheel) is as overdue as a dropout
    expect(r.log.at(-1)).toBe(`hold at ${10 * 40 + 6.5 * 40}`);
    expect(r.statuses.map((s) => s.lock)).toContain('freewheeling');
    expect(r.statuses.at(-1)?.lock).toBe('lost');
  });

  it('a backwards jump or a song restart re-locates; a jump forward lands on the cue in force', () => {
    const r = rig(25, [['verse', '01:00:01:00'], ['chorus', '01:00:03:00']], 10);
    r.play('01:00:00:00', 100, 0); // to 01:00:03:24
    r.play('01:00:02:00', 10, 4000); // back into the verse, 1000 ms after it
    r.play('00:59:59:00', 10, 4400); // the song restarts before its first cue
    r.play('01:00:05:00', 3, 4800); // jump past the chorus
    r.scheduler.flush();
    // a jump is seen when its first frame has arrived, a frame after that frame started: the cue stands a frame further on
    expect(r.log).toEqual(['fire verse', 'fire chorus', 'locate verse +1040', 'release', 'locate chorus +2040', `hold at ${4800 + 2 * 40 + 12.5 * 40}`]);
    expect(r.chase.status().relocations).toBe(3);
  });

  it('with no freewheel, plays only frames that have arrived, and re-locates no further', () => {
    const r = rig(25, [['a', '01:00:00:05'], ['b', '01:00:00:06'], ['c', '01:00:00:07']], 0);
    r.play('01:00:00:00', 7, 0); // frames 00..06
    r.play('01:00:00:05', 2, 1000); // after the hold, frames 05..06 again
    r.scheduler.flush();
    expect(r.log).toEqual(['fire a', 'fire b', `hold at ${6 * 40 + 2.5 * 40}`, 'locate a +40', 'fire b', `hold at ${1040 + 2.5 * 40}`]);
  });

  it('joins a playback mid-song at the cue in force, positioned by timecode', () => {
    const r = rig(30, [['intro', '00:00:00:00'], ['drop', '00:00:10:00']]);
    r.play('00:00:12:15', 5, 0);
    r.scheduler.flush();
    expect(r.log[0]).toBe('locate drop +2533');
  });
});
