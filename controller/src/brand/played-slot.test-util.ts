/**
 * A brand slot played in virtual time on a recording transmitter, with what
 * went on air as a proof of play reads it: for report tests (route, PDF,
 * console) that need a real run without a live show.
 */
import { airtimeUs, encodeCcb, type CcbPacket, type Rgb } from '@crowdcue/protocol';
import { TestScheduler } from 'rxjs/testing';
import { Planner } from '../planner/planner';
import { RecordingTransmitter } from '../transmitter/recording-transmitter';
import type { BrandService } from './brand-service';
import { BrandSequenceRun, type BrandRunResult } from './brand-sequence-run';
import type { AirTransmission } from './slot-air';

export interface PlayedSlot {
  result: BrandRunResult;
  air: AirTransmission[];
}

/**
 * Plays sequence `id` of `show` from controller ms `startMs` through a planner
 * (SYNC, the slot's layers) as the live runtime does; its transmissions as they
 * went on air, every one labelled the brand's (nothing else plays).
 */
export async function playSlot(service: BrandService, show: string, id: string, startMs: number, site: number, venueZones: readonly number[]): Promise<PlayedSlot> {
  const scheduler = new TestScheduler(() => {});
  const tx = new RecordingTransmitter('virtual');
  const caps = tx.capabilities()!;
  const plan = await service.planFor(show, id, startMs, { requireApproval: false });
  const planner = new Planner({ scheduler, site, venueZones, transmitters: [tx] });
  const run = new BrandSequenceRun(plan, {
    scheduler,
    channels: planner.channels(),
    nextSeq: () => planner.nextSeq(),
    site,
    bandTime: (ms) => planner.clock.toBand(ms),
    runParade: (parade, at, o) => planner.runParade(parade, at, o),
    stopParade: (r) => planner.stopParade(r),
  });
  planner.start();
  run.start();
  scheduler.schedule(() => {}, plan.endMs + 10);
  scheduler.maxFrames = plan.endMs + 10;
  scheduler.flush();
  planner.stop();
  const result = await run.done;
  const air: AirTransmission[] = [];
  for (const p of tx.sent) {
    const ms = airtimeUs(p.rf.length, caps.bitrate, caps.overhead) / 1000;
    let t = p.atMs ?? 0;
    for (let k = 0; k <= p.repeat; k++) {
      air.push({ transmitterId: tx.id, rf: p.rf, startMs: t, endMs: t + ms, label: 'brand' });
      t += ms + p.gapMs;
    }
  }
  return { result, air };
}

let otherSeq = 200;
/** Someone else's COLOR on some zones at `startMs` (a parade's step, a cue), labelled as the report should name it. */
export function otherColour(site: number, rgb: Rgb, zones: number[] | 'ALL', startMs: number, label: string): AirTransmission {
  const packet: CcbPacket = { site, seq: (otherSeq = (otherSeq % 255) + 1), target: zones === 'ALL' ? { kind: 'ALL' } : { kind: 'ZONES', zones }, cmd: 'COLOR', rgb, fadeMs: 0 };
  const rf = encodeCcb(packet);
  return { transmitterId: 'virtual', rf, startMs, endMs: startMs + 8, label };
}
