/**
 * Zones that share a command go out as one packet: one ZONES mask per
 * distinct look, or ALL when the look covers every zone of the venue.
 */
import type { CcbTarget } from '@crowdcue/protocol';
import { type PlanLook, planLookKey } from './plan-look';

export interface ZoneGroup {
  look: PlanLook;
  zones: number[];
  target: CcbTarget;
}

export function groupZones(looks: Iterable<[zone: number, look: PlanLook]>, venueZones: readonly number[]): ZoneGroup[] {
  const byKey = new Map<string, { look: PlanLook; zones: number[] }>();
  for (const [zone, look] of looks) {
    const key = planLookKey(look);
    const g = byKey.get(key);
    if (g) {
      if (!g.zones.includes(zone)) g.zones.push(zone);
    } else byKey.set(key, { look, zones: [zone] });
  }
  const venue = new Set(venueZones);
  return [...byKey.values()].map(({ look, zones }) => {
    zones.sort((a, b) => a - b);
    const all = venue.size > 0 && zones.length >= venue.size && [...venue].every((z) => zones.includes(z));
    return { look, zones, target: all ? { kind: 'ALL' } : { kind: 'ZONES', zones } };
  });
}
