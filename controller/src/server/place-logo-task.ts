/**
 * A placed logo drawn in a worker task: a vector with heavy filters costs
 * seconds of CPU, which the live show's loop must never wait for, and which
 * stops when its client has gone or at the deadline.
 */
import type { LogoPlacement } from '@crowdcue/protocol';
import { BrandError, type BrandErrorCode } from '../brand/brand-error';
import type { LogoOnSeats, LogoOnSeatsOptions } from '../brand/logo-on-seats';
import type { SeatMap } from '../brand/seat-map';
import { runWorkerTask } from './worker-task';

/** A logo at the render limit draws in about a second on a busy 2-core machine. */
export const LOGO_DEADLINE_MS = 15_000;

export async function placeLogoInWorker(
  logo: Uint8Array,
  placement: LogoPlacement,
  map: SeatMap,
  opts: LogoOnSeatsOptions,
  signal?: AbortSignal,
): Promise<LogoOnSeats> {
  const out = await runWorkerTask('logo-on-seats', { logo, placement, map, opts }, { deadlineMs: LOGO_DEADLINE_MS, signal });
  if (!out.ok) throw new BrandError(out.code as BrandErrorCode, out.message, out.field);
  return out.value;
}
