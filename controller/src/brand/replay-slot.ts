/**
 * Replays what went on air around a brand slot through the simulator's bands,
 * with the RF model's loss, and measures what the crowd showed: the share of
 * the slot's seats showing the colours they should (the logo's, a wash's) every
 * `stepMs`, at the start, middle and end of the slot, how long at least half
 * of them did, and the crowd's colours at the middle (the report's snapshot).
 *
 * A fresh crowd hears the transmissions at the times they went on air, so
 * packets that never went out, went out late, or were overwritten by someone
 * else's show up exactly as the audience saw them.
 */
import { RfChannel, type Crowd, type RfTransmitterSpec } from '@crowdcue/simulator';
import { zonesOfPacket, type AirTransmission } from './slot-air';
import type { SeatExpectation } from './slot-expectation';

/** How far a band's colour may be from the one it should show, per channel (rounding in fades and master). */
export const COLOUR_TOLERANCE = 12;
/** A seat share at or above this counts as the slot showing. */
export const SHOWN_SHARE = 0.5;

export interface ReplayInput {
  /** A fresh crowd of the show's venue. */
  crowd: Crowd;
  transmitters: readonly RfTransmitterSpec[];
  /** Seed and captured transmissions (any order). */
  air: readonly AirTransmission[];
  expectations: readonly SeatExpectation[];
  /** The slot, controller ms. */
  fromMs: number;
  untilMs: number;
  /** Zones the slot changes: only packets that touch them (and ALL) are replayed. */
  zones: readonly number[];
  stepMs?: number;
  /** How long after a step starts (beyond its fade) and before the slot ends the start and end are measured, ms; default 200. */
  settleMs?: number;
  seed?: number;
}

export interface ShareAt {
  atMs: number;
  seats: number;
  share: number;
}

export interface SlotReplay {
  stepMs: number;
  /** Share per step from `fromMs` (null: nothing judged then). */
  shares: Array<number | null>;
  start: ShareAt;
  middle: ShareAt;
  end: ShareAt;
  /** Seats judged (the largest step's). */
  seats: number;
  /** Time at least half the seats showed it, and the judged span, ms. */
  shownMs: number;
  judgedMs: number;
  /** First and last moment it showed on at least half the seats (null: never). */
  firstShownMs: number | null;
  lastShownMs: number | null;
  maxShare: number;
  /** The crowd at the middle, RGBA per band. */
  middleRgba: Uint8Array;
}

export function replaySlot(input: ReplayInput): SlotReplay {
  const { crowd, fromMs, untilMs } = input;
  const stepMs = input.stepMs ?? 100;
  const settle = input.settleMs ?? 200;
  const span = Math.max(0, untilMs - fromMs);
  const zones = new Set(input.zones);
  const air = input.air.filter((t) => touches(t.rf, zones)).sort((a, b) => a.startMs - b.startMs);
  const known = new Set(input.transmitters.map((t) => t.id));
  const rf = new RfChannel(crowd, { transmitters: [...input.transmitters], seed: input.seed ?? 1 });
  const rgb = new Uint8Array(4 * crowd.count);
  let next = 0;
  // A radio sends one packet at a time: a send reported as starting before the last one ended (a late
  // send put out at once) went out after it, not over it, so it is not replayed as a collision.
  const freeAt = new Map<string, number>();
  const advance = (t: number) => {
    while (next < air.length && air[next].startMs <= t) {
      const a = air[next++];
      if (!known.has(a.transmitterId)) continue;
      const startMs = Math.max(a.startMs, freeAt.get(a.transmitterId) ?? -Infinity);
      const endMs = startMs + Math.max(0, a.endMs - a.startMs);
      freeAt.set(a.transmitterId, endMs);
      rf.transmit({ transmitterId: a.transmitterId, rf: a.rf, startMs, endMs });
    }
    rf.advanceTo(t);
  };
  const measure = (t: number): ShareAt | null => {
    const e = expectationAt(input.expectations, t);
    advance(t);
    crowd.colorsAt(t, rgb, 'rgba');
    if (!e) return null;
    let right = 0;
    for (let i = 0; i < crowd.count; i++) {
      if (!e.mask[i]) continue;
      const o = 4 * i;
      const x = 3 * i;
      if (
        Math.abs(rgb[o] - e.rgb[x]) <= COLOUR_TOLERANCE &&
        Math.abs(rgb[o + 1] - e.rgb[x + 1]) <= COLOUR_TOLERANCE &&
        Math.abs(rgb[o + 2] - e.rgb[x + 2]) <= COLOUR_TOLERANCE
      )
        right++;
    }
    return { atMs: t, seats: right, share: e.seats > 0 ? right / e.seats : 0 };
  };

  // The three points: after the first judged step has settled, the middle, and just before the end.
  const first = input.expectations.find((e) => e.untilMs > fromMs);
  const startAt = Math.min(fromMs + span / 4, Math.max(fromMs, first?.fromMs ?? fromMs) + (first?.fadeMs ?? 0) + settle);
  const middleAt = fromMs + span / 2;
  const endAt = Math.max(middleAt, untilMs - settle);
  const points = new Map<number, ShareAt | null>();
  const times = new Set<number>([startAt, middleAt, endAt]);
  const steps = Math.ceil(span / stepMs);
  const stepTime = (k: number) => Math.min(untilMs, fromMs + k * stepMs + stepMs / 2);
  for (let k = 0; k < steps; k++) times.add(stepTime(k));
  let middleRgba = new Uint8Array(4 * crowd.count);
  for (const t of [...times].sort((a, b) => a - b)) {
    points.set(t, measure(t));
    if (t === middleAt) middleRgba = rgb.slice();
  }
  const none = (atMs: number): ShareAt => ({ atMs, seats: 0, share: 0 });
  const shares: Array<number | null> = [];
  let shownMs = 0;
  let judgedMs = 0;
  let firstShownMs: number | null = null;
  let lastShownMs: number | null = null;
  let maxShare = 0;
  for (let k = 0; k < steps; k++) {
    const p = points.get(stepTime(k)) ?? null;
    shares.push(p ? p.share : null);
    if (!p) continue;
    const width = Math.min(stepMs, untilMs - (fromMs + k * stepMs));
    judgedMs += width;
    maxShare = Math.max(maxShare, p.share);
    if (p.share >= SHOWN_SHARE) {
      shownMs += width;
      firstShownMs ??= fromMs + k * stepMs;
      lastShownMs = fromMs + k * stepMs + width;
    }
  }
  const seats = Math.max(0, ...input.expectations.map((e) => e.seats));
  return {
    stepMs,
    shares,
    start: points.get(startAt) ?? none(startAt),
    middle: points.get(middleAt) ?? none(middleAt),
    end: points.get(endAt) ?? none(endAt),
    seats,
    shownMs,
    judgedMs,
    firstShownMs,
    lastShownMs,
    maxShare,
    middleRgba,
  };
}

function expectationAt(list: readonly SeatExpectation[], t: number): SeatExpectation | undefined {
  return list.find((e) => t >= e.fromMs && t < e.untilMs) ?? list.find((e) => t === e.untilMs);
}

function touches(rf: Uint8Array, zones: ReadonlySet<number>): boolean {
  const z = zonesOfPacket(rf);
  if (z === null) return false;
  return z === 'ALL' || z.some((x) => zones.has(x));
}
