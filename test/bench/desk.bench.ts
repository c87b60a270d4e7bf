/**
 * Lighting-desk input figures:
 * 1. sACN frame in to packet on air: a desk (the `sacn` library's sender over
 *    loopback) at 44 fps changes zone 0's colour every 5th frame; from the
 *    send to the first transmission of that colour on the in-process virtual
 *    transmitter (start of transmission, and its end, when bands act), p50/p99;
 * 2. a minute of a desk doing a slow colour crossfade across 16 zones (each
 *    zone red -> blue -> green -> red, 20 s a leg, zone n a second behind zone
 *    n - 1), planned in virtual time on one 38.4 kbit/s transmitter: the desk
 *    input (ramp follower) against sending every change the desk makes.
 * Measures only; nothing here passes or fails.
 */
import { TestScheduler } from 'rxjs/testing';
import { decodeCcb, parseShow, percentile } from '@crowdcue/protocol';
import { DeskInput } from '../../controller/src/inputs/desk/desk-input';
import type { DeskTarget } from '../../controller/src/inputs/desk/desk-target';
import { sacnSender } from '../../controller/src/inputs/desk/desk-senders.test-util';
import { LiveDesk } from '../../controller/src/inputs/desk/live-desk';
import { ShowSession } from '../../controller/src/live/show-session';
import { liveShowInput } from '../../controller/src/live/live-fixtures.test-util';
import { feedPlanner } from '../../controller/src/mixer/feed-planner';
import { ZoneMixer } from '../../controller/src/mixer/zone-mixer';
import { Planner } from '../../controller/src/planner/planner';
import { clampLook } from '../../controller/src/safety/clamp-look';
import { RecordingTransmitter } from '../../controller/src/transmitter/recording-transmitter';
import type { TransmitterCapabilities } from '../../controller/src/transmitter/types';
import type { BenchResult } from './types';

const FRAME_MS = 1000 / 44;
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Slot of zone z's channel ch (patch at address 1). */
const slot = (z: number, ch: number) => 11 + z * 8 + ch;

async function frameToAir(): Promise<BenchResult> {
  const parsed = parseShow(liveShowInput('desk-bench'));
  if (!parsed.ok) throw new Error('bench show invalid');
  const session = new ShowSession({ show: parsed.value });
  await session.start();
  const desk = new LiveDesk({ override: { protocol: 'sacn', universe: 1, address: 1, zones: 4, holdMs: 5000, port: 0 }, warn: () => undefined });
  await desk.attach(session);
  const sender = sacnSender({ universe: 1, port: desk.current!.port, name: 'bench desk', cidByte: 1 });
  // A new red each change: close enough to the last never to count as a flash, far enough to be a change.
  const changes = 100;
  const colourOf = (k: number): [number, number, number] => [255 - 4 * Math.floor(k / 50), 0, 5 * (k % 50)];
  const pending = new Map<string, number>();
  const toMixer: number[] = [];
  const toStart: number[] = [];
  const toEnd: number[] = [];
  const mixSub = session.mixer.looks$.subscribe((f) => {
    const z = f.zones.find((x) => x.zone === 0);
    if (!f.changed.includes(0) || z?.look.kind !== 'color') return;
    const at = pending.get(z.look.color.join());
    if (at !== undefined) toMixer.push(performance.now() - at);
  });
  const sub = session.onAir$.subscribe((p) => {
    const d = decodeCcb(p.rf);
    if (!d.ok || d.value.cmd !== 'COLOR') return;
    const key = d.value.rgb.join();
    const at = pending.get(key);
    if (at === undefined) return;
    pending.delete(key);
    toStart.push(p.startMs - at);
    toEnd.push(p.endMs - at);
  });
  let k = 0;
  for (let frame = 0; frame < changes * 5 + 10; frame++) {
    if (frame % 5 === 0 && frame >= 10) k++;
    const [r, g, b] = colourOf(k);
    const payload = { 1: 255, [slot(0, 0)]: 255, [slot(0, 1)]: r, [slot(0, 2)]: g, [slot(0, 3)]: b };
    if (frame % 5 === 0 && frame >= 10) pending.set(colourOf(k).join(), performance.now());
    await sender.send(payload);
    await sleep(FRAME_MS);
  }
  await sleep(200);
  sub.unsubscribe();
  mixSub.unsubscribe();
  sender.close();
  await desk.close();
  await session.stop();
  const s = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return {
    name: 'desk: sACN frame in to packet on air',
    rows: [
      { what: 'send to the mixer (zone look published)', samples: toMixer.length, p50_ms: round(percentile(s(toMixer), 0.5)), p99_ms: round(percentile(s(toMixer), 0.99)), max_ms: round(Math.max(...toMixer)) },
      { what: 'send to start of transmission', samples: toStart.length, p50_ms: round(percentile(s(toStart), 0.5)), p99_ms: round(percentile(s(toStart), 0.99)), max_ms: round(Math.max(...toStart)) },
      { what: 'send to end of transmission (bands act)', samples: toEnd.length, p50_ms: round(percentile(s(toEnd), 0.5)), p99_ms: round(percentile(s(toEnd), 0.99)), max_ms: round(Math.max(...toEnd)) },
    ],
    notes: [
      `${changes} colour changes on zone 0 (${changes - pending.size} seen on air), one every 5th frame of a 44 fps sACN stream over loopback, into a show session on the in-process virtual transmitter (38.4 kbit/s)`,
      'includes the UDP hop, the E1.31 merge, the personality read, the ramp follower, the mixer, the planner and the transmission itself',
    ],
  };
}

const RADIO: TransmitterCapabilities = { name: 'bench', rfMax: 48, queueCap: 64, bitrate: 38_400, overhead: 13, timedSend: true };
const ZONES = Array.from({ length: 16 }, (_, i) => i);
const LEG_MS = 20_000;
const MINUTE_MS = 60_000;
const LEGS: Array<[number, number, number]> = [
  [255, 0, 0],
  [0, 0, 255],
  [0, 255, 0],
];

/** The desk's colour for zone z at t: a crossfade round red, blue, green, zone z a second behind zone 0. */
function deskColour(z: number, t: number): [number, number, number] {
  const u = Math.max(0, t - z * 1000);
  const leg = Math.floor(u / LEG_MS) % 3;
  const p = (u % LEG_MS) / LEG_MS;
  const a = LEGS[leg];
  const b = LEGS[(leg + 1) % 3];
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * p)) as [number, number, number];
}

function crossfadeMinute(strategy: 'desk input' | 'every change') {
  const scheduler = new TestScheduler(() => {});
  const mixer = new ZoneMixer({ zones: ZONES, scheduler, clampLook: (look) => clampLook(look, 3) });
  const tx = new RecordingTransmitter('bench', 'ALL', RADIO);
  const planner = new Planner({ scheduler, site: 1, venueZones: ZONES, transmitters: [tx], epochMs: 0 });
  const sub = feedPlanner(mixer, planner, { now: () => scheduler.now(), cueOf: () => undefined });
  planner.start();
  const target: DeskTarget = {
    zones: ZONES,
    cueLists: [],
    setLooks: (looks) => mixer.setSource('desk', looks),
    release: (zones) => mixer.setSource('desk', null, zones),
    setBlackout: (on) => mixer.setBlackout(on),
    go: () => ({ ok: true }),
    setLevel: () => ({ ok: true }),
  };
  const desk = new DeskInput({ config: { protocol: 'sacn', universe: 1, address: 1, zones: 16, holdMs: 5000 }, target, scheduler, flashLimit: 3 });
  const last = new Map<number, string>();
  let deskChanges = 0;
  const frames = Math.floor(MINUTE_MS / FRAME_MS);
  for (let f = 0; f < frames; f++) {
    const t = 1000 + f * FRAME_MS;
    scheduler.schedule(() => {
      const slots = new Uint8Array(512);
      slots[0] = 255;
      const changed: Array<{ zone: number; look: { kind: 'color'; color: [number, number, number] } }> = [];
      for (const z of ZONES) {
        const rgb = deskColour(z, t - 1000);
        slots[slot(z, 0) - 1] = 255;
        slots.set(rgb, slot(z, 1) - 1);
        const k = rgb.join();
        if (last.get(z) !== k) {
          last.set(z, k);
          deskChanges++;
          changed.push({ zone: z, look: { kind: 'color', color: rgb } });
        }
      }
      if (strategy === 'desk input') {
        desk.takeFrame({ universe: 1, sourceKey: 'bench', sourceName: 'bench', sourceAddress: '127.0.0.1', priority: 100, sequence: f & 0xff, terminated: false, slots }, scheduler.now());
      } else if (changed.length > 0) mixer.setSource('desk', changed);
    }, t);
  }
  scheduler.schedule(() => {}, 1000 + MINUTE_MS + 2000);
  scheduler.maxFrames = 1000 + MINUTE_MS + 2000;
  scheduler.flush();
  planner.stop();
  sub.unsubscribe();
  void desk.stop();
  const stats = planner.stats();
  const use = stats.transmitters[0];
  const looks = (stats.byPurpose.cue ?? 0) + (stats.byPurpose.busk ?? 0);
  return { frames, deskChanges, logical: stats.logicalPackets, looks, byPurpose: stats.byPurpose, use, late: stats.lateCues };
}

function crossfade(): BenchResult {
  const rows: Array<Record<string, string | number>> = [];
  const results = (['desk input', 'every change'] as const).map((s) => ({ s, r: crossfadeMinute(s) }));
  for (const { s, r } of results) {
    rows.push({
      strategy: s,
      desk_frames: r.frames,
      desk_zone_changes: r.deskChanges,
      look_packets: r.looks,
      all_packets: r.logical,
      transmissions: r.use.transmissions,
      airtime_ms: round(r.use.airMs, 1),
      channel_pct: round((r.use.airMs / MINUTE_MS) * 100, 1),
      late_cues: r.late,
    });
  }
  const [a, b] = results.map((x) => x.r);
  return {
    name: 'desk: a minute of a 16-zone crossfade',
    rows,
    notes: [
      '16 zones, red -> blue -> green -> red, 20 s a leg, zone n one second behind zone n - 1 (so no two zones share a colour), desk at 44 fps, planned in virtual time on one 38.4 kbit/s transmitter',
      'look packets: COLOR packets for the desk\'s looks; all packets adds SYNC, refresh and master; "every change" = a COLOR for every zone whose DMX value changed in a frame',
      `desk input sends ${round(b.looks / Math.max(1, a.looks), 1)}x fewer look packets and ${round(b.use.airMs / Math.max(1, a.use.airMs), 1)}x less airtime; packets by purpose (desk input): ${JSON.stringify(a.byPurpose)}`,
    ],
  };
}

export async function bench(): Promise<BenchResult[]> {
  return [crossfade(), await frameToAir()];
}
