/**
 * The built-in demo show (`crowdcue play demo`): a 19,200-seat stadium in 16
 * zones round the bowl, one cue list of 13 cues carried by follows, and four
 * parades (a stadium wave, a chase round the bowl, a rainbow on the show
 * timeline and a sparkle finale), about two minutes in all, within the 3/s
 * flash limit.
 */
import { parseShow, showErrorsText, type Show, type ShowInput } from '@crowdcue/protocol';
import { stadiumVenue } from '@crowdcue/simulator';

type LookInput = NonNullable<NonNullable<ShowInput['cueLists']>[number]['cues']>[number]['looks'] extends infer L
  ? L extends Record<string, infer V>
    ? V
    : never
  : never;

// The stadium generator's default: 16 zones round the bowl.
const ZONES = 16;
const all = Array.from({ length: ZONES }, (_, i) => i);
const even = all.filter((z) => z % 2 === 0);
const odd = all.filter((z) => z % 2 === 1);
const zoneLooks = (zones: number[], look: LookInput): Record<string, LookInput> => Object.fromEntries(zones.map((z) => [`zone${z}`, look]));
const color = (c: string): LookInput => ({ kind: 'color', color: c });

export function demoShowInput(): ShowInput {
  const venue = stadiumVenue({ seed: 1 });
  return {
    version: 1,
    id: 'demo',
    name: 'CrowdCue demo: stadium',
    site: 42,
    venue: {
      name: 'Demo stadium',
      zones: venue.zones.map((z) => ({ id: z.id, name: z.name })),
      // The generator spec's input type has a numeric index signature (other generator
      // options) that no literal with `kind` satisfies in TypeScript; parseShow checks it.
      seats: { kind: 'stadium', seed: 1 } as unknown as ShowInput['venue']['seats'],
    },
    cueLists: [
      {
        id: 'main',
        name: 'Main',
        cues: [
          { id: 'house', number: 1, label: 'House', looks: { all: color('#000030') }, fade: 3000, follow: 2000 },
          {
            id: 'split',
            number: 2,
            label: 'Split',
            looks: { ...zoneLooks(even, color('#ff2000')), ...zoneLooks(odd, color('#0030ff')) },
            fade: 2000,
            follow: 6000,
          },
          {
            id: 'pulse',
            number: 3,
            label: 'Pulse',
            looks: { all: { kind: 'effect', shape: 'SINE', colors: ['#ffffff', '#200040'], period: 1500 } },
            follow: 9000,
          },
          { id: 'wave', number: 4, label: 'Stadium wave', looks: { all: color('#000020') }, fade: 1000, hang: 15_000, follow: 0, parade: 'stadium-wave' },
          { id: 'chase', number: 5, label: 'Chase', looks: { all: color('#000000') }, fade: 500, hang: 14_000, follow: 0, parade: 'chase' },
          // The rainbow parade runs from the show timeline at 52.5 s, over this cue.
          { id: 'rainbow', number: 6, label: 'Rainbow', looks: { all: color('#101010') }, fade: 1000, hang: 15_000, follow: 0 },
          { id: 'gold', number: 7, label: 'Gold', looks: { all: color('#ffb000') }, fade: 3000, follow: 4000 },
          {
            id: 'halves',
            number: 8,
            label: 'Halves',
            looks: { ...zoneLooks(all.slice(0, 8), color('#00e0ff')), ...zoneLooks(all.slice(8), color('#ff00c0')) },
            fade: 1500,
            follow: 5000,
          },
          {
            id: 'hit',
            number: 9,
            label: 'Strobe hit',
            looks: { all: { kind: 'effect', shape: 'SQUARE', colors: ['#ffffff', '#000000'], period: 500 } },
            hang: 4000,
            follow: 0,
          },
          { id: 'calm', number: 10, label: 'Calm', looks: { all: color('#300050') }, fade: 2000, follow: 3000 },
          { id: 'finale', number: 11, label: 'Sparkle finale', looks: { all: color('#000010') }, fade: 1000, hang: 21_000, follow: 0, parade: 'finale' },
          { id: 'goodnight', number: 12, label: 'Goodnight', looks: { all: color('#ffd090') }, fade: 4000, follow: 3000 },
          { id: 'out', number: 13, label: 'Out', looks: { all: { kind: 'off' } }, fade: 3000 },
        ],
      },
    ],
    parades: [
      {
        id: 'stadium-wave',
        name: 'Stadium wave',
        duration: 16_000,
        tracks: [
          {
            id: 'bowl',
            name: 'Whole bowl',
            target: { all: true },
            steps: [
              { id: 'across', at: 0, duration: 6000, kind: 'WAVE', colors: ['#4060ff', '#000010'], direction: { axis: 'linear', angle: 0 }, speed: 3000, spread: 16 },
              { id: 'up', at: 6000, duration: 5000, kind: 'WAVE', colors: ['#ffffff', '#000030'], direction: { axis: 'linear', angle: 90 }, speed: 2500, spread: 32 },
              { id: 'ripple', at: 11_000, duration: 5000, kind: 'WAVE', colors: ['#00ffa0', '#000020'], direction: { axis: 'radial', outward: true }, speed: 2000, spread: 24 },
            ],
          },
        ],
      },
      {
        id: 'chase',
        name: 'Chase round the bowl',
        duration: 14_000,
        tracks: [
          {
            id: 'bowl',
            target: { all: true },
            steps: [
              { id: 'round', at: 0, duration: 7000, kind: 'CHASE', colors: ['#ff0000'], direction: { axis: 'zone' }, speed: 2000 },
              { id: 'back', at: 7000, duration: 7000, kind: 'CHASE', colors: ['#00ff40', '#001000'], direction: { axis: 'zone', reverse: true }, speed: 1600 },
            ],
          },
        ],
      },
      {
        id: 'rainbow',
        name: 'Rainbow',
        duration: 16_000,
        tracks: [
          {
            id: 'bowl',
            target: { all: true },
            steps: [
              { id: 'rings', at: 0, duration: 8000, kind: 'RAINBOW', colors: ['#ffffff'], direction: { axis: 'radial', outward: true }, speed: 6000, spread: 24 },
              { id: 'sweep', at: 8000, duration: 8000, kind: 'RAINBOW', colors: ['#c0c0c0'], direction: { axis: 'linear', angle: 45 }, speed: 5000, spread: 16 },
            ],
          },
        ],
      },
      {
        id: 'finale',
        name: 'Sparkle finale',
        duration: 22_000,
        tracks: [
          {
            id: 'bowl',
            target: { all: true },
            steps: [
              { id: 'stars', at: 0, duration: 7000, kind: 'SPARKLE', colors: ['#ffffff', '#000020'], speed: 250 },
              { id: 'gold', at: 7000, duration: 6000, kind: 'SPARKLE', colors: ['#ffc040', '#100400'], speed: 200 },
              { id: 'breathe', at: 13_000, duration: 5000, kind: 'PULSE', colors: ['#ffffff', '#202040'], speed: 1200 },
              { id: 'settle', at: 18_000, duration: 4000, kind: 'FADE', colors: ['#000010'], fade: 3000 },
            ],
          },
          {
            id: 'front',
            name: 'Front rows',
            target: { pixels: { first: 0, last: 399 } },
            // Half a second after the pulse starts, so the flare does not cancel it on its way in.
            steps: [{ id: 'flare', at: 13_500, duration: 4500, kind: 'COLOR', colors: ['#ff8000'], fade: 500 }],
          },
        ],
      },
    ],
    timeline: [{ parade: 'rainbow', at: 52_500 }],
    transmitters: [{ id: 'virtual', url: 'virtual', coverage: 'ALL' }],
    safety: { maxFlashesPerSecond: 3 },
  };
}

/** The demo show, parsed; a failure here is a bug in this file, so it throws. */
export function demoShow(): Show {
  const r = parseShow(demoShowInput());
  if (!r.ok) throw new Error(`built-in demo show is invalid:\n${showErrorsText(r.errors)}`);
  return r.value;
}
