/**
 * Planner figures:
 * 1. the demo show, planned in virtual time on one 38.4 kbit/s transmitter:
 *    packets and airtime against naive per-zone colour frames at 25 fps;
 * 2. a GO on a 64- and a 16-zone cue, every zone a different colour: time from
 *    the GO until every zone has its colour, with ZONE_COLORS and with COLOR
 *    packets only, as planned (airtime at 38.4 kbit/s) beside the channel's
 *    floor, and as measured on the simulator's virtual transmitter in real time.
 * Measures only; nothing here passes or fails.
 */
import type { SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { airtimeUs, lookForZone } from '@crowdcue/protocol';
import { DeadlineScheduler } from '../../controller/src/engine/deadline-scheduler';
import { RecordingTransmitter } from '../../controller/src/transmitter/recording-transmitter';
import { planLookFromShow, type PlanLook } from '../../controller/src/planner/plan-look';
import { Planner, type PlannedSend } from '../../controller/src/planner/planner';
import { compileShowParades } from '../../controller/src/safety/check-show';
import { autoRunEndMs, autoRunSchedule } from '../../controller/src/show/auto-run-schedule';
import { demoShow } from '../../controller/src/show/demo-show';
import { monotonicScheduler } from '../../controller/src/transmitter/monotonic-scheduler';
import { openTransmitter } from '../../controller/src/transmitter/open-transmitter';
import type { TransmitterCapabilities } from '../../controller/src/transmitter/types';
import type { BenchResult } from './types';

const BITRATE = 38_400;
/** The virtual transmitter's default radio overhead (bytes per packet). */
const OVERHEAD = 13;
const RADIO: TransmitterCapabilities = { name: 'bench', rfMax: 48, queueCap: 64, bitrate: BITRATE, overhead: OVERHEAD, timedSend: true };
/** A COLOR to a ZONES target: 4 header + 8 mask + 5 arguments. */
const ZONE_COLOR_BYTES = 17;

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

function virtualClock() {
  const scheduler = new TestScheduler(() => {});
  const advanceTo = (ms: number) => {
    scheduler.schedule(() => {}, Math.max(0, ms - scheduler.now()));
    scheduler.maxFrames = ms;
    scheduler.flush();
  };
  return { scheduler, advanceTo };
}

/** The demo show through the planner in virtual time; `aheadMs` = how early each cue reaches the planner. */
function planDemo(aheadMs: number, zoneColors = true) {
  const show = demoShow();
  const zones = show.venue.zones.map((z) => z.id);
  const { scheduler, advanceTo } = virtualClock();
  const tx = new RecordingTransmitter('virtual', 'ALL', RADIO);
  const planner = new Planner({ scheduler, site: show.site, venueZones: zones, transmitters: [tx], epochMs: 0, zoneColors });
  const { parades } = compileShowParades(show);
  const items = autoRunSchedule(show);
  const startMs = 1000;
  const endMs = startMs + autoRunEndMs(show, items) + 1000;
  const late: number[] = [];
  planner.late$.subscribe((l) => {
    late.push(l.lateByMs);
    if (process.env.DEBUG_LATE) console.log(aheadMs, l);
  });
  planner.start();
  for (const item of items) {
    const at = startMs + (item.kind === 'cue' ? item.looksAtMs : item.atMs);
    scheduler.schedule(() => {
      if (item.kind === 'cue') {
        const changes: Array<{ zone: number; look: PlanLook }> = [];
        for (const zone of zones) {
          const look = lookForZone(item.cue.looks, zone);
          if (look) changes.push({ zone, look: planLookFromShow(look, item.cue.fade, at) });
        }
        planner.setLooks(changes, { atMs: at, cue: `${item.cue.number} ${item.cue.label}` });
      } else {
        const parade = parades.get(item.paradeId);
        if (parade) planner.runParade(parade, at, { label: parade.name });
      }
    }, Math.max(0, at - aheadMs));
  }
  advanceTo(endMs);
  planner.stop();
  const stats = planner.stats();
  return { show, zones, durationMs: endMs - startMs, stats, use: stats.transmitters[0], late };
}

function demoFigures(): BenchResult {
  const ahead = planDemo(200);
  const atTime = planDemo(0);
  const colorOnly = planDemo(200, false).use;
  const { zones, durationMs, use } = ahead;
  const frames = Math.floor(durationMs / 40);
  const naivePackets = frames * zones.length;
  const naiveAirMs = (naivePackets * airtimeUs(ZONE_COLOR_BYTES, BITRATE, OVERHEAD)) / 1000;
  const pct = (air: number) => round((air / durationMs) * 100, 1);
  const purposeRows = Object.entries(use.byPurpose).map(([purpose, u]) => ({
    what: `planner: ${purpose}`,
    packets: u?.packets ?? 0,
    transmissions: u?.transmissions ?? 0,
    airtime_ms: round(u?.airMs ?? 0),
    channel_pct: pct(u?.airMs ?? 0),
  }));
  return {
    name: 'Planner: demo show vs naive 25 fps colour frames',
    rows: [
      { what: 'planner (all purposes, repeats included)', packets: use.packets, transmissions: use.transmissions, airtime_ms: round(use.airMs), channel_pct: pct(use.airMs) },
      ...purposeRows,
      { what: 'planner, COLOR only (no ZONE_COLORS)', packets: colorOnly.packets, transmissions: colorOnly.transmissions, airtime_ms: round(colorOnly.airMs), channel_pct: pct(colorOnly.airMs) },
      { what: `naive: ${zones.length} zones x 25 fps COLOR frames`, packets: naivePackets, transmissions: naivePackets, airtime_ms: round(naiveAirMs), channel_pct: pct(naiveAirMs) },
      { what: 'ratio naive / planner', packets: round(naivePackets / use.packets, 1), transmissions: round(naivePackets / use.transmissions, 1), airtime_ms: round(naiveAirMs / use.airMs, 1), channel_pct: '' },
    ],
    notes: [
      `demo show: ${durationMs / 1000} s, ${zones.length} zones, one transmitter at ${BITRATE} bit/s, ${OVERHEAD} bytes radio overhead; planned in virtual time`,
      `naive frames need ${pct(naiveAirMs)} % of the channel: they do not fit on air at all`,
      `late cues/steps with cues handed to the planner 200 ms ahead: ${ahead.late.length} (worst ${round(Math.max(0, ...ahead.late))} ms); handed over at their time: ${atTime.late.length} (worst ${round(Math.max(0, ...atTime.late))} ms)`,
    ],
  };
}

interface GoCase {
  zones: number;
  /** Whether the planner may use ZONE_COLORS (false: COLOR packets only, as bands without it need). */
  zoneColors: boolean;
}
const caseName = (c: GoCase) => `${c.zones} zones, ${c.zoneColors ? 'ZONE_COLORS' : 'COLOR only'}`;
const distinctColour = (zone: number, run = 0): [number, number, number] => [(zone * 4 + run) % 256, 255 - zone * 4, (zone * 37 + run * 10) % 256];

/** A GO on a cue that gives every zone a different colour, planned in virtual time. */
function plannedGo(c: GoCase, repeat: number) {
  const zones = Array.from({ length: c.zones }, (_, i) => i);
  const { scheduler, advanceTo } = virtualClock();
  const tx = new RecordingTransmitter('tx', 'ALL', RADIO);
  const planner = new Planner({ scheduler, site: 1, venueZones: zones, transmitters: [tx], epochMs: 0, repeats: { cue: repeat }, zoneColors: c.zoneColors });
  const sends: PlannedSend[] = [];
  planner.planned$.subscribe((s) => sends.push(s));
  advanceTo(1000);
  planner.setLooks(zones.map((zone) => ({ zone, look: { kind: 'color', rgb: distinctColour(zone), fadeMs: 0 } })), { cue: 'go' });
  advanceTo(10_000);
  // repeats go as SENDs of the same seq: a band has its colour at the first one
  const firstBySeq = new Map<number, number>();
  for (const s of sends) firstBySeq.set(s.packet.seq, Math.min(firstBySeq.get(s.packet.seq) ?? Infinity, s.landMs));
  const lastLand = Math.max(...firstBySeq.values());
  const firstLand = Math.min(...firstBySeq.values());
  const air = (s: PlannedSend) => airtimeUs(s.packet.rf.length, BITRATE, OVERHEAD) / 1000;
  const lastEnd = Math.max(...sends.map((s) => s.startMs + (1 + s.packet.repeat) * air(s) + s.packet.repeat * Math.max(1, s.packet.gapMs)));
  const firstAirMs = air(sends[0]);
  return {
    packets: firstBySeq.size,
    bytes: [...new Set(sends.map((s) => s.packet.seq))].reduce((n, seq) => n + (sends.find((s) => s.packet.seq === seq)?.packet.rf.length ?? 0), 0),
    firstLandMs: firstLand - 1000,
    lastLandMs: lastLand - 1000,
    lastEndMs: lastEnd - 1000,
    /** From the first packet going on air to every zone having its colour once. */
    onAirMs: lastLand - (firstLand - firstAirMs),
  };
}

/**
 * The least the channel allows for `zones` zone colours: 3 bytes each at the bit
 * rate, plus the fewest 48-byte packets that could hold them (each paying the
 * radio overhead and the 4-byte CCB header) with 1 ms between them.
 */
function channelFloorMs(zones: number): number {
  const colourBytes = 3 * zones;
  const packets = Math.ceil(colourBytes / (48 - 4));
  return ((colourBytes + packets * (OVERHEAD + 4)) * 8 * 1000) / BITRATE + (packets - 1);
}

async function measuredGo(c: GoCase, runs: number, scheduler: SchedulerLike): Promise<{ lastLandMs: number[]; lastEndMs: number[]; note?: string }> {
  const tx = openTransmitter('virtual', { id: 'virtual', scheduler });
  const device = tx.virtualDevice;
  if (!device) return { lastLandMs: [], lastEndMs: [], note: 'no virtual device' };
  await tx.start();
  const t0 = performance.now();
  while (!tx.capabilities() && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 10));
  const zones = Array.from({ length: c.zones }, (_, i) => i);
  const planner = new Planner({ scheduler, site: 1, venueZones: zones, transmitters: [tx], zoneColors: c.zoneColors });
  const lastLandMs: number[] = [];
  const lastEndMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const seqs = new Set<number>();
    const sub = planner.planned$.subscribe((s) => seqs.add(s.packet.seq));
    const firstEnds = new Map<number, number>();
    let lastEnd = 0;
    let transmissions = 0;
    const off = device.onAir((t) => {
      if (!seqs.has(t.seq)) return;
      transmissions++;
      lastEnd = Math.max(lastEnd, t.endHostMs);
      if (!firstEnds.has(t.seq)) firstEnds.set(t.seq, t.endHostMs);
    });
    const go = performance.now();
    planner.setLooks(zones.map((zone) => ({ zone, look: { kind: 'color', rgb: distinctColour(zone, run + 1), fadeMs: 0 } })), { cue: `go #${run}` });
    const until = performance.now() + 5000;
    while ((seqs.size === 0 || transmissions < seqs.size * 2) && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
    off();
    sub.unsubscribe();
    lastLandMs.push(Math.max(...firstEnds.values()) - go);
    lastEndMs.push(lastEnd - go);
    await new Promise((r) => setTimeout(r, 200));
  }
  planner.stop();
  await tx.stop();
  return { lastLandMs, lastEndMs };
}

const GO_CASES: GoCase[] = [
  { zones: 64, zoneColors: true },
  { zones: 64, zoneColors: false },
  { zones: 16, zoneColors: true },
  { zones: 16, zoneColors: false },
];

async function goFigures(): Promise<BenchResult[]> {
  const med = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
  const planRows: BenchResult['rows'] = [];
  const measureRows: BenchResult['rows'] = [];
  const notes: string[] = [];
  for (const c of GO_CASES) {
    const p1 = plannedGo(c, 1);
    const p0 = plannedGo(c, 0);
    planRows.push({
      case: caseName(c),
      packets: p1.packets,
      bytes: p1.bytes,
      first_on_air_ms: round(p1.firstLandMs, 2),
      every_zone_ms: round(p1.lastLandMs, 2),
      with_repeat_ms: round(p1.lastEndMs, 2),
      no_repeat_ms: round(p0.lastEndMs, 2),
      on_air_span_ms: round(p1.onAirMs, 2),
      channel_floor_ms: round(channelFloorMs(c.zones), 2),
    });
    for (const [label, scheduler] of [['DeadlineScheduler', new DeadlineScheduler()], ['timer scheduler', monotonicScheduler]] as const) {
      const m = await measuredGo(c, 5, scheduler);
      if (m.note) notes.push(`${caseName(c)}, ${label}: ${m.note}`);
      if (m.lastLandMs.length === 0) continue;
      measureRows.push({
        case: `${caseName(c)}, ${label}`,
        runs: m.lastLandMs.length,
        every_zone_median_ms: round(med(m.lastLandMs), 2),
        every_zone_worst_ms: round(Math.max(...m.lastLandMs), 2),
        with_repeat_median_ms: round(med(m.lastEndMs), 2),
        with_repeat_worst_ms: round(Math.max(...m.lastEndMs), 2),
      });
    }
  }
  const common = [
    `every zone a different colour; ${BITRATE} bit/s, ${OVERHEAD} bytes radio overhead, 1 ms between transmissions, 2 ms gap before a repeat; default cue repeat 1`,
    'times are from the GO; "every zone" is when every band has had its colour once, "with repeat" when the repeats are done too',
  ];
  return [
    {
      name: 'Planner: GO on a many-zone cue until every zone has its colour (planned)',
      rows: planRows,
      notes: [
        ...common,
        `a GO due at once lands no sooner than the planner's hand-over margin (asapMarginMs 60 ms, the time a timed SEND needs to reach the device) plus one packet's airtime; "on air span" is from the first packet going on air to every zone having its colour: the ripple the audience sees`,
        `channel floor: 3 bytes per zone colour at the bit rate, plus the fewest 48-byte packets that could carry them (each paying ${OVERHEAD} bytes overhead + 4 bytes CCB header) and 1 ms between them; it compares with "on air span"`,
        'COLOR only: what the planner sends for bands without ZONE_COLORS (the figures before it existed)',
      ],
    },
    {
      name: 'Planner: GO on a many-zone cue until every zone has its colour (measured, virtual transmitter)',
      rows: measureRows,
      notes: [
        ...common,
        'measured: the planner, the CCL driver and the in-process virtual transmitter share one event loop; the gap to the plan is how far that device falls behind its timed starts',
        ...notes,
      ],
    },
  ];
}

export async function bench(): Promise<BenchResult[]> {
  return [demoFigures(), ...(await goFigures())];
}
