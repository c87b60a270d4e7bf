/**
 * Chooses the one PixMob IR code a forwarder gets in each free slot (spec 5.4).
 *
 * An IR transmitter shows one look: every band in its beam takes every code.
 * The host samples that look and, slot by slot, sends what matters most:
 *   1. a change of colour: a cut (attack 0) after a still stretch or in a
 *      SQUARE, a glide (attack = the time to the next step) while the look
 *      moves smoothly, or the band's own fade for a COLOR whose fade is one of
 *      the band's times;
 *   2. a SPARKLE's new draw: the second colour to every band, then the first
 *      to the nearest share the band can pick at random (10 % for one in eight),
 *      at most once per 1/limit seconds;
 *   3. repeats of the last change (a band that missed a code gets it next slot);
 *   4. a refresh of the current colour when nothing went out for a while
 *      (bands walking into the beam, and the bands' own sleep after 60 s of quiet).
 * Every code is "show this colour and keep it" (release 0), so a band holds
 * the colour until the next code. Changes pass the flash-rate guard first: a
 * change that would go over the limit is held back and taken when the window
 * allows.
 */
import {
  PIXMOB_TIMES_MS,
  pixmobChanceKey,
  pixmobColour,
  pixmobTimeKey,
  type PixmobColorCommand,
  type Rgb,
} from '@crowdcue/protocol';
import { DeskFlashGuard } from '../inputs/desk/desk-flash-guard';
import type { ZoneMotion } from './xylo-zone-model';

export interface PixmobAirOptions {
  /** Lines per change (the first and its repeats), unless a newer change comes first. */
  repeats: number;
  /** Re-send the current colour after this long without a code, ms. */
  refreshMs: number;
  /** Flashes per second no band may exceed (the show's limit). */
  flashesPerSecond: number;
  /** Share of bands that show a SPARKLE's first colour, percent (the simulator's one in eight). */
  sparklePct: number;
}

export const PIXMOB_AIR_DEFAULTS: PixmobAirOptions = { repeats: 2, refreshMs: 1000, flashesPerSecond: 3, sparklePct: 12.5 };

/** What the look of the beam is at the moment a code sent now would land. */
export interface PixmobView {
  /** Colour with the master applied; undefined = the show has not addressed this zone (leave the bands alone). */
  rgb: Rgb | undefined;
  motion: ZoneMotion;
  asleep: boolean;
  /** A COLOR fade the band can run itself: its end colour and exact time key, until when it runs. */
  nativeFade?: { rgb: Rgb; attack: number; untilMs: number };
  sparkle?: { c1: Rgb; c2: Rgb; period: number };
}

export type PixmobCodeKind = 'cut' | 'glide' | 'fade' | 'sparkle' | 'repeat' | 'refresh' | 'sleep';

export interface PixmobOutput {
  kind: PixmobCodeKind;
  command: PixmobColorCommand;
}

const same = (a: Rgb | undefined, b: Rgb | undefined): boolean => !!a && !!b && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

const BLACK: Rgb = [0, 0, 0];

const code = (rgb: Rgb, attack = 0, chance = 0): PixmobColorCommand => ({ kind: 'color', rgb, attack, sustain: 0, release: 0, chance, group: 0 });

export class PixmobAirQueue {
  readonly options: PixmobAirOptions;
  private readonly guard: DeskFlashGuard;
  /** The colour every band in the beam was last told (undefined: nothing trusted). */
  private told: Rgb | undefined;
  private lastCode: PixmobColorCommand | undefined;
  private repeatsLeft = 0;
  private lastAirMs = -Infinity;
  private fadeSentFor: string | undefined;
  private sparklePeriod: number | undefined;
  private lastDrawMs = -Infinity;
  private pendingSparkle: PixmobColorCommand | undefined;
  private slept = false;
  /** Slots in which a change was held back by the flash limit. */
  heldBack = 0;

  constructor(options: Partial<PixmobAirOptions> = {}) {
    this.options = { ...PIXMOB_AIR_DEFAULTS, ...options };
    this.guard = new DeskFlashGuard(this.options.flashesPerSecond);
    // Bands start dark, so the first colour is judged against black (as the show check does).
    this.guard.allow(0, BLACK, -Infinity);
  }

  /** After a reconnect nothing the bands were told is trusted. */
  forget(): void {
    this.told = undefined;
    this.lastCode = undefined;
    this.repeatsLeft = 0;
    this.fadeSentFor = undefined;
    this.sparklePeriod = undefined;
    this.pendingSparkle = undefined;
    this.slept = false;
  }

  /** Codes still to go for what is known now (health's queue depth). */
  get depth(): number {
    return this.repeatsLeft + (this.pendingSparkle ? 1 : 0);
  }

  /**
   * The code for the slot starting now, if any. `stepMs` is how far apart
   * slots are (a glide lasts about one step). `changeDue`: a planned change
   * lands within the slot, so a repeat, a refresh or a glide of the look it
   * replaces would only delay it.
   */
  next(nowMs: number, view: PixmobView, stepMs: number, changeDue = false): PixmobOutput | undefined {
    const out = this.choose(nowMs, view, stepMs, changeDue);
    if (out) {
      this.lastAirMs = nowMs;
      if (out.kind === 'repeat' || out.kind === 'refresh') {
        this.repeatsLeft = Math.max(0, this.repeatsLeft - 1);
      } else {
        this.lastCode = out.command;
        // A sparkle draw is not repeated: a repeat would draw again.
        this.repeatsLeft = out.kind === 'sparkle' ? 0 : this.options.repeats - 1;
      }
    }
    return out;
  }

  private choose(nowMs: number, view: PixmobView, stepMs: number, changeDue: boolean): PixmobOutput | undefined {
    if (view.rgb === undefined) return undefined;

    if (view.asleep) {
      // Dark, told like any change; then quiet, so the bands go to their own sleep.
      if (!this.slept) {
        this.slept = true;
        this.told = BLACK;
        this.guard.allow(0, BLACK, nowMs);
        return { kind: 'sleep', command: code(BLACK) };
      }
      return this.repeatsLeft > 0 && this.lastCode ? { kind: 'repeat', command: this.lastCode } : undefined;
    }
    this.slept = false;

    if (this.pendingSparkle) {
      const c = this.pendingSparkle;
      this.pendingSparkle = undefined;
      return { kind: 'sparkle', command: c };
    }

    const change = view.sparkle ? this.sparkle(nowMs, view.sparkle) : this.change(nowMs, view, stepMs, changeDue);
    if (change) return change;
    if (changeDue) return undefined;

    if (this.repeatsLeft > 0 && this.lastCode) return { kind: 'repeat', command: this.lastCode };
    // No refresh during a SPARKLE: it would put the sparkling bands back to the second colour.
    if (this.told && !view.sparkle && nowMs - this.lastAirMs >= this.options.refreshMs) {
      return { kind: 'refresh', command: code(this.told) };
    }
    return undefined;
  }

  private sparkle(nowMs: number, s: NonNullable<PixmobView['sparkle']>): PixmobOutput | undefined {
    this.fadeSentFor = undefined;
    if (s.period === this.sparklePeriod) return undefined;
    // A band drawn in two draws running shows the second colour for one slot in between: a
    // flash. Drawing at most once per 1/limit seconds keeps even that band within the limit.
    if (nowMs - this.lastDrawMs < 1000 / this.options.flashesPerSecond) return undefined;
    this.lastDrawMs = nowMs;
    const base = pixmobColour(s.c2);
    const spark = pixmobColour(s.c1);
    this.sparklePeriod = s.period;
    // The beam's colour is the second one; the few that sparkle change once a period, like a band in the simulator.
    this.guard.allow(0, base, nowMs);
    this.told = base;
    // Every band to the second colour, then the first to a random share of them.
    this.pendingSparkle = same(base, spark) ? undefined : code(spark, 0, pixmobChanceKey(this.options.sparklePct));
    return { kind: 'cut', command: code(base) };
  }

  private change(nowMs: number, view: PixmobView, stepMs: number, changeDue: boolean): PixmobOutput | undefined {
    this.sparklePeriod = undefined;
    const fade = view.nativeFade;
    if (fade && nowMs < fade.untilMs) {
      const target = pixmobColour(fade.rgb);
      const key = `${fade.untilMs}:${target.join(',')}:${fade.attack}`;
      // Once sent, the band fades by itself: nothing to step.
      if (this.fadeSentFor === key) return undefined;
      if (!this.guard.allow(0, target, nowMs)) {
        this.heldBack++;
        return undefined;
      }
      this.fadeSentFor = key;
      this.told = target;
      return { kind: 'fade', command: code(target, fade.attack) };
    }
    this.fadeSentFor = undefined;
    const want = pixmobColour(view.rgb ?? BLACK);
    if (same(want, this.told)) return undefined;
    const gliding = view.motion === 'smooth' && this.told !== undefined;
    if (gliding && changeDue) return undefined;
    if (!this.guard.allow(0, want, nowMs)) {
      this.heldBack++;
      return undefined;
    }
    this.told = want;
    return gliding ? { kind: 'glide', command: code(want, glideKey(stepMs)) } : { kind: 'cut', command: code(want) };
  }
}

/** The band's fade time nearest to one step, but never 0 (a glide must glide). */
function glideKey(stepMs: number): number {
  return Math.max(1, Math.min(PIXMOB_TIMES_MS.length - 1, pixmobTimeKey(stepMs)));
}
