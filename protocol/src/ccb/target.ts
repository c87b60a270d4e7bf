/** Zone masks and target matching (spec 2, table "Targets"). */
import type { CcbTarget } from './types';

/** The u64 ZONES mask for a zone list (duplicates and order do not matter). */
export function zoneMask(zones: Iterable<number>): bigint {
  let mask = 0n;
  for (const z of zones) mask |= 1n << BigInt(z);
  return mask;
}

/** The zones set in a u64 mask, ascending. */
export function maskZones(mask: bigint): number[] {
  const zones: number[] = [];
  for (let z = 0; z < 64; z++) if ((mask >> BigInt(z)) & 1n) zones.push(z);
  return zones;
}

/** Whether a band with this zone and pixel obeys a packet with this target. */
export function ccbTargetMatches(target: CcbTarget, band: { zone: number; pixel: number }): boolean {
  switch (target.kind) {
    case 'ALL':
      return true;
    case 'ZONES':
      return target.zones.includes(band.zone);
    case 'PIXELS':
      return target.first <= band.pixel && band.pixel <= target.last;
  }
}
