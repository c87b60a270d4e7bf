import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { ParadeSchema, airtimeUs, decodeCcb, type CcbPacket, type Rgb } from '@crowdcue/protocol';
import { compileParade } from '@crowdcue/protocol';
import type { PlannedPacket } from '../transmitter/types';
import { RecordingTransmitter } from '../transmitter/recording-transmitter';
import { type LateCue, Planner, type PlannedSend, type PlannerOptions } from './planner';
import type { PlanLook } from './plan-look';

const ZONES = Array.from({ length: 12 }, (_, i) => i);

function setup(opts: Partial<PlannerOptions> = {}, txs = [new RecordingTransmitter('a')]) {
  const scheduler = new TestScheduler(() => {});
  const planner = new Planner({ scheduler, site: 7, venueZones: ZONES, transmitters: txs, epochMs: 0, ...opts });
  const sends: PlannedSend[] = [];
  const late: LateCue[] = [];
  planner.planned$.subscribe((s) => sends.push(s));
  planner.late$.subscribe((l) => late.push(l));
  const advanceTo = (ms: number) => {
    scheduler.schedule(() => {}, ms - scheduler.now());
    scheduler.maxFrames = ms;
    scheduler.flush();
  };
  return { scheduler, planner, sends, late, txs, advanceTo };
}

const color = (rgb: Rgb, fadeMs = 0): PlanLook => ({ kind: 'color', rgb, fadeMs });
const decode = (p: PlannedPacket): CcbPacket => {
  const r = decodeCcb(p.rf);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const air = (len: number) => airtimeUs(len, 38_400, 10) / 1000;

describe('planner: zone merging', () => {
  it('sends zones that share a look as one ZONES mask, one packet per look', () => {
    // COLOR only: with ZONE_COLORS these six zones would share one packet (see 'planner: ZONE_COLORS').
    const { planner, sends, advanceTo } = setup({ zoneColors: false });
    planner.setLooks(ZONES.slice(0, 6).map((zone) => ({ zone, look: color(zone % 2 ? [255, 0, 0] : [0, 0, 255]) })));
    advanceTo(100);
    const ccbs = sends.filter((s, i) => sends.findIndex((t) => t.packet.seq === s.packet.seq) === i).map((s) => s.ccb);
    expect(ccbs).toHaveLength(2);
    expect(ccbs.map((c) => c.target)).toEqual(
      expect.arrayContaining([
        { kind: 'ZONES', zones: [0, 2, 4] },
        { kind: 'ZONES', zones: [1, 3, 5] },
      ]),
    );
  });

  it('uses ALL when every zone of the venue shares the look', () => {
    const { planner, sends, advanceTo } = setup();
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([10, 20, 30], 500) })));
    advanceTo(100);
    expect(sends).toHaveLength(1);
    expect(sends[0].ccb).toMatchObject({ target: { kind: 'ALL' }, cmd: 'COLOR', rgb: [10, 20, 30], fadeMs: 500 });
    expect(sends[0].packet.zones).toBe('ALL');
  });
});

describe('planner: timing', () => {
  it('times a colour to land (end of its first transmission) at its cue time', () => {
    const { planner, sends, advanceTo } = setup();
    planner.setLooks([{ zone: 3, look: color([1, 2, 3]) }], { atMs: 2000, cue: 'q1' });
    advanceTo(1500);
    expect(sends).toHaveLength(0); // handed over only shortly before
    advanceTo(3000);
    expect(sends).toHaveLength(1);
    expect(sends[0].packet.atMs).toBeCloseTo(2000 - air(17), 6);
    expect(sends[0].landMs).toBeCloseTo(2000, 6);
    expect(sends[0].packet.atMs! - 2000).toBeLessThan(0);
  });

  it('hands each packet to its transmitter shortly before it goes on air, not when it is planned', () => {
    const tx = new RecordingTransmitter('a');
    const { planner, sends, advanceTo } = setup({ handoverAheadMs: 100, zoneColors: false }, [tx]);
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([zone, 2, 2]) })), { atMs: 2000 });
    advanceTo(1800);
    expect(sends.length).toBeGreaterThan(0); // planned (booked) already
    expect(tx.sent).toHaveLength(0);
    advanceTo(1950);
    const handed = tx.sent.length;
    expect(handed).toBeGreaterThan(0);
    expect(handed).toBeLessThan(sends.length);
    for (const p of tx.sent) expect(p.atMs! - 1950).toBeLessThanOrEqual(100);
    advanceTo(3000);
    expect(tx.sent).toHaveLength(sends.length);
  });

  it('sends SYNC about once a second with the band time at the end of its transmission', () => {
    const { planner, sends, advanceTo } = setup({ epochMs: -5000 });
    planner.start();
    advanceTo(3500);
    const syncs = sends.filter((s) => s.ccb.cmd === 'SYNC');
    expect(syncs.length).toBe(4);
    for (const s of syncs) {
      if (s.ccb.cmd !== 'SYNC') continue;
      expect(s.ccb.clockMs).toBe(Math.round(s.startMs + air(8) + 5000));
      expect(s.packet.atMs).toBe(s.startMs);
      expect(s.packet.expiresAtMs).toBeGreaterThan(s.startMs);
    }
    const gaps = syncs.slice(1).map((s, i) => s.startMs - syncs[i].startMs);
    for (const g of gaps) expect(g).toBeCloseTo(1000, 0);
  });
});

describe('planner: priorities', () => {
  it('puts blackout and master ahead of cue work ahead of sync and refresh', () => {
    const { planner, sends, advanceTo } = setup({ refreshIntervalMs: 1000 });
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([zone * 20, 0, 0]) })), { atMs: 1000 });
    planner.setMaster(128);
    planner.start();
    advanceTo(1500);
    const order = sends.map((s) => s.packet.purpose);
    // master goes at once; then, at 1000 ms, the cue's packets beat the sync and the refresh due with them
    expect(order[0]).toBe('master');
    const at1000 = sends.filter((s) => s.startMs >= 900).sort((a, b) => a.startMs - b.startMs).map((s) => s.packet.purpose);
    const lastCue = at1000.lastIndexOf('cue');
    expect(at1000.indexOf('sync')).toBeGreaterThan(lastCue);
    expect(at1000.indexOf('refresh')).toBeGreaterThan(lastCue);
    expect(sends.find((s) => s.packet.purpose === 'master')?.packet).toMatchObject({ priority: true, atMs: null });
  });

  it('blackout flushes obsolete work, puts MASTER 0 first and keeps queued cue packets', () => {
    const tx = new RecordingTransmitter('a');
    const { planner, sends, advanceTo } = setup({}, [tx]);
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([zone, zone, zone]) })), { atMs: 500 });
    advanceTo(420); // handed over, not yet on air
    const queued = sends.length;
    expect(queued).toBeGreaterThan(0);
    planner.setBlackout(true);
    expect(tx.flushes).toHaveLength(1);
    const obsolete = tx.flushes[0];
    expect(obsolete).toBeDefined();
    const p = sends[0].packet;
    expect(obsolete!({ ...p, purpose: 'refresh' })).toBe(true);
    expect(obsolete!({ ...p, purpose: 'master' })).toBe(true);
    expect(obsolete!({ ...p, purpose: 'cue' })).toBe(false);
    expect(obsolete!({ ...p, purpose: 'parade' })).toBe(false);
    const after = sends.slice(queued);
    expect(after).toHaveLength(1);
    expect(after[0].packet).toMatchObject({ purpose: 'blackout', priority: true, atMs: null });
    expect(after[0].ccb).toMatchObject({ cmd: 'MASTER', level: 0 });
    planner.setMaster(200); // held while blacked out
    advanceTo(600);
    expect(sends.at(-1)?.packet.purpose).toBe('blackout');
    planner.setBlackout(false);
    expect(sends.at(-1)?.ccb).toMatchObject({ cmd: 'MASTER', level: 200 });
  });
});

describe('planner: refresh', () => {
  it('re-sends each zone look at low priority with what is left of its fade', () => {
    const { planner, sends, advanceTo } = setup({ refreshIntervalMs: 3000, syncIntervalMs: 100_000 });
    planner.start();
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([0, 255, 0], 5000) })));
    advanceTo(3100);
    const refresh = sends.filter((s) => s.packet.purpose === 'refresh');
    expect(refresh).toHaveLength(1);
    expect(refresh[0].packet.priority).toBe(false);
    expect(refresh[0].ccb).toMatchObject({ cmd: 'COLOR', target: { kind: 'ALL' }, rgb: [0, 255, 0] });
    const left = sends[0].landMs + 5000 - refresh[0].landMs;
    if (refresh[0].ccb.cmd === 'COLOR') expect(Math.abs(refresh[0].ccb.fadeMs - left)).toBeLessThanOrEqual(0.5);
  });

  it('does not refresh zones whose effect is still waiting to start', () => {
    const { planner, sends, advanceTo } = setup({ refreshIntervalMs: 900, syncIntervalMs: 100_000 });
    planner.start();
    planner.setLooks([{ zone: 0, look: color([9, 9, 9]) }, { zone: 1, look: color([9, 9, 9]) }]);
    const p = ParadeSchema.parse({
      id: 'p',
      name: 'P',
      duration: 10_000,
      tracks: [{ id: 't', target: { zones: [1] }, steps: [{ id: 's', at: 2000, duration: 1000, kind: 'PULSE', colors: ['#ffffff'] }] }],
    });
    const c = compileParade(p, { venueZones: ZONES });
    if (!c.ok) throw new Error('compile');
    planner.runParade(c.value, 0);
    advanceTo(1950);
    const refresh = sends.filter((s) => s.packet.purpose === 'refresh' && s.startMs > 1700);
    expect(refresh.map((s) => s.ccb.target)).toEqual([{ kind: 'ZONES', zones: [0] }]);
  });
});

describe('planner: seq', () => {
  it('gives each logical packet one seq, 1..255 wrapping, never 0, the same on every transmitter', () => {
    const a = new RecordingTransmitter('a');
    const b = new RecordingTransmitter('b', [0, 1]);
    const { planner, advanceTo } = setup({}, [a, b]);
    for (let i = 0; i < 300; i++) planner.setLooks([{ zone: i % 2, look: color([i % 256, 0, 0]) }], { atMs: 100 + i * 20 });
    advanceTo(10_000);
    const seqs = a.sent.map((p) => p.seq);
    expect(seqs).toHaveLength(300);
    expect(seqs.slice(0, 3)).toEqual([1, 2, 3]);
    expect(seqs[254]).toBe(255);
    expect(seqs[255]).toBe(1);
    expect(seqs).not.toContain(0);
    expect(b.sent.map((p) => p.seq)).toEqual(seqs);
  });
});

describe('planner: routing and airtime', () => {
  it('routes a packet only to transmitters whose coverage meets its zones', () => {
    const north = new RecordingTransmitter('north', [0, 1, 2]);
    const south = new RecordingTransmitter('south', [6, 7]);
    const { planner, advanceTo } = setup({}, [north, south]);
    planner.setLooks([{ zone: 1, look: color([1, 1, 1]) }]);
    planner.setLooks([{ zone: 7, look: color([2, 2, 2]) }]);
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([3, 3, 3]) })));
    advanceTo(1000);
    expect(north.sent.map((p) => decode(p).cmd === 'COLOR' && (decode(p) as { rgb: Rgb }).rgb[0])).toEqual([1, 3]);
    expect(south.sent.map((p) => (decode(p) as { rgb: Rgb }).rgb[0])).toEqual([2, 3]);
  });

  it('accounts airtime per transmitter and never books two packets on air at once', () => {
    const slow = new RecordingTransmitter('slow', 'ALL', { name: 's', rfMax: 48, queueCap: 64, bitrate: 9600, overhead: 12, timedSend: true });
    const { planner, sends, advanceTo } = setup({ zoneColors: false }, [slow]);
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([zone, 0, 0]) })));
    advanceTo(2000);
    const stats = planner.stats();
    const expected = sends.reduce((sum, s) => sum + (airtimeUs(s.packet.rf.length, 9600, 12) / 1000) * (1 + s.packet.repeat), 0);
    expect(stats.transmitters[0].airMs).toBeCloseTo(expected, 6);
    expect(stats.transmitters[0].transmissions).toBe(sends.reduce((n, s) => n + 1 + s.packet.repeat, 0));
    expect(stats.transmitters[0].transmissions).toBe(24); // 12 zones, each sent twice
    const spans = sends
      .map((s) => [s.startMs, s.startMs + (airtimeUs(s.packet.rf.length, 9600, 12) / 1000) * (1 + s.packet.repeat) + 2 * s.packet.repeat])
      .sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
  });
});

describe('planner: late cues', () => {
  // These use COLOR only: one packet per zone makes a batch long enough to show the ordering and lateness.
  it('sends a many-zone cue once to every zone before its repeats', () => {
    const { planner, sends, advanceTo } = setup({ zoneColors: false });
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([zone, 1, 1]) })), { atMs: 1000 });
    advanceTo(3000);
    expect(sends).toHaveLength(24);
    const seqs = sends.map((s) => s.packet.seq);
    expect(seqs.slice(12)).toEqual(seqs.slice(0, 12));
    expect(sends.every((s) => s.packet.repeat === 0)).toBe(true);
    const starts = sends.map((s) => s.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('reports a 64-zone cue that cannot all be on air by its time, and by how much', () => {
    const zones = Array.from({ length: 64 }, (_, i) => i);
    const { planner, late, sends, advanceTo } = setup({ venueZones: zones, zoneColors: false });
    advanceTo(1000);
    planner.setLooks(zones.map((zone) => ({ zone, look: color([zone * 4, 255 - zone * 4, 0]) })), { cue: 'cue 7' });
    advanceTo(3000);
    expect(late).toHaveLength(1);
    expect(late[0].cue).toBe('cue 7');
    // due at once: the soonest one packet can land; every zone once (repeats after), back to back
    const firstLands = [...new Set(sends.map((s) => s.packet.seq))].map((seq) => Math.min(...sends.filter((s) => s.packet.seq === seq).map((s) => s.landMs)));
    expect(Math.max(...firstLands) - Math.min(...firstLands)).toBeCloseTo(63 * (air(17) + 1), 3);
    expect(late[0].lateByMs).toBeCloseTo(63 * (air(17) + 1), 3);
  });

  it('plans a 64-zone cue given in advance backwards so that it is all on air by its time', () => {
    const zones = Array.from({ length: 64 }, (_, i) => i);
    const { planner, late, sends, advanceTo } = setup({ venueZones: zones, zoneColors: false });
    planner.setLooks(zones.map((zone) => ({ zone, look: color([zone * 4, 255 - zone * 4, 0]) })), { atMs: 2000, cue: 'cue 8' });
    advanceTo(3000);
    expect(late).toEqual([]);
    const firsts = sends.slice(0, 64);
    expect(Math.max(...firsts.map((s) => s.landMs))).toBeCloseTo(2000, 6);
    expect(Math.min(...firsts.map((s) => s.landMs))).toBeCloseTo(2000 - 63 * (air(17) + 1), 3);
  });

  it('does not report a cue that lands on time', () => {
    const { planner, late, advanceTo } = setup();
    planner.setLooks([{ zone: 1, look: color([5, 5, 5]) }], { atMs: 1000, cue: 'on time' });
    planner.setLooks([{ zone: 2, look: color([5, 5, 6]) }], { cue: 'now' });
    advanceTo(3000);
    expect(late).toEqual([]);
  });
});

describe('planner: parades', () => {
  const parade = ParadeSchema.parse({
    id: 'p',
    name: 'P',
    duration: 6000,
    tracks: [
      {
        id: 't',
        target: { all: true },
        steps: [
          { id: 'wave', at: 1000, duration: 2000, kind: 'WAVE', colors: ['#0000ff'], speed: 1500 },
          { id: 'strobe', at: 3000, duration: 1000, kind: 'PULSE', colors: ['#ffffff'], speed: 500 },
        ],
      },
    ],
  });

  it('sends each step ahead with its absolute band start, never before the step before it started, and restores at the end', () => {
    const { planner, sends, advanceTo } = setup({ epochMs: 0 });
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([20, 0, 0]) })));
    const c = compileParade(parade, { venueZones: ZONES });
    if (!c.ok) throw new Error('compile');
    planner.runParade(c.value, 10_000);
    advanceTo(20_000);
    const effects = sends.filter((s) => s.ccb.cmd === 'EFFECT');
    expect(effects).toHaveLength(2);
    const [wave, pulse] = effects;
    expect(wave.ccb).toMatchObject({ cmd: 'EFFECT', shape: 'SINE', axis: 'LINEAR', startMs: 11_000, target: { kind: 'ALL' } });
    expect(wave.landMs).toBeLessThan(11_000);
    expect(pulse.ccb).toMatchObject({ cmd: 'EFFECT', shape: 'SINE', axis: 'NONE', startMs: 13_000 });
    expect(pulse.startMs).toBeGreaterThanOrEqual(11_000);
    expect(pulse.landMs).toBeLessThan(13_000);
    const back = sends.filter((s) => s.startMs > 13_500 && s.ccb.cmd === 'COLOR');
    expect(back).toHaveLength(1);
    expect(back[0].ccb).toMatchObject({ rgb: [20, 0, 0], target: { kind: 'ALL' } });
    expect(back[0].landMs).toBeCloseTo(14_000, 6);
  });

  it('keeps a parade on its zones when a cue changes them underneath, then shows the cue', () => {
    const { planner, sends, advanceTo } = setup({ epochMs: 0 });
    const c = compileParade(parade, { venueZones: ZONES });
    if (!c.ok) throw new Error('compile');
    planner.runParade(c.value, 0);
    advanceTo(1500);
    const before = sends.length;
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([0, 99, 0]) })), { cue: 'under' });
    advanceTo(3500);
    expect(sends.slice(before).some((s) => s.ccb.cmd === 'COLOR')).toBe(false);
    advanceTo(6000);
    expect(sends.at(-1)?.ccb).toMatchObject({ cmd: 'COLOR', rgb: [0, 99, 0] });
  });

  it('stops a parade: its waiting packets are dropped and its zones go back to their base look', () => {
    const { planner, sends, advanceTo } = setup({ epochMs: 0 });
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([7, 7, 7]) })));
    const c = compileParade(parade, { venueZones: ZONES });
    if (!c.ok) throw new Error('compile');
    const run = planner.runParade(c.value, 1000);
    advanceTo(1500);
    planner.stopParade(run);
    advanceTo(6000);
    const after = sends.filter((s) => s.startMs > 1500);
    expect(after.some((s) => s.ccb.cmd === 'EFFECT')).toBe(false);
    expect(after.filter((s) => s.ccb.cmd === 'COLOR').map((s) => s.ccb)).toEqual([expect.objectContaining({ target: { kind: 'ALL' }, rgb: [7, 7, 7] })]);
    expect(planner.pendingCount()).toBe(0);
  });
});

describe('planner: busks over parades', () => {
  const parade = ParadeSchema.parse({
    id: 'p',
    name: 'P',
    duration: 6000,
    tracks: [
      {
        id: 't',
        target: { all: true },
        steps: [
          { id: 'wave', at: 1000, duration: 2000, kind: 'WAVE', colors: ['#0000ff'], speed: 1500 },
          { id: 'pulse', at: 3000, duration: 1000, kind: 'PULSE', colors: ['#ffffff'], speed: 500 },
        ],
      },
    ],
  });
  const zonesOf = (s: PlannedSend): number[] => (s.ccb.target.kind === 'ALL' ? [...ZONES] : s.ccb.target.kind === 'ZONES' ? [...s.ccb.target.zones] : []);
  /** [zone, colour] a COLOR or ZONE_COLORS puts on its zones. */
  const zoneColorsOf = (s: PlannedSend): Array<[number, Rgb]> =>
    s.ccb.cmd === 'COLOR' ? zonesOf(s).map((z): [number, Rgb] => [z, (s.ccb as { rgb: Rgb }).rgb]) : s.ccb.cmd === 'ZONE_COLORS' ? s.ccb.zones : [];

  it('keeps busked zones out of a parade, busks on air during one, and puts the parade back on release', () => {
    const { planner, sends, advanceTo } = setup({ epochMs: 0 });
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([20, 0, 0]) })));
    planner.setLooks([0, 1].map((zone) => ({ zone, look: color([255, 0, 0]) })), { purpose: 'busk' });
    const c = compileParade(parade, { venueZones: ZONES });
    if (!c.ok) throw new Error('compile');
    planner.runParade(c.value, 0);
    advanceTo(1500);
    const wave = sends.filter((s) => s.ccb.cmd === 'EFFECT');
    expect(wave).toHaveLength(1);
    expect(zonesOf(wave[0])).toEqual(ZONES.filter((z) => z > 1));

    // A busk while the parade plays goes on air on its zone.
    const mark = sends.length;
    planner.setLooks([{ zone: 2, look: color([0, 255, 0]) }], { purpose: 'busk' });
    advanceTo(1800);
    const busk = sends.slice(mark).filter((s) => s.ccb.cmd === 'COLOR');
    expect(busk.map((s) => [s.ccb, zonesOf(s)])).toEqual([[expect.objectContaining({ rgb: [0, 255, 0] }), [2]]]);

    // Release 0 and 1: the running wave resumes there, in step (its own start time).
    const released = sends.length;
    planner.setLooks([0, 1].map((zone) => ({ zone, look: color([20, 0, 0]) })));
    advanceTo(2500);
    const resumed = sends.slice(released);
    expect(resumed.map((s) => s.ccb.cmd)).toEqual(['EFFECT']);
    expect(resumed[0].ccb).toMatchObject({ cmd: 'EFFECT', startMs: 1000 });
    expect(zonesOf(resumed[0])).toEqual([0, 1]);

    // The next step leaves the still-busked zone 2 alone.
    advanceTo(3500);
    const pulse = sends.filter((s) => s.ccb.cmd === 'EFFECT' && s.ccb.startMs === 3000);
    expect(pulse).toHaveLength(1);
    expect(zonesOf(pulse[0])).toEqual(ZONES.filter((z) => z !== 2));
    // When the parade ends, zone 2 keeps its busk, the rest go back to the cue look.
    advanceTo(6000);
    const after = sends.filter((s) => s.startMs > 3500).flatMap(zoneColorsOf);
    expect(after).toEqual(expect.arrayContaining([[2, [0, 255, 0]], [0, [20, 0, 0]], [11, [20, 0, 0]]]));
    expect(after.some(([z, rgb]) => z === 2 && rgb[0] === 20)).toBe(false);
  });
});

describe('planner: ZONE_COLORS', () => {
  const zones64 = Array.from({ length: 64 }, (_, i) => i);
  const distinct = (zone: number): Rgb => [zone * 4, 255 - zone * 4, (zone * 37) % 256];
  const firstSends = (sends: PlannedSend[]) => sends.filter((s, i) => sends.findIndex((t) => t.packet.seq === s.packet.seq) === i);
  /** What every zone is given, from COLOR and ZONE_COLORS packets alike. */
  const given = (sends: PlannedSend[], venue: number[]) => {
    const out = new Map<number, Rgb>();
    for (const s of firstSends(sends)) {
      if (s.ccb.cmd === 'ZONE_COLORS') for (const [z, rgb] of s.ccb.zones) out.set(z, rgb);
      if (s.ccb.cmd === 'COLOR') for (const z of s.ccb.target.kind === 'ZONES' ? s.ccb.target.zones : venue) out.set(z, s.ccb.rgb);
    }
    return out;
  };

  it('puts 64 different zone colours on air as five RUN packets instead of 64 COLORs', () => {
    const { planner, sends, advanceTo } = setup({ venueZones: zones64 });
    advanceTo(1000);
    planner.setLooks(zones64.map((zone) => ({ zone, look: color(distinct(zone), 200) })), { cue: 'go' });
    advanceTo(3000);
    const firsts = firstSends(sends);
    expect(firsts.map((s) => s.ccb.cmd)).toEqual(Array(5).fill('ZONE_COLORS'));
    expect(firsts.map((s) => (s.ccb.cmd === 'ZONE_COLORS' ? [s.ccb.form, s.ccb.zones.length, s.ccb.fadeMs, s.ccb.target.kind] : []))).toEqual([
      ['RUN', 13, 200, 'ALL'], ['RUN', 13, 200, 'ALL'], ['RUN', 13, 200, 'ALL'], ['RUN', 13, 200, 'ALL'], ['RUN', 12, 200, 'ALL'],
    ]);
    expect([...given(sends, zones64)].sort((a, b) => a[0] - b[0])).toEqual(zones64.map((z) => [z, distinct(z)]));
    // each went out twice (the default cue repeat), all first transmissions before any repeat
    expect(sends).toHaveLength(10);
    expect(sends.slice(5).map((s) => s.packet.seq)).toEqual(firsts.map((s) => s.packet.seq));
    const lands = firsts.map((s) => s.landMs);
    expect(Math.max(...lands) - Math.min(...lands)).toBeCloseTo(3 * (air(47) + 1) + air(44) + 1, 3);
    // and the packets route by the zones they list
    expect(firsts[0].packet.zones).toEqual(zones64.slice(0, 13));
  });

  it('lists scattered zones in a LIST and keeps a colour many zones share as one COLOR', () => {
    const { planner, sends, advanceTo } = setup();
    // zones 0..7 one colour; 8, 10, 11 each their own
    const looks = [...ZONES.slice(0, 8).map((zone) => ({ zone, look: color([9, 9, 9]) })), ...[8, 10, 11].map((zone) => ({ zone, look: color([zone, 0, 0]) }))];
    planner.setLooks(looks);
    advanceTo(1000);
    const firsts = firstSends(sends);
    expect(firsts.map((s) => s.ccb)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cmd: 'COLOR', target: { kind: 'ZONES', zones: [0, 1, 2, 3, 4, 5, 6, 7] } }),
        expect.objectContaining({ cmd: 'ZONE_COLORS', form: 'LIST', zones: [[8, [8, 0, 0]], [10, [10, 0, 0]], [11, [11, 0, 0]]] }),
      ]),
    );
    expect(firsts).toHaveLength(2);
  });

  it('falls back to COLOR when ZONE_COLORS would cost more air, and for a lone colour', () => {
    const { planner, sends, advanceTo } = setup({ venueZones: zones64 });
    // Two colours over alternate zones: two masked COLORs beat 64 entries.
    planner.setLooks(zones64.map((zone) => ({ zone, look: color(zone % 2 ? [255, 0, 0] : [0, 0, 255]) })));
    planner.setLooks([{ zone: 5, look: color([1, 2, 3]) }], { atMs: 2000 });
    advanceTo(3000);
    expect(firstSends(sends).map((s) => s.ccb.cmd)).toEqual(['COLOR', 'COLOR', 'COLOR']);
  });

  it('sends COLOR only when told the bands do not know ZONE_COLORS', () => {
    const { planner, sends, advanceTo } = setup({ venueZones: zones64, zoneColors: false });
    planner.setLooks(zones64.map((zone) => ({ zone, look: color(distinct(zone)) })));
    advanceTo(3000);
    expect(firstSends(sends)).toHaveLength(64);
    expect(sends.every((s) => s.ccb.cmd === 'COLOR')).toBe(true);
  });

  it('refreshes many zones as ZONE_COLORS with what is left of the fade', () => {
    const { planner, sends, advanceTo } = setup({ refreshIntervalMs: 1000, syncIntervalMs: 60_000 });
    planner.setLooks(ZONES.map((zone) => ({ zone, look: color([zone, 1, 1], 5000) })), { atMs: 100 });
    planner.start();
    advanceTo(1500);
    const refresh = sends.filter((s) => s.packet.purpose === 'refresh');
    expect(refresh.map((s) => s.ccb.cmd)).toEqual(['ZONE_COLORS']);
    const r = refresh[0];
    if (r.ccb.cmd !== 'ZONE_COLORS') throw new Error('not ZONE_COLORS');
    expect(r.ccb.zones).toEqual(ZONES.map((z) => [z, [z, 1, 1]]));
    // landed at 100 with 5000 ms of fade: what is left at the refresh's landing
    expect(r.ccb.fadeMs).toBe(Math.round(100 + 5000 - r.landMs));
  });
});
