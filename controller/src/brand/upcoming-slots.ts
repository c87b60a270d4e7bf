/**
 * The brand slots still ahead in the live show, and whether each will play,
 * said before its time. Precedence is the mixer's (mix-rank's SOURCE_LEVEL):
 * a zone held now by a source above brand slots (blackout, a busk, the safety
 * clamp) pre-empts the slot there. A slot on show time or on a cue needs the
 * show running (STOP drops them, PAUSE holds them: brand-runner).
 */
import type { BrandSequence, BrandSlotWhen, LookSource, UpcomingBrandSlot } from '@crowdcue/protocol';
import { SOURCE_LEVEL } from '../mixer/mix-rank';
import { sequenceDurationMs } from './brand-schedule';

export interface SlotOutlookInput {
  /** Approved sequences with a schedule. */
  sequences: readonly BrandSequence[];
  status: 'running' | 'paused' | 'stopped';
  /** The show's position now, show ms. */
  positionMs: number;
  wallNow: number;
  blackout: boolean;
  /** What each zone shows now and from which source (the mixer's answer). */
  zones: ReadonlyArray<{ zone: number; source: LookSource | null }>;
  zonesOf: (seq: BrandSequence) => readonly number[];
  cueName: (cueId: string) => string;
  /** How many slots to say (the nearest first). */
  limit?: number;
}

const list = (zones: readonly number[]) => (zones.length === 1 ? `zone ${zones[0]}` : `zones ${zones.join(', ')}`);

/** Sources above brand slots holding some of `zones` now, in the show's words. */
function aboveBrand(zones: readonly number[], held: SlotOutlookInput['zones']): string | undefined {
  const mine = new Set(zones);
  const bySource = new Map<LookSource, number[]>();
  for (const z of held) {
    if (!mine.has(z.zone) || z.source === null || SOURCE_LEVEL[z.source] <= SOURCE_LEVEL.brand) continue;
    bySource.set(z.source, [...(bySource.get(z.source) ?? []), z.zone]);
  }
  if (bySource.size === 0) return undefined;
  return [...bySource].map(([source, zs]) => `${source === 'safety' ? 'the safety clamp' : `a ${source}`} holds ${list(zs)}`).join('; ');
}

export function upcomingBrandSlots(input: SlotOutlookInput): UpcomingBrandSlot[] {
  const out: (UpcomingBrandSlot & { order: number })[] = [];
  for (const seq of input.sequences) {
    const s = seq.schedule;
    if (!seq.approved || !s) continue;
    const durationMs = sequenceDurationMs(seq);
    let when: BrandSlotWhen;
    let order: number;
    let playing = false;
    if ('wallClock' in s) {
      const at = Date.parse(s.wallClock);
      if (at + durationMs <= input.wallNow) continue;
      when = { kind: 'wallClock', atWall: at };
      order = at - input.wallNow;
      playing = at <= input.wallNow;
    } else if ('showTime' in s) {
      if (s.showTime + durationMs <= input.positionMs && input.status !== 'stopped') continue;
      when = { kind: 'showTime', atShowMs: s.showTime };
      order = s.showTime - input.positionMs;
      playing = s.showTime <= input.positionMs && input.status !== 'stopped';
    } else {
      when = { kind: 'cue', cue: s.cue, cueName: input.cueName(s.cue) };
      order = Number.MAX_SAFE_INTEGER;
    }
    const zones = [...input.zonesOf(seq)];
    const slot: UpcomingBrandSlot = { sequence: seq.id, name: seq.name, brand: seq.brand, when, durationMs, zones, outlook: playing ? 'playing' : 'will-play' };
    const needsShow = when.kind !== 'wallClock';
    const covered = aboveBrand(zones, input.zones);
    if (needsShow && input.status === 'stopped') {
      slot.outlook = 'will-not-play';
      slot.reason = 'the show is stopped';
    } else if (needsShow && input.status === 'paused') {
      slot.outlook = 'waits';
      slot.reason = 'the show is paused: it plays when the show runs on';
    } else if (input.blackout) {
      slot.outlook = 'pre-empted';
      slot.reason = 'blackout is on: its zones stay dark until it is lifted';
    } else if (covered !== undefined) {
      slot.outlook = 'pre-empted';
      slot.reason = `${covered}, above brand slots`;
    }
    out.push({ ...slot, order });
  }
  return out
    .sort((a, b) => a.order - b.order)
    .slice(0, input.limit ?? 5)
    .map(({ order: _order, ...slot }) => slot);
}
