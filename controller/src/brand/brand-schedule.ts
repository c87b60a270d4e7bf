/**
 * When and where a brand sequence plays, and whether it collides with another.
 * Slots are compared within one kind of schedule: wall-clock slots by their
 * time, show-time slots by show ms, cue slots when they hang on the same cue.
 * A wall-clock slot and a show-time slot cannot be compared before the show
 * runs (its start is not known): the operator's approval is the check there.
 */
import { type BrandSequence, compileParade, type Parade, type Show, slotText } from '@crowdcue/protocol';
import { coveredSeats, zonesOf, type SeatMap } from './seat-map';

export interface SlotSpan {
  kind: 'wallClock' | 'showTime' | 'cue';
  /** Slots compare only with the same key: 'wall', 'show', or 'cue:<id>'. */
  key: string;
  fromMs: number;
  untilMs: number;
}

export function sequenceDurationMs(seq: Pick<BrandSequence, 'steps'>): number {
  return seq.steps.reduce((s, step) => s + step.duration, 0);
}

export function slotSpan(seq: Pick<BrandSequence, 'schedule' | 'steps'>): SlotSpan | null {
  const s = seq.schedule;
  if (!s) return null;
  const d = sequenceDurationMs(seq);
  if ('wallClock' in s) {
    const from = Date.parse(s.wallClock);
    return { kind: 'wallClock', key: 'wall', fromMs: from, untilMs: from + d };
  }
  if ('showTime' in s) return { kind: 'showTime', key: 'show', fromMs: s.showTime, untilMs: s.showTime + d };
  return { kind: 'cue', key: `cue:${s.cue}`, fromMs: 0, untilMs: d };
}

export interface ZoneContext {
  map: SeatMap;
  venueZones: readonly number[];
  parades: readonly Parade[];
}

/** Zones a sequence changes: the logo's covered seats (every zone without a logo) and its parades' zones. */
export function sequenceZones(seq: Pick<BrandSequence, 'logo' | 'steps'>, ctx: ZoneContext): number[] {
  const zones = new Set<number>(seq.logo ? zonesOf(ctx.map, coveredSeats(ctx.map, seq.logo)) : ctx.venueZones);
  for (const step of seq.steps) {
    if (step.kind !== 'parade') continue;
    const parade = ctx.parades.find((p) => p.id === step.parade);
    if (!parade) continue;
    const compiled = compileParade(parade, { venueZones: [...ctx.venueZones] });
    if (!compiled.ok) continue;
    for (const s of compiled.value.steps) for (const z of s.zones === 'ALL' ? ctx.venueZones : s.zones) zones.add(z);
  }
  return [...zones].sort((a, b) => a - b);
}

export interface Conflict {
  other: BrandSequence;
  zones: number[];
  span: SlotSpan;
}

/** The first other scheduled sequence whose slot overlaps this one's on a shared zone. */
export function findConflict(seq: BrandSequence, others: readonly BrandSequence[], ctx: ZoneContext, only?: (o: BrandSequence) => boolean): Conflict | null {
  const mine = slotSpan(seq);
  if (!mine) return null;
  const myZones = sequenceZones(seq, ctx);
  for (const other of others) {
    if (other.id === seq.id || (only && !only(other))) continue;
    const span = slotSpan(other);
    if (!span || span.key !== mine.key) continue;
    if (!(span.fromMs < mine.untilMs && mine.fromMs < span.untilMs)) continue;
    const theirs = new Set(sequenceZones(other, ctx));
    const shared = myZones.filter((z) => theirs.has(z));
    if (shared.length > 0) return { other, zones: shared, span };
  }
  return null;
}

/**
 * A slot in words, a start and a length (`starts on cue 4 “Chorus”, lasts 12 s`):
 * the protocol's brand-words say it, so the console and the server agree.
 * `show` names a cue slot's cue by its number and label.
 */
export function describeSpan(span: SlotSpan, show?: Pick<Show, 'cueLists'>): string {
  if (span.kind !== 'cue') return slotText(span);
  const id = span.key.slice('cue:'.length);
  const cue = show?.cueLists.flatMap((l) => l.cues).find((c) => c.id === id);
  return slotText({ ...span, cue: { id, ...(cue ? { number: cue.number, label: cue.label || undefined } : {}) } });
}
