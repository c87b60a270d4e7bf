/**
 * A finished brand slot's proof-of-play replay in a worker task: a long slot
 * in a stadium is seconds of CPU (a fresh crowd hearing every transmission),
 * which the live show's loop must never wait for.
 */
import type { SlotReplay } from '../brand/replay-slot';
import type { ReplayJobInput } from '../brand/replay-slot-job';
import { runWorkerTask } from './worker-task';

/** A stadium slot replays in seconds (`npm run bench -- proof-replay`); the deadline leaves room on a busy machine. */
export const REPLAY_DEADLINE_MS = 120_000;

export function replaySlotInWorker(input: ReplayJobInput): Promise<SlotReplay> {
  return runWorkerTask('replay-slot', input, { deadlineMs: REPLAY_DEADLINE_MS });
}
