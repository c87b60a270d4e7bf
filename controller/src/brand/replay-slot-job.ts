/**
 * The whole replay of one slot as plain data in and out (the venue, the
 * record, the logo's seat image), so it can run in a worker task: a long slot
 * in a stadium is seconds of CPU the live show's loop must never wait for.
 */
import type { BrandSequence, Show } from '@crowdcue/protocol';
import { buildCrowd, venueFromShow, type RfTransmitterSpec } from '@crowdcue/simulator';
import type { PlannedStep } from './brand-timeline';
import type { SeatImage } from './reduce-palette';
import { replaySlot, type SlotReplay } from './replay-slot';
import type { AirTransmission } from './slot-air';
import { slotExpectations } from './slot-expectation';

export interface ReplayJobInput {
  venue: Show['venue'];
  site: number;
  transmitters: RfTransmitterSpec[];
  air: readonly AirTransmission[];
  /** The sequence's steps, and where they fell (controller ms). */
  steps: BrandSequence['steps'];
  planned: PlannedStep[];
  image: SeatImage | null;
  coveredZones: readonly number[];
  fromMs: number;
  untilMs: number;
  /** Zones the slot changes. */
  zones: readonly number[];
}

/** Replays a slot into a fresh crowd of the venue (see replaySlot). */
export function replaySlotJob(input: ReplayJobInput): SlotReplay {
  const crowd = buildCrowd(venueFromShow(input.venue), { site: input.site });
  const expectations = slotExpectations({ plan: { steps: input.planned, zones: [...input.zones] }, steps: input.steps, crowd, image: input.image, coveredZones: input.coveredZones });
  return replaySlot({ crowd, transmitters: input.transmitters, air: input.air, expectations, fromMs: input.fromMs, untilMs: input.untilMs, zones: input.zones });
}

/** Where the replay runs: in this thread by default; the server passes one that runs it in a worker task. */
export type ReplaySlotRunner = (input: ReplayJobInput) => Promise<SlotReplay>;
