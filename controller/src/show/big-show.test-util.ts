/**
 * A valid show of N cues on 64 zones, every cue followed at once by the next
 * (`follow: 0`), each zone its own colour: the shape that used to cost gigabytes.
 * `allZones: true` gives each cue one look for every zone instead (a 10,000-cue
 * show of ~1 MB, small enough to send over REST); `follow: false` leaves every
 * cue to the operator's GO (no chain for the safety check to judge). Shared by tests and benches.
 */
import type { ShowInput } from '@crowdcue/protocol';

export function bigShowInput(cues: number, opts: { fadeMs?: number; allZones?: boolean; follow?: boolean } = {}): ShowInput {
  const zones = Array.from({ length: 64 }, (_, id) => ({ id, name: `Zone ${id + 1}` }));
  return {
    version: 1,
    id: `big-${cues}`,
    name: `${cues} cues`,
    site: 7,
    venue: { name: 'Bowl', zones, seats: { kind: 'stadium', sections: 64, seats: 19_200 } as unknown as ShowInput['venue']['seats'] },
    cueLists: [
      {
        id: 'main',
        name: 'Main',
        cues: Array.from({ length: cues }, (_, i) => ({
          id: `c${i}`,
          number: i + 1,
          fade: opts.fadeMs ?? 500,
          ...(opts.follow === false ? {} : { follow: 0 }),
          looks: opts.allZones
            ? { all: { kind: 'color' as const, color: [(i * 7) % 256, 0, 40] as [number, number, number] } }
            : Object.fromEntries(zones.map((z) => [`zone${z.id}`, { kind: 'color' as const, color: [(i * 7) % 256, (z.id * 3) % 128, 40] as [number, number, number] }])),
        })),
      },
    ],
  };
}
