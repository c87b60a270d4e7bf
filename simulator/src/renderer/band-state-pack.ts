/**
 * The crowd model's band state in the flat layout the renderer's colour code reads
 * (the WebGL2 shader as vertex attributes, the colour worker from shared memory).
 * Packed per seat range when a packet arrives, never per frame.
 *
 * Band clocks are u32 milliseconds with a fraction; a 32-bit float cannot hold one, so
 * every clock reading is split into a u32 whole part and a float fraction, and the
 * colour code does the wrap-around arithmetic in 32-bit integers (spec 2.1).
 *
 * Per seat i:
 * - band  (u32 x 2): offset whole ms; pixel | master << 16 | awake << 24 | present << 25
 * - bandF (f32 x 2): offset fraction; drift (rate - 1)
 * - layer (u32 x 8): base then pending layer, each: start whole ms; kind | from rgb << 8;
 *   to rgb; fade_ms | (effect index + 1) << 16
 * - layerF (f32 x 4): base start fraction, base lag, pending start fraction, pending lag
 * Effects (u32 x 4 each): shape; c1 rgb; c2 rgb; period_ms.
 */
import type { CrowdBandState, EffectEntry } from '../crowd/crowd';
import { wrapU32 } from '../band/clock';

export type { CrowdBandState, EffectEntry };

/** A crowd whose colours a renderer can evaluate itself (the simulator's Crowd). */
export interface BandStateSource {
  bandState(): CrowdBandState;
  /** See Crowd.watch. */
  watch(watcher: (lo: number, hi: number, effectsChanged: boolean) => void): () => void;
}

export function isBandStateSource(c: unknown): c is BandStateSource {
  const o = c as Partial<BandStateSource> | null;
  return !!o && typeof o.bandState === 'function' && typeof o.watch === 'function';
}

/** Largest effect table the layout can index (16 bits, 0 = none). */
export const MAX_EFFECTS = 0xfffe;

export interface PackedBands {
  count: number;
  band: Uint32Array;
  bandF: Float32Array;
  layer: Uint32Array;
  layerF: Float32Array;
}

/** Typed arrays for `count` seats, on `alloc`'s buffers (an ArrayBuffer, or shared memory for a worker). */
export function allocPackedBands(count: number, alloc: (bytes: number) => ArrayBufferLike = (b) => new ArrayBuffer(b)): PackedBands {
  const n = Math.max(1, count);
  return {
    count,
    band: new Uint32Array(alloc(8 * n)),
    bandF: new Float32Array(alloc(8 * n)),
    layer: new Uint32Array(alloc(32 * n)),
    layerF: new Float32Array(alloc(16 * n)),
  };
}

/** Writes seats lo..hi (inclusive) of `s` into `p`. */
export function packBands(s: CrowdBandState, p: PackedBands, lo: number, hi: number): void {
  const N = s.count;
  const { band, bandF, layer, layerF } = p;
  const { present, awake, master, pixel, rate, offset, kind, start, fadeMs, from, to, fxIndex, lag } = s;
  for (let i = lo; i <= hi; i++) {
    const o = offset[i];
    const whole = Math.floor(o);
    band[2 * i] = wrapU32(whole);
    band[2 * i + 1] = (pixel[i] | (master[i] << 16) | (awake[i] << 24) | (present[i] << 25)) >>> 0;
    bandF[2 * i] = o - whole;
    bandF[2 * i + 1] = rate[i] - 1;
    for (let l = 0; l < 2; l++) {
      const j = i + l * N;
      const st = start[j];
      const stWhole = Math.floor(st);
      const c = 3 * j;
      const w = 8 * i + 4 * l;
      layer[w] = wrapU32(stWhole);
      layer[w + 1] = (kind[j] | (from[c] << 8) | (from[c + 1] << 16) | (from[c + 2] << 24)) >>> 0;
      layer[w + 2] = to[c] | (to[c + 1] << 8) | (to[c + 2] << 16);
      layer[w + 3] = (Math.min(0xffff, fadeMs[j]) | ((fxIndex[j] + 1) << 16)) >>> 0;
      layerF[4 * i + 2 * l] = st - stWhole;
      layerF[4 * i + 2 * l + 1] = lag[j];
    }
  }
}

/** The effect table as u32 x 4 per effect. */
export function packEffects(effects: readonly EffectEntry[], out?: Uint32Array): Uint32Array {
  if (effects.length > MAX_EFFECTS) throw new RangeError(`crowd view: ${effects.length} effects in use, the renderer indexes at most ${MAX_EFFECTS}`);
  const t = out && out.length >= 4 * effects.length ? out : new Uint32Array(Math.max(4, 4 * effects.length));
  effects.forEach((e, k) => {
    t[4 * k] = e.shape;
    t[4 * k + 1] = e.r1 | (e.g1 << 8) | (e.b1 << 16);
    t[4 * k + 2] = e.r2 | (e.g2 << 8) | (e.b2 << 16);
    t[4 * k + 3] = e.periodMs;
  });
  return t;
}

/** A show time as u32 whole ms (wrapped) and fraction, as the colour code takes it. */
export function splitTime(atMs: number): { whole: number; frac: number } {
  const whole = Math.floor(atMs);
  return { whole: wrapU32(whole), frac: atMs - whole };
}
