/**
 * Heavy work beside the live show (venue generation, logo rasterising, show
 * checking in worker threads; password checks on libuv's threads) must never
 * take the cores the show's event loop needs. Two rules, owned here:
 *
 * - Cores: such work runs at most on all cores but one, so a two-core show
 *   laptop does one heavy thing at a time and the show keeps a core.
 * - Priority: a heavy worker lowers its own thread's priority, so when
 *   something else (a login flood, the desk) wants that core too, the kernel
 *   runs the show first and the heavy request in what is left. Linux applies
 *   setpriority(PRIO_PROCESS, tid) to one thread, and /proc/thread-self names
 *   the calling thread; elsewhere the priority stays as it is.
 */
import { readlinkSync } from 'node:fs';
import { availableParallelism, getPriority, setPriority } from 'node:os';

/** Heavy jobs that may run at once: every core but the one left to the show. */
export const BACKGROUND_CORES = Math.max(1, availableParallelism() - 1);

/** How much lower than the show a heavy worker runs (nice levels: at 10 the show gets about ten times its share). */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread's priority to `nice` (never raises it: a thread
 * already lower stays so). Returns whether the thread now runs at least that low.
 */
export function lowerThisThreadPriority(nice = BACKGROUND_NICE): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return getPriority(tid) >= nice;
  } catch {
    return false;
  }
}
