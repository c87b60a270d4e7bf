/**
 * How often one band flashes while it runs an effect.
 *
 * A flash is a pair of opposing changes (see flash-metrics). For SQUARE,
 * SINE, RAMP and RAINBOW the waveform repeats every period, so the changes per
 * period are counted on the sampled waveform with hysteresis (a SQUARE or SINE
 * between contrasting colours makes 2 changes per period = 1 flash per period,
 * so does a bright RAINBOW; a dim one makes none). SPARKLE picks c1 or c2
 * afresh each period, so a band changes at most once per period: at worst
 * 1 change per period = half a flash per period.
 */
import type { EffectShape } from '../ccb/types';
import type { Rgb } from '../ccb/types';
import { ChangeCounter, FLASH_METRICS, type FlashMetric, contrasts, flashLevel, metricStep } from './flash-metrics';
import { effectColorAtPhase } from './effect-waveform';

export interface EffectLike {
  shape: EffectShape;
  c1: Rgb;
  c2: Rgb;
  periodMs: number;
}

const SAMPLES_PER_PERIOD = 720;

const effectKey = (e: EffectLike, metric: FlashMetric) => `${metric}/${e.shape}/${e.c1.join(',')}/${e.c2.join(',')}`;
// Shows reuse a handful of effects over and over; their waveforms are sampled once.
const perPeriodCache = new Map<string, number>();
const rangeCache = new Map<string, [number, number]>();

/** Opposing changes per period in one metric, counted in steady state. */
export function changesPerPeriod(effect: EffectLike, metric: FlashMetric): number {
  const key = effectKey(effect, metric);
  let n = perPeriodCache.get(key);
  if (n === undefined) {
    n = countChangesPerPeriod(effect, metric);
    if (perPeriodCache.size > 10_000) perPeriodCache.clear();
    perPeriodCache.set(key, n);
  }
  return n;
}

function countChangesPerPeriod(effect: EffectLike, metric: FlashMetric): number {
  if (effect.shape === 'SPARKLE') {
    return Math.abs(flashLevel(metric, effect.c1) - flashLevel(metric, effect.c2)) >= metricStep(metric) ? 1 : 0;
  }
  const counter = new ChangeCounter(metricStep(metric));
  let counted = 0;
  // Two warm-up periods settle the hysteresis; the third is the steady count.
  for (let i = 0; i < SAMPLES_PER_PERIOD * 3; i++) {
    const p = (i % SAMPLES_PER_PERIOD) / SAMPLES_PER_PERIOD;
    const changed = counter.push(flashLevel(metric, effectColorAtPhase(effect.shape, effect.c1, effect.c2, p)));
    if (changed !== 0 && i >= SAMPLES_PER_PERIOD * 2) counted++;
  }
  return counted;
}

/** Changes per millisecond, worst metric. */
export function effectChangesPerMs(effect: EffectLike, metric: FlashMetric): number {
  return changesPerPeriod(effect, metric) / Math.max(1, effect.periodMs);
}

/** Flashes per second of one band running the effect (worst of the two metrics). */
export function effectFlashesPerSecond(effect: EffectLike): number {
  const worst = Math.max(...FLASH_METRICS.map((m) => changesPerPeriod(effect, m)));
  return ((worst / 2) * 1000) / Math.max(1, effect.periodMs);
}

/**
 * The shortest period at which the effect stays within `limit` flashes per
 * second (whole milliseconds), or null when it never flashes.
 */
export function minSafePeriodMs(effect: Omit<EffectLike, 'periodMs'>, limit: number): number | null {
  const worst = Math.max(...FLASH_METRICS.map((m) => changesPerPeriod({ ...effect, periodMs: 1000 }, m)));
  if (worst === 0) return null;
  if (limit <= 0) return Infinity;
  return Math.ceil(((worst / 2) * 1000) / limit - 1e-9);
}

/** The range of levels an effect shows, per metric (for step changes into and out of it). */
export function effectLevelRange(effect: EffectLike, metric: FlashMetric): [number, number] {
  const key = effectKey(effect, metric);
  const cached = rangeCache.get(key);
  if (cached) return cached;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < 360; i++) {
    const v = flashLevel(metric, effectColorAtPhase(effect.shape, effect.c1, effect.c2, i / 360));
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (rangeCache.size > 10_000) rangeCache.clear();
  rangeCache.set(key, [lo, hi]);
  return [lo, hi];
}

export { contrasts };
