/**
 * A brand slot holds its zones over a playback's running parade: the parade's
 * packets leave the slot's zones out for as long as the slot lasts.
 */
import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { decodeCcb, ParadeSchema, type CcbTarget } from '@crowdcue/protocol';
import { compileParade } from '@crowdcue/protocol';
import { RecordingTransmitter } from '../transmitter/recording-transmitter';
import { Planner, type PlannedSend } from '../planner/planner';
import { ZoneMixer } from './zone-mixer';

const ZONES = [0, 1, 2, 3];

const chase = ParadeSchema.parse({
  id: 'chase',
  name: 'Chase',
  duration: 6000,
  tracks: [
    {
      id: 't',
      target: { all: true },
      steps: [
        { id: 'a', at: 0, duration: 2000, kind: 'PULSE', colors: ['#ff0000'], speed: 500 },
        { id: 'b', at: 2000, duration: 2000, kind: 'PULSE', colors: ['#00ff00'], speed: 500 },
        { id: 'c', at: 4000, duration: 2000, kind: 'PULSE', colors: ['#0000ff'], speed: 500 },
      ],
    },
  ],
});

function zonesOf(t: CcbTarget): number[] {
  if (t.kind === 'ALL') return ZONES;
  if (t.kind === 'ZONES') return t.zones;
  return [];
}

describe('brand slot over a playback parade', () => {
  it("the parade's steps leave the slot's zones out while it lasts, whatever the playback's priority", () => {
    const ts = new TestScheduler(() => undefined);
    const sends: Array<{ at: number; zones: number[]; cmd: string }> = [];
    ts.run(() => {
      const mixer = new ZoneMixer({ zones: ZONES, scheduler: ts });
      mixer.addPlayback({ id: 'songs', name: 'Songs' });
      const planner = new Planner({ scheduler: ts, site: 7, venueZones: ZONES, transmitters: [new RecordingTransmitter('a')], epochMs: 0, precedence: { shows: (z, t) => mixer.shows(z, t) } });
      planner.planned$.subscribe((s: PlannedSend) => {
        const p = decodeCcb(s.packet.rf);
        if (p.ok && s.packet.purpose === 'parade') sends.push({ at: s.startMs, zones: zonesOf(p.value.target), cmd: p.value.cmd });
      });
      const compiled = compileParade(chase, { venueZones: ZONES });
      if (!compiled.ok) throw new Error('compile');
      // The playback's parade from 1000 to 7000; the brand slot holds zones 0 and 1 from 2500 to 5500.
      mixer.addLayer({
        key: 'p1',
        source: 'parade',
        label: "parade 'Chase'",
        playback: 'songs',
        steps: compiled.value.steps.map((s) => ({ fromMs: 1000 + s.atMs, untilMs: 1000 + s.endMs, zones: s.zones, look: null })),
      });
      mixer.addLayer({ key: 'brand:acme', source: 'brand', label: "brand slot 'Acme'", playback: null, steps: [{ fromMs: 2500, untilMs: 5500, zones: [0, 1], look: null }] });
      planner.runParade(compiled.value, 1000, { owner: 'p1' });
      ts.schedule(() => planner.stop(), 8000);
    });
    const effects = sends.filter((s) => s.cmd === 'EFFECT');
    // step a (1000) goes everywhere; steps b (3000) and c (5000) start inside the slot: not on zones 0, 1
    expect(effects.map((s) => s.zones)).toEqual([ZONES, [2, 3], [2, 3]]);
    expect(effects.every((s) => s.at < 5500)).toBe(true);
    const z1 = new ZoneMixer({ zones: ZONES, scheduler: new TestScheduler(() => undefined) });
    z1.addLayer({ key: 'brand:acme', source: 'brand', label: "brand slot 'Acme'", playback: null, steps: [{ fromMs: 0, untilMs: 10, zones: [0], look: null }] });
    z1.addPlayback({ id: 'songs', name: 'Songs', priority: 100 });
    z1.addLayer({ key: 'p1', source: 'parade', label: "parade 'Chase'", playback: 'songs', steps: [{ fromMs: 0, untilMs: 10, zones: [0], look: null }] });
    // whatever the playback's priority, a brand slot is above it
    expect(z1.shows(0, 5)).toBe('brand:acme');
  });
});
