/**
 * What each seat should show during a brand slot, step by step: a reveal the
 * logo's colour under each covered seat, a wash its colour on the covered
 * zones, a hold whatever the step before showed. A parade step (and a hold
 * after one) is not judged: the report's figures cover the judged span only.
 * Seats meant to stay dark (a logo's black background, a wash to black) are
 * not judged either: a dark band looks the same whether it obeyed or heard nothing.
 */
import type { Crowd } from '@crowdcue/simulator';
import type { BrandPlan } from './brand-timeline';
import { UNCOVERED, type SeatImage } from './reduce-palette';

export interface SeatExpectation {
  /** Controller ms. */
  fromMs: number;
  untilMs: number;
  /** Fade into the step, ms: a seat mid-fade is not yet showing it. */
  fadeMs: number;
  /** r, g, b per band (crowd order). */
  rgb: Uint8Array;
  /** 1 where a band should show `rgb`. */
  mask: Uint8Array;
  /** Bands in `mask`. */
  seats: number;
}

export interface ExpectationInput {
  plan: Pick<BrandPlan, 'steps' | 'zones'>;
  /** The sequence's steps as in the show (colours and fades). */
  steps: ReadonlyArray<{ kind: string; color?: readonly [number, number, number]; fade?: number }>;
  crowd: Crowd;
  image: SeatImage | null;
  /** Zones a wash covers (the logo's placement zones, else the plan's). */
  coveredZones: readonly number[];
}

/** Below this in every channel a band looks off: a seat meant to stay dark cannot be told from one nothing reached, so it is not judged. */
const DARK = 16;
const isDark = (c: readonly number[]) => c[0] < DARK && c[1] < DARK && c[2] < DARK;

function washOf(crowd: Crowd, zones: ReadonlySet<number>, color: readonly [number, number, number]) {
  const n = crowd.count;
  const rgb = new Uint8Array(3 * n);
  const mask = new Uint8Array(n);
  let seats = 0;
  if (isDark(color)) return null;
  for (let b = 0; b < n; b++) {
    if (!crowd.present[b] || !zones.has(crowd.zone[b])) continue;
    rgb.set(color, 3 * b);
    mask[b] = 1;
    seats++;
  }
  return { rgb, mask, seats };
}

export function slotExpectations(input: ExpectationInput): SeatExpectation[] {
  const { crowd, image, plan } = input;
  const n = crowd.count;
  const out: SeatExpectation[] = [];
  let logo: { rgb: Uint8Array; mask: Uint8Array; seats: number } | null = null;
  const makeLogo = () => {
    if (logo || !image) return logo;
    const rgb = new Uint8Array(3 * n);
    const mask = new Uint8Array(n);
    let seats = 0;
    for (let i = 0; i < n; i++) {
      const k = image.index[i];
      if (k === UNCOVERED || !crowd.present[i] || isDark(image.palette[k])) continue;
      rgb.set(image.palette[k], 3 * i);
      mask[i] = 1;
      seats++;
    }
    logo = { rgb, mask, seats };
    return logo;
  };
  // A hold keeps what the step before it showed.
  let last: { rgb: Uint8Array; mask: Uint8Array; seats: number } | null = null;
  const zones = new Set(input.coveredZones);
  plan.steps.forEach((planned, i) => {
    const step = input.steps[i];
    if (!step) return;
    const span = { fromMs: planned.fromMs, untilMs: planned.untilMs };
    if (step.kind === 'reveal') last = makeLogo();
    else if (step.kind === 'wash' && step.color) last = washOf(crowd, zones, step.color);
    else if (step.kind !== 'hold') last = null;
    if (last) out.push({ ...span, fadeMs: step.kind === 'hold' ? 0 : (step.fade ?? 0), ...last });
  });
  return out;
}
