import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { CueEngine } from '../engine/cue-engine';
import { compileShowParades } from '../safety/check-show';
import { demoShow } from '../show/demo-show';
import { connectEngine } from './engine-feed';
import { RecordingTransmitter } from './fake-transmitter';
import { type LateCue, Planner, type PlannedSend } from './planner';

function run(lookaheadMs: number) {
  const show = demoShow();
  const scheduler = new TestScheduler(() => {});
  const advanceTo = (ms: number) => {
    scheduler.schedule(() => {}, Math.max(0, ms - scheduler.now()));
    scheduler.maxFrames = ms;
    scheduler.flush();
  };
  const tx = new RecordingTransmitter('virtual');
  const planner = new Planner({ scheduler, site: show.site, venueZones: show.venue.zones.map((z) => z.id), transmitters: [tx], epochMs: 0 });
  const engine = new CueEngine({ show, scheduler, lookaheadMs });
  const { parades } = compileShowParades(show);
  const sends: PlannedSend[] = [];
  const late: LateCue[] = [];
  planner.planned$.subscribe((s) => sends.push(s));
  planner.late$.subscribe((l) => late.push(l));
  const sub = connectEngine({ engine, planner, show, parades });
  return { show, scheduler, advanceTo, planner, engine, sends, late, sub };
}

describe('engine feed', () => {
  it('plays the demo show: every cue and parade reaches the air on time when the engine looks ahead', () => {
    const { advanceTo, planner, engine, sends, late, sub } = run(500);
    planner.start();
    advanceTo(1000);
    expect(engine.go().ok).toBe(true);
    advanceTo(140_000);
    sub.unsubscribe();
    expect(late).toEqual([]);
    const colours = sends.filter((s) => s.packet.purpose === 'cue' && s.ccb.cmd === 'COLOR');
    expect(colours.some((s) => s.ccb.cmd === 'COLOR' && s.ccb.rgb.join() === '255,176,0')).toBe(true); // Gold
    const effects = sends.filter((s) => s.ccb.cmd === 'EFFECT' && s.packet.purpose === 'parade').map((s) => (s.ccb.cmd === 'EFFECT' ? s.ccb.shape : ''));
    expect(new Set(effects)).toEqual(new Set(['SINE', 'SQUARE', 'RAINBOW', 'SPARKLE']));
    const last = sends.at(-1);
    expect(last?.packet.purpose).not.toBe('cue');
  });

  it('turns blackout into MASTER 0 and does not resend unchanged looks when it ends', () => {
    const { advanceTo, planner, engine, sends, sub } = run(0);
    advanceTo(1000);
    engine.go();
    advanceTo(4500);
    const before = sends.length;
    engine.setBlackout(true);
    advanceTo(4600);
    const during = sends.slice(before);
    expect(during.map((s) => s.ccb.cmd)).toEqual(['MASTER']);
    expect(during[0].ccb).toMatchObject({ level: 0 });
    engine.setBlackout(false);
    advanceTo(4700);
    const after = sends.slice(before + during.length);
    expect(after.map((s) => s.ccb.cmd)).toEqual(['MASTER']);
    expect(after[0].ccb).toMatchObject({ level: 255 });
    engine.setMaster(100);
    advanceTo(4800);
    expect(sends.at(-1)?.ccb).toMatchObject({ cmd: 'MASTER', level: 100 });
    sub.unsubscribe();
    planner.stop();
  });
});
