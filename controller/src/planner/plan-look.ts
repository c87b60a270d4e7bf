/**
 * A look as the planner handles it: a colour that lands with a fade, or an
 * effect placed in controller time. It becomes one CCB command; zones whose
 * looks give the same command share one packet.
 */
import type { CcbCommand, Look, Rgb } from '@crowdcue/protocol';
import type { StepEffect, StepLook } from '@crowdcue/protocol';
import { angleToDir } from '@crowdcue/protocol';
import type { BandClock } from './band-clock';

export type PlanColor = { kind: 'color'; rgb: Rgb; fadeMs: number };
export type PlanEffect = Omit<StepEffect, 'kind'> & { kind: 'effect'; /** controller ms the effect's cycle starts */ startMs: number };
export type PlanLook = PlanColor | PlanEffect;

const BLACK: Rgb = [0, 0, 0];
const FADE_MAX = 0xffff;

/** A show-file look at a cue: `startMs` is when the cue's looks land (GO + delay). */
export function planLookFromShow(look: Look, cueFadeMs: number, startMs: number): PlanLook {
  switch (look.kind) {
    case 'color':
      return { kind: 'color', rgb: look.color, fadeMs: Math.min(FADE_MAX, Math.round(look.fade ?? cueFadeMs)) };
    case 'off':
      return { kind: 'color', rgb: BLACK, fadeMs: Math.min(FADE_MAX, Math.round(look.fade ?? cueFadeMs)) };
    case 'effect':
      return {
        kind: 'effect',
        shape: look.shape,
        c1: look.colors[0],
        c2: look.colors[1],
        periodMs: look.period,
        axis: look.axis,
        dir: angleToDir(look.direction),
        spread: look.spread,
        startMs,
      };
  }
}

/** A parade step's look placed at `startMs`. */
export function planLookFromStep(look: StepLook, startMs: number): PlanLook {
  return look.kind === 'color' ? { ...look } : { ...look, startMs };
}

/** Same key = same command on air (zones with the same key share a packet). */
export function planLookKey(look: PlanLook): string {
  if (look.kind === 'color') return `C${look.rgb.join(',')}/${look.fadeMs}`;
  return `E${look.shape}/${look.c1.join(',')}/${look.c2.join(',')}/${look.periodMs}/${look.axis}/${look.dir}/${look.spread}/${Math.round(look.startMs)}`;
}

/**
 * The CCB command for a look. A colour's fade is what is left of it at
 * `landMs` (a refresh of a half-done fade carries the rest), measured from
 * `fadeFromMs` when given.
 */
export function planLookCommand(look: PlanLook, clock: BandClock, opts: { landMs?: number; fadeFromMs?: number } = {}): CcbCommand {
  if (look.kind === 'color') {
    let fadeMs = look.fadeMs;
    if (opts.fadeFromMs !== undefined && opts.landMs !== undefined) {
      fadeMs = Math.max(0, Math.round(opts.fadeFromMs + look.fadeMs - opts.landMs));
    }
    return { cmd: 'COLOR', rgb: look.rgb, fadeMs: Math.min(FADE_MAX, fadeMs) };
  }
  return {
    cmd: 'EFFECT',
    shape: look.shape,
    c1: look.c1,
    c2: look.c2,
    periodMs: Math.max(1, Math.min(0xffff, Math.round(look.periodMs))),
    axis: look.axis,
    dir: look.dir,
    spread: look.spread,
    startMs: clock.toBand(look.startMs),
  };
}
