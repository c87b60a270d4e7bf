/**
 * Shows for the live runtime's tests: small venues (a few hundred bands) so
 * real-time tests stay fast, bright colour cues so the crowd says clearly
 * which one landed.
 */
import { parseShow, type Show, type ShowInput } from '@crowdcue/protocol';

export const RED: [number, number, number] = [255, 0, 0];
export const GREEN: [number, number, number] = [0, 255, 0];
export const BLUE: [number, number, number] = [0, 0, 255];

export function liveShowInput(id = 'live-test'): ShowInput {
  return {
    version: 1,
    id,
    name: 'Live test',
    site: 9,
    venue: {
      name: 'Small field',
      zones: [0, 1, 2, 3].map((z) => ({ id: z, name: `Zone ${z}` })),
      seats: { kind: 'field', seed: 3, seats: 400 } as unknown as ShowInput['venue']['seats'],
    },
    parades: [
      {
        id: 'pulse',
        name: 'Pulse',
        duration: 4000,
        tracks: [{ id: 't1', target: { all: true }, steps: [{ id: 's1', at: 0, duration: 4000, kind: 'PULSE', colors: ['#00ff00', '#000000'], speed: 2000 }] }],
      },
    ],
    cueLists: [
      {
        id: 'main',
        name: 'Main',
        cues: [
          { id: 'red', number: 1, label: 'Red', looks: { all: { kind: 'color', color: RED } } },
          { id: 'green', number: 2, label: 'Green', looks: { all: { kind: 'color', color: GREEN } }, follow: 300 },
          { id: 'blue', number: 3, label: 'Blue', looks: { all: { kind: 'color', color: BLUE } } },
          { id: 'pulse', number: 4, label: 'Pulse parade', looks: { all: { kind: 'off' } }, parade: 'pulse' },
        ],
      },
    ],
  };
}

export function liveShow(edit?: (input: ShowInput) => void, id?: string): Show {
  const input = liveShowInput(id);
  edit?.(input);
  const parsed = parseShow(input);
  if (!parsed.ok) throw new Error(`test show invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.value;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns true (or throws on timeout with `what`). */
export async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
