/**
 * How often the preload goes round so bands that miss packets still get their
 * pixel. A band shows the logo when it has received, at least once, the IMAGE
 * packet holding its pixel, the PALETTE and the SHOW_IMAGE. With independent
 * loss `p` per transmission (the simulator's model) and `r` copies a band misses
 * a packet with probability p^r. PALETTE and SHOW_IMAGE are one packet each
 * that every band needs, so they go `extraCritical` more times: cheap, and a
 * miss there costs the seat as surely as a missed IMAGE.
 */
import type { RepeatPlan } from '@crowdcue/protocol';

export interface RepeatTarget {
  /** Share of transmissions a band loses, 0..1; default 0.05. */
  lossRate?: number;
  /** Share of covered bands that should show the logo; default 0.995. */
  share?: number;
  /** Extra copies of PALETTE and SHOW_IMAGE over the IMAGE rounds; default 2. */
  extraCritical?: number;
  /** Upper bound on rounds; default 8. */
  maxRounds?: number;
}

export const DEFAULT_LOSS_RATE = 0.05;
export const DEFAULT_TARGET_SHARE = 0.995;

export function expectedShare(lossRate: number, imageRounds: number, criticalCopies: number): number {
  const miss = (copies: number) => Math.pow(lossRate, copies);
  return (1 - miss(imageRounds)) * (1 - miss(criticalCopies)) ** 2;
}

export function planRepeats(target: RepeatTarget = {}): RepeatPlan {
  const lossRate = target.lossRate ?? DEFAULT_LOSS_RATE;
  const share = target.share ?? DEFAULT_TARGET_SHARE;
  const extra = target.extraCritical ?? 2;
  const maxRounds = target.maxRounds ?? 8;
  if (!(lossRate >= 0 && lossRate < 1)) throw new RangeError(`lossRate must be in 0..1 (exclusive of 1), got ${lossRate}`);
  if (!(share > 0 && share <= 1)) throw new RangeError(`share must be in (0, 1], got ${share}`);
  for (let rounds = 1; ; rounds++) {
    const e = expectedShare(lossRate, rounds, rounds + extra);
    if (e >= share || rounds >= maxRounds) return { imageRounds: rounds, criticalCopies: rounds + extra, expectedShare: e };
  }
}
