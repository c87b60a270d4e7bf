/**
 * The band-state colour code in script, for the colour worker: the shader's
 * arithmetic (band-shader.ts) over the same packed state, with spec 2.4's formulas
 * from effect-math.ts. Writes RGBA words (little-endian: r is the low byte).
 */
import { TWO32, diffS32, wrapU32 } from '../band/clock';
import { SHAPE_RAINBOW, SHAPE_RAMP, SHAPE_SINE, SHAPE_SPARKLE, rainbowInto, sparkleHash } from '../band/effect-math';
import type { PackedBands } from './band-state-pack';

const rgb = new Uint8Array(3);

export function packedColorsAt(p: PackedBands, effects: Uint32Array, atMs: number, out: Uint32Array): void {
  const { band, bandF, layer, layerF } = p;
  for (let i = 0; i < p.count; i++) {
    const flags = band[2 * i + 1];
    if ((flags & (1 << 25)) === 0) {
      out[i] = 0;
      continue;
    }
    if ((flags & (1 << 24)) === 0) {
      out[i] = 0xff000000;
      continue;
    }
    let t = atMs + atMs * bandF[2 * i + 1] + band[2 * i] + bandF[2 * i];
    if (t < 0 || t >= TWO32) t = wrapU32(t);
    let w = 8 * i;
    let start = layer[w] + layerF[4 * i];
    let lag = layerF[4 * i + 1];
    if ((layer[w + 5] & 0xff) !== 0) {
      const pending = layer[w + 4] + layerF[4 * i + 2];
      if (diffS32(t, pending) >= 0) {
        w += 4;
        start = pending;
        lag = layerF[4 * i + 3];
      }
    }
    const kindFrom = layer[w + 1];
    const to = layer[w + 2];
    const elapsed = diffS32(t, start);
    let r: number;
    let g: number;
    let b: number;
    if ((kindFrom & 0xff) !== 2) {
      const ms = layer[w + 3] & 0xffff;
      const f = ms === 0 ? 1 : elapsed <= 0 ? 0 : elapsed >= ms ? 1 : elapsed / ms;
      const fr = (kindFrom >>> 8) & 0xff;
      const fg = (kindFrom >>> 16) & 0xff;
      const fb = kindFrom >>> 24;
      r = Math.floor(fr + ((to & 0xff) - fr) * f + 0.5);
      g = Math.floor(fg + (((to >>> 8) & 0xff) - fg) * f + 0.5);
      b = Math.floor(fb + (((to >>> 16) & 0xff) - fb) * f + 0.5);
    } else {
      const e = 4 * ((layer[w + 3] >>> 16) - 1);
      const shape = effects[e];
      const c1 = effects[e + 1];
      const c2 = effects[e + 2];
      const u = elapsed / effects[e + 3] - lag;
      const ph = u - Math.floor(u);
      const r1 = c1 & 0xff, g1 = (c1 >>> 8) & 0xff, b1 = (c1 >>> 16) & 0xff;
      const r2 = c2 & 0xff, g2 = (c2 >>> 8) & 0xff, b2 = (c2 >>> 16) & 0xff;
      if (shape === SHAPE_SINE || shape === SHAPE_RAMP) {
        const wt = shape === SHAPE_SINE ? 0.5 - 0.5 * Math.cos(2 * Math.PI * ph) : ph;
        r = Math.floor(r2 + (r1 - r2) * wt + 0.5);
        g = Math.floor(g2 + (g1 - g2) * wt + 0.5);
        b = Math.floor(b2 + (b1 - b2) * wt + 0.5);
      } else if (shape === SHAPE_RAINBOW) {
        rainbowInto(ph, Math.max(r1, g1, b1), rgb, 0);
        r = rgb[0];
        g = rgb[1];
        b = rgb[2];
      } else {
        const on = shape === SHAPE_SPARKLE ? sparkleHash(flags & 0xffff, Math.floor(u)) < 32 : ph < 0.5;
        r = on ? r1 : r2;
        g = on ? g1 : g2;
        b = on ? b1 : b2;
      }
    }
    const m = (flags >>> 16) & 0xff;
    if (m !== 255) {
      r = ((r * m) / 255) | 0;
      g = ((g * m) / 255) | 0;
      b = ((b * m) / 255) | 0;
    }
    out[i] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
  }
}
