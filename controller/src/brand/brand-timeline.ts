/**
 * A brand sequence placed in time: its steps one after another from the start,
 * the reveals (one SHOW_IMAGE each, exact start), and the layers the planner
 * keeps on the covered zones for the whole sequence so that neither cues nor
 * the planner's refresh touch those bands meanwhile (a COLOR or EFFECT landing
 * between a SHOW_IMAGE and its start would cancel the reveal, spec 2.4).
 *
 * The layers are one compiled parade for `Planner.runParade`: a step per brand
 * step on the covered zones (a wash sends its COLOR; reveal and hold send
 * nothing and only hold the zones), the show parade of a parade step, and one
 * layer under all of them from just before the first SHOW_IMAGE to the end,
 * whose pending restore keeps refresh off those zones and puts every zone back
 * to its cue look when the sequence ends.
 */
import { type BrandSequence, type CompiledParade, type CompiledStep, compileParade, type Parade, type RepeatPlan, type Rgb } from '@crowdcue/protocol';
import { BrandError } from './brand-error';
import type { EncodedSeatImage } from './encode-seat-image';
import { DEFAULT_BUDGET, preloadCopies, type PreloadBudget, type PreloadCopy } from './preload-plan';

export interface PlannedStep {
  kind: BrandSequence['steps'][number]['kind'];
  fromMs: number;
  untilMs: number;
}

export interface PlannedReveal {
  /** Controller ms bands switch to the logo. */
  atMs: number;
  fadeMs: number;
  /** When its SHOW_IMAGE copies start going out. */
  showFromMs: number;
}

export interface BrandPlan {
  sequenceId: string;
  brand: string;
  name: string;
  startMs: number;
  endMs: number;
  steps: PlannedStep[];
  /** Zones the sequence changes (covered zones and its parades' zones). */
  zones: number[];
  image: { encoded: EncodedSeatImage; repeats: RepeatPlan; copies: PreloadCopy[] } | null;
  reveals: PlannedReveal[];
  /** Layers for `Planner.runParade`, placed from `layersFromMs`. */
  layers: CompiledParade;
  layersFromMs: number;
}

export interface PlanSequenceInput {
  sequence: BrandSequence;
  /** Controller ms of the first step. */
  startMs: number;
  venueZones: readonly number[];
  parades: readonly Parade[];
  /** The sequence's logo as packets (needed when it has a reveal step). */
  image?: { encoded: EncodedSeatImage; repeats: RepeatPlan; background: Rgb };
  budget?: PreloadBudget;
}

/** A reveal shorter than this would let the next step's packets cancel it before it starts. */
export const MIN_REVEAL_MS = 500;

export function planBrandSequence(input: PlanSequenceInput): BrandPlan {
  const { sequence, startMs, venueZones } = input;
  const showLeadMs = input.budget?.showLeadMs ?? DEFAULT_BUDGET.showLeadMs;
  const hasReveal = sequence.steps.some((s) => s.kind === 'reveal');
  if (hasReveal && !input.image) throw new BrandError('INVALID', `sequence "${sequence.id}" reveals a logo but has none placed`, 'logo');
  const covered = input.image ? input.image.encoded.zones : [...(sequence.logo?.zones ?? venueZones)];
  const coveredTarget = { zones: covered as number[] };
  const allZones = new Set(covered);

  const steps: PlannedStep[] = [];
  const reveals: PlannedReveal[] = [];
  let t = startMs;
  sequence.steps.forEach((step, i) => {
    const until = t + step.duration;
    steps.push({ kind: step.kind, fromMs: t, untilMs: until });
    if (step.kind === 'reveal') {
      if (step.duration < MIN_REVEAL_MS) throw new BrandError('INVALID', `a reveal lasts at least ${MIN_REVEAL_MS} ms`, `steps[${i}].duration`);
      reveals.push({ atMs: t, fadeMs: Math.min(0xffff, Math.round(step.fade)), showFromMs: t - showLeadMs });
    }
    t = until;
  });
  const endMs = t;
  const layersFromMs = reveals.length > 0 ? Math.min(startMs, reveals[0].showFromMs - 50) : startMs;

  const layerSteps: CompiledStep[] = [];
  const at = (ms: number) => ms - layersFromMs;
  const holdStep = (label: string, fromMs: number, untilMs: number, rgb: Rgb): CompiledStep => ({
    path: `brandSequences[${sequence.id}]`,
    label,
    kind: 'COLOR',
    atMs: at(fromMs),
    endMs: at(untilMs),
    zones: [...coveredTarget.zones],
    look: { kind: 'color', rgb, fadeMs: 0 },
    sends: [],
  });
  const background: Rgb = input.image?.background ?? [0, 0, 0];
  layerSteps.push(holdStep(`brand "${sequence.name}"`, layersFromMs, endMs, background));
  sequence.steps.forEach((step, i) => {
    const { fromMs, untilMs } = steps[i];
    const label = `brand "${sequence.name}" step ${i + 1} (${step.kind})`;
    if (step.kind === 'reveal' || step.kind === 'hold') {
      // Steps meet end to end, so the planner sends nothing between them (the layer under all holds the zones before).
      layerSteps.push(holdStep(label, fromMs, untilMs, background));
    } else if (step.kind === 'wash') {
      const look = { kind: 'color' as const, rgb: step.color, fadeMs: Math.min(0xffff, Math.round(step.fade)) };
      const all = venueZones.length > 0 && venueZones.every((z) => covered.includes(z));
      layerSteps.push({
        ...holdStep(label, fromMs, untilMs, step.color),
        look,
        sends: [{ atMs: at(fromMs), target: all ? { kind: 'ALL' } : { kind: 'ZONES', zones: [...covered] }, zones: all ? 'ALL' : [...covered], look }],
      });
    } else {
      const parade = input.parades.find((p) => p.id === step.parade);
      if (!parade) throw new BrandError('INVALID', `parade "${step.parade}" does not exist in this show`, `steps[${i}].parade`);
      const compiled = compileParade(parade, { venueZones: [...venueZones], path: `parades[${step.parade}]` });
      if (!compiled.ok) throw new BrandError('INVALID', `parade "${step.parade}": ${compiled.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, `steps[${i}].parade`);
      layerSteps.push(holdStep(label, fromMs, untilMs, [0, 0, 0]));
      const span = untilMs - fromMs;
      for (const s of compiled.value.steps) {
        if (s.atMs >= span) continue;
        const zones = s.zones === 'ALL' ? [...venueZones] : s.zones;
        zones.forEach((z) => allZones.add(z));
        layerSteps.push({
          ...s,
          atMs: at(fromMs + s.atMs),
          endMs: at(fromMs + Math.min(s.endMs, span)),
          sends: s.sends.filter((x) => x.atMs < span).map((x) => ({ ...x, atMs: at(fromMs + x.atMs) })),
        });
      }
    }
  });
  layerSteps.sort((a, b) => a.atMs - b.atMs);

  return {
    sequenceId: sequence.id,
    brand: sequence.brand,
    name: sequence.name,
    startMs,
    endMs,
    steps,
    zones: [...allZones].sort((a, b) => a - b),
    image: input.image ? { encoded: input.image.encoded, repeats: input.image.repeats, copies: preloadCopies(input.image.encoded, input.image.repeats) } : null,
    reveals,
    layers: { id: `brand-${sequence.id}`, name: `Brand: ${sequence.name}`, durationMs: endMs - layersFromMs, steps: layerSteps },
    layersFromMs,
  };
}
