/**
 * A small show for engine tests: three zones, five cues covering delay, fade,
 * follow, hang, effects and a cue-triggered parade, one timeline parade.
 */
import { parseShow, type Show, type ShowInput } from '@crowdcue/protocol';

export const RED: [number, number, number] = [255, 0, 0];
export const BLUE: [number, number, number] = [0, 0, 255];
export const GREEN: [number, number, number] = [0, 255, 0];
export const WHITE: [number, number, number] = [255, 255, 255];

export function testShowInput(): ShowInput {
  return {
    version: 1,
    id: 'engine-test',
    name: 'Engine test',
    site: 7,
    venue: {
      name: 'Hall',
      zones: [
        { id: 0, name: 'left' },
        { id: 1, name: 'centre' },
        { id: 2, name: 'right' },
      ],
      seats: [0, 1, 2].map((zone) => ({ section: 'A', row: 1, seat: zone + 1, x: zone * 10, y: 0, zone })),
    },
    parades: [{ id: 'wave', name: 'Wave', duration: 1000 }],
    timeline: [{ parade: 'wave', at: 5000 }],
    cueLists: [
      {
        id: 'main',
        name: 'Main',
        cues: [
          { id: 'c1', number: 1, label: 'red', looks: { all: { kind: 'color', color: RED } }, fade: 100 },
          { id: 'c2', number: 2, label: 'centre blue', looks: { zone1: { kind: 'color', color: BLUE } }, delay: 50, fade: 200, hang: 30, follow: 100 },
          {
            id: 'c3',
            number: 3,
            label: 'green, sparkle right',
            looks: { all: { kind: 'color', color: GREEN }, zone2: { kind: 'effect', shape: 'SPARKLE', colors: [WHITE, [0, 0, 0]], period: 500 } },
            parade: 'wave',
          },
          { id: 'c4', number: 4, label: 'white slow', looks: { all: { kind: 'color', color: WHITE, fade: 400 } }, fade: 100 },
          { id: 'c5', number: 5, label: 'off', looks: { all: { kind: 'off' } }, fade: 0 },
        ],
      },
    ],
  };
}

export function testShow(edit?: (input: ShowInput) => void): Show {
  const input = testShowInput();
  edit?.(input);
  const parsed = parseShow(input);
  if (!parsed.ok) throw new Error(`test show invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.value;
}
