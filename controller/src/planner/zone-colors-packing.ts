/**
 * Which zone groups go on air as ZONE_COLORS (spec 2.5) instead of one COLOR
 * each. A colour many zones share is cheapest as one COLOR with a ZONES mask;
 * a colour few zones have costs less as 3 or 4 bytes in a ZONE_COLORS packet
 * than as a packet of its own (radio overhead, header, mask, gap). For each
 * fade the planner tries every split by group size (groups of one size move
 * together) and keeps the one that holds the channel least, repeats included;
 * a tie keeps COLOR, and so does a lone colour (ZONE_COLORS is for different
 * colours side by side).
 */
import {
  ccbLength, zoneColorsArgBytes, zoneColorsCapacity, type CcbCommand, type CcbPacket, type CcbTarget, type Rgb, type ZoneColor, type ZoneColorsForm,
} from '@crowdcue/protocol';
import type { PlanColor } from './plan-look';
import type { ZoneGroup } from './zone-groups';

/** One ZONE_COLORS packet's worth: a fade shared by its entries, and each zone's look. */
export interface ZoneColorsPack {
  form: ZoneColorsForm;
  fadeMs: number;
  zones: ZoneColor[];
  looks: Map<number, PlanColor>;
}

export interface PackedLooks {
  /** Groups that keep one command each (COLOR to a mask or ALL, EFFECT, seat ranges). */
  groups: ZoneGroup[];
  packs: ZoneColorsPack[];
}

/** ms a packet of `rfLen` bytes keeps the channel (all its transmissions and gaps): the slowest transmitter's figure. */
export type HoldMs = (rfLen: number) => number;

const lenOf = (target: CcbTarget, command: CcbCommand) => ccbLength({ site: 0, seq: 1, target, ...command } as CcbPacket);

const RUN_MAX = zoneColorsCapacity('RUN');
const LIST_MAX = zoneColorsCapacity('LIST');
/** Bytes on air of a ZONE_COLORS (ALL target) with k entries, by form: tables, as the packing below asks often. */
const HEADER_ALL = lenOf({ kind: 'ALL' }, { cmd: 'WAKE' });
const RUN_LEN = Array.from({ length: RUN_MAX + 1 }, (_, k) => HEADER_ALL + zoneColorsArgBytes('RUN', k));
const LIST_LEN = Array.from({ length: LIST_MAX + 1 }, (_, k) => HEADER_ALL + zoneColorsArgBytes('LIST', k));

/**
 * Splits zones (ascending, one colour each) into ZONE_COLORS packets holding the
 * channel least: a dynamic programme over the sorted list, each packet a RUN
 * (consecutive zones) or a LIST.
 */
export function packZoneColors(entries: ReadonlyArray<[zone: number, rgb: Rgb]>, hold: HoldMs): { cost: number; packets: Array<{ form: ZoneColorsForm; zones: ZoneColor[] }> } {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  const n = sorted.length;
  const best = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1);
  const form: ZoneColorsForm[] = new Array<ZoneColorsForm>(n + 1).fill('LIST');
  best[0] = 0;
  const runHold = RUN_LEN.map(hold);
  const listHold = LIST_LEN.map(hold);
  for (let j = 1; j <= n; j++) {
    for (let i = j - 1; i >= 0 && j - i <= Math.max(RUN_MAX, LIST_MAX); i--) {
      const k = j - i;
      const consecutive = sorted[j - 1][0] - sorted[i][0] === k - 1;
      if (consecutive && k <= RUN_MAX && best[i] + runHold[k] < best[j]) {
        best[j] = best[i] + runHold[k];
        from[j] = i;
        form[j] = 'RUN';
      }
      if (k <= LIST_MAX && best[i] + listHold[k] < best[j]) {
        best[j] = best[i] + listHold[k];
        from[j] = i;
        form[j] = 'LIST';
      }
    }
  }
  const packets: Array<{ form: ZoneColorsForm; zones: ZoneColor[] }> = [];
  for (let j = n; j > 0; j = from[j]) {
    packets.unshift({ form: form[j], zones: sorted.slice(from[j], j).map(([z, c]): ZoneColor => [z, [...c] as Rgb]) });
  }
  return { cost: best[n], packets };
}

/** A group's own COLOR packet, bytes on air. */
function colorLen(g: ZoneGroup): number {
  return lenOf(g.target, { cmd: 'COLOR', rgb: [0, 0, 0], fadeMs: 0 });
}

/** Groups as the planner puts them on air: ZONE_COLORS where it holds the channel less than separate COLORs. */
export function packLooks(groups: readonly ZoneGroup[], holdMs: HoldMs): PackedLooks {
  const memo = new Map<number, number>();
  const hold: HoldMs = (len) => memo.get(len) ?? (memo.set(len, holdMs(len)), memo.get(len) as number);
  const kept: ZoneGroup[] = [];
  const byFade = new Map<number, ZoneGroup[]>();
  for (const g of groups) {
    if (g.look.kind !== 'color' || g.target.kind === 'PIXELS' || g.target.kind === 'ALL') kept.push(g);
    else byFade.set(g.look.fadeMs, [...(byFade.get(g.look.fadeMs) ?? []), g]);
  }
  const packs: ZoneColorsPack[] = [];
  for (const [fadeMs, colourGroups] of byFade) {
    // Smallest groups first: any split worth trying moves a prefix of this order into ZONE_COLORS.
    const order = [...colourGroups].sort((a, b) => a.zones.length - b.zones.length);
    const colorCost = order.map((g) => hold(colorLen(g)));
    let bestCost = colorCost.reduce((a, b) => a + b, 0);
    let bestSplit = 0;
    let bestPackets: ReturnType<typeof packZoneColors>['packets'] = [];
    // One colour is COLOR's job (every band firmware knows it): ZONE_COLORS only ever merges two or more.
    // Groups of one size move together (at most 11 sizes fit in 64 zones), so a GO stays a few ms of work.
    for (let s = 2; s <= order.length; s++) {
      if (s < order.length && order[s].zones.length === order[s - 1].zones.length) continue;
      const entries = order.slice(0, s).flatMap((g) => g.zones.map((z): [number, Rgb] => [z, (g.look as PlanColor).rgb]));
      const packed = packZoneColors(entries, hold);
      const cost = packed.cost + colorCost.slice(s).reduce((a, b) => a + b, 0);
      if (cost < bestCost) [bestCost, bestSplit, bestPackets] = [cost, s, packed.packets];
    }
    kept.push(...order.slice(bestSplit));
    const lookOf = new Map<number, PlanColor>();
    for (const g of order.slice(0, bestSplit)) for (const z of g.zones) lookOf.set(z, g.look as PlanColor);
    for (const p of bestPackets) packs.push({ ...p, fadeMs, looks: new Map(p.zones.map(([z]) => [z, lookOf.get(z) as PlanColor])) });
  }
  // Keep the groups in the order they came (the planner's batch order).
  kept.sort((a, b) => groups.indexOf(a) - groups.indexOf(b));
  return { groups: kept, packs };
}
