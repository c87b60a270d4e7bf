/**
 * What a proof of play costs: replaying a brand slot's on-air record into a
 * fresh crowd of the venue (every transmission heard with the RF model's loss,
 * the seats measured every 100 ms), for slots of a few seconds to a minute in
 * the 19,200-seat demo stadium, in this thread and through the server's worker
 * task (which keeps it off the show's loop). The live show's event loop delay
 * while a worker replays is measured beside it.
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { encodeCcb, parseShow } from '@crowdcue/protocol';
import type { ReplayJobInput } from '../../controller/src/brand/replay-slot-job';
import { replaySlotJob } from '../../controller/src/brand/replay-slot-job';
import { replaySlotInWorker } from '../../controller/src/server/replay-slot-task';
import { demoShowInput } from '../../controller/src/show/demo-show';
import type { BenchResult } from './types';

/** A slot of `seconds` with a packet on its zones every `everyMs` (a logo's preload and reveal, then the refresh and sync around it). */
function slot(seconds: number, everyMs: number): ReplayJobInput {
  const parsed = parseShow(demoShowInput());
  if (!parsed.ok) throw new Error('demo show does not parse');
  const show = parsed.value;
  const zones = show.venue.zones.map((z) => z.id);
  const untilMs = 1000 + seconds * 1000;
  const air = [];
  let seq = 0;
  for (let t = 0; t < untilMs; t += everyMs) {
    seq = (seq % 255) + 1;
    const rf = encodeCcb({ site: show.site, seq, target: { kind: 'ZONES', zones: zones.slice(0, 4) }, cmd: 'COLOR', rgb: [255, 204, 0], fadeMs: 0 });
    air.push({ transmitterId: 'virtual', rf, startMs: t, endMs: t + 8, label: 'brand' });
  }
  return {
    venue: show.venue,
    site: show.site,
    transmitters: [{ id: 'virtual', coverage: 'ALL', lossRate: 0.05 }],
    air,
    steps: [{ kind: 'wash', duration: seconds * 1000, color: [255, 204, 0], fade: 0 }],
    planned: [{ kind: 'wash', fromMs: 1000, untilMs }],
    image: null,
    coveredZones: zones.slice(0, 4),
    fromMs: 1000,
    untilMs,
    zones: zones.slice(0, 4),
  };
}

export async function bench(): Promise<BenchResult> {
  const rows: BenchResult['rows'] = [];
  for (const [seconds, everyMs] of [
    [5, 50],
    [12, 20],
    [60, 50],
  ] as const) {
    const input = slot(seconds, everyMs);
    let t = performance.now();
    const here = replaySlotJob(input);
    const inThreadMs = performance.now() - t;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    t = performance.now();
    await replaySlotInWorker(input);
    const workerMs = performance.now() - t;
    delay.disable();
    rows.push({
      'slot s': seconds,
      transmissions: input.air.length,
      'seats judged': here.seats,
      'in this thread ms': Math.round(inThreadMs),
      'worker task ms': Math.round(workerMs),
      'loop delay p99 ms (worker)': Math.round(delay.percentile(99) / 1e5) / 10,
      'loop delay max ms (worker)': Math.round(delay.max / 1e5) / 10,
    });
  }
  return {
    name: 'proof-of-play replay',
    rows,
    notes: [
      `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on this machine (a busy machine inflates every figure)`,
      'in this thread = the whole replay on the caller loop; worker task = what the server does (worker start included)',
    ],
  };
}
