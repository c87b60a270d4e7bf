/**
 * A finished brand slot's proof-of-play replay in a worker task: a long slot
 * in a stadium is seconds of CPU (a fresh crowd hearing every transmission),
 * which the live show's loop must never wait for.
 */
import type { SlotReplay } from '../brand/replay-slot';
import type { ReplayJobInput } from '../brand/replay-slot-job';
import { runWorkerTask } from './worker-task';

/** A 12 s slot of 600 transmissions in a 19,200-seat stadium replays in about 6 s on a busy 2-core machine. */
export const REPLAY_DEADLINE_MS = 120_000;

export function replaySlotInWorker(input: ReplayJobInput): Promise<SlotReplay> {
  return runWorkerTask('replay-slot', input, { deadlineMs: REPLAY_DEADLINE_MS });
}
