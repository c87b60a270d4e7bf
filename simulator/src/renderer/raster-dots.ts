/**
 * Software rasteriser for the Canvas 2D fallback: stamps one soft disc per band
 * straight into an RGBA pixel buffer. One putImageData per frame beats 100,000
 * fillStyle/fillRect calls by far, and it is pure, so it is tested in Node.
 */
import type { Rgb } from './painter';

export interface RasterTarget {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** device pixel = world * scale + offset, per axis. */
export interface DeviceAffine {
  sx: number;
  sy: number;
  ox: number;
  oy: number;
}

/** Pixel offsets and coverage (0..255) of a disc of a given radius. */
export interface DiscStamp {
  radius: number;
  /** Half-extent in whole pixels. */
  reach: number;
  dx: Int32Array;
  dy: Int32Array;
  cover: Uint8Array;
}

/**
 * The WebGL painter's dot, in pixels: full colour out to radius - 0.5, fading
 * to nothing at radius + 0.5 (a smoothstep), so both painters draw alike.
 */
export function discStamp(radius: number): DiscStamp {
  const r = Math.max(0.5, radius);
  const reach = Math.ceil(r + 0.5);
  const dx: number[] = [];
  const dy: number[] = [];
  const cover: number[] = [];
  for (let j = -reach; j <= reach; j++) {
    for (let i = -reach; i <= reach; i++) {
      const t = Math.min(1, Math.max(0, Math.hypot(i, j) - (r - 0.5)));
      const c = i === 0 && j === 0 ? 255 : Math.round(255 * (1 - t * t * (3 - 2 * t)));
      if (c > 0) {
        dx.push(i);
        dy.push(j);
        cover.push(c);
      }
    }
  }
  return { radius, reach, dx: Int32Array.from(dx), dy: Int32Array.from(dy), cover: Uint8Array.from(cover) };
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/*
 * Pixels are handled as signed 32-bit words (an Int32Array over the RGBA
 * bytes) and blend weights are 7-bit, so every intermediate stays a small
 * integer for the JIT instead of spilling into doubles above 2^31.
 */

/** An opaque pixel as one 32-bit word of the RGBA byte buffer. */
function pack(r: number, g: number, b: number): number {
  return littleEndian ? (255 << 24) | (b << 16) | (g << 8) | r : (r << 24) | (g << 16) | (b << 8) | 255;
}

/** Blends packed `src` over packed `dst` by a/128, two channels per multiply (either byte order). */
function blend(dst: number, src: number, a: number): number {
  const na = 128 - a;
  const rb = (((src & 0xff00ff) * a + (dst & 0xff00ff) * na) >> 7) & 0xff00ff;
  const ga = ((((src >>> 8) & 0xff00ff) * a + ((dst >>> 8) & 0xff00ff) * na) >> 7) & 0xff00ff;
  return rb | (ga << 8);
}

/** A dot's centre fully inside the buffer is its pixel index (>= 0); these mark the others. */
export const DOT_CULLED = -1;
export const DOT_CLIPPED = -2;

/**
 * Where each dot lands for a given view: its centre pixel index when the whole
 * stamp fits, DOT_CLIPPED when it straddles an edge, DOT_CULLED when it is off
 * the buffer. Depends only on the view, so it is computed once per pan/zoom,
 * not per frame.
 */
export function placeDots(pos: Float32Array, count: number, to: DeviceAffine, reach: number, w: number, h: number, out: Int32Array): void {
  const { sx, sy, ox, oy } = to;
  for (let i = 0; i < count; i++) {
    const cx = Math.floor(pos[2 * i] * sx + ox);
    const cy = Math.floor(pos[2 * i + 1] * sy + oy);
    if (cx + reach < 0 || cy + reach < 0 || cx - reach >= w || cy - reach >= h) out[i] = DOT_CULLED;
    else if (cx - reach >= 0 && cy - reach >= 0 && cx + reach < w && cy + reach < h) out[i] = cy * w + cx;
    else out[i] = DOT_CLIPPED;
  }
}

/**
 * Clears to `background` and draws bands 0..count-1 in their RGBA `colors`
 * where `placed` (from placeDots with the same view and stamp) puts them;
 * alpha 0 bands (empty seats) are skipped.
 */
export function rasterDots(
  target: RasterTarget,
  placed: Int32Array,
  pos: Float32Array,
  colors: Uint8Array,
  count: number,
  to: DeviceAffine,
  stamp: DiscStamp,
  background: Rgb,
  unlit: Rgb,
): void {
  const { data, width: w, height: h } = target;
  const px32 = new Int32Array(data.buffer, data.byteOffset, w * h);
  px32.fill(pack(background[0], background[1], background[2]));
  const { dx, dy, cover } = stamp;
  const n = cover.length;
  // Stamp offsets as whole-buffer steps, for dots that sit fully inside.
  const step = new Int32Array(n);
  for (let k = 0; k < n; k++) step[k] = dy[k] * w + dx[k];
  // Coverage 1..255 as a blend weight out of 128 (128 = solid).
  const weight = new Uint8Array(n);
  for (let k = 0; k < n; k++) weight[k] = cover[k] === 255 ? 128 : Math.max(1, Math.round((cover[k] * 128) / 255));
  const [ur, ug, ub] = unlit;
  const inv255 = 1 / 255;
  for (let i = 0; i < count; i++) {
    const c = i << 2;
    const centre = placed[i];
    if (centre === DOT_CULLED || colors[c + 3] === 0) continue;
    let r = colors[c];
    let g = colors[c + 1];
    let b = colors[c + 2];
    const dark = 1 - (r > g ? (r > b ? r : b) : g > b ? g : b) * inv255;
    if (dark > 0) {
      r = Math.min(255, (r + ur * dark + 0.5) | 0);
      g = Math.min(255, (g + ug * dark + 0.5) | 0);
      b = Math.min(255, (b + ub * dark + 0.5) | 0);
    }
    const solid = pack(r, g, b);
    if (centre >= 0) {
      for (let k = 0; k < n; k++) {
        const p = centre + step[k];
        const a = weight[k];
        px32[p] = a === 128 ? solid : blend(px32[p], solid, a);
      }
    } else {
      const cx = Math.floor(pos[2 * i] * to.sx + to.ox);
      const cy = Math.floor(pos[2 * i + 1] * to.sy + to.oy);
      for (let k = 0; k < n; k++) {
        const x = cx + dx[k];
        const y = cy + dy[k];
        if (x < 0 || y < 0 || x >= w || y >= h) continue;
        const p = y * w + x;
        const a = weight[k];
        px32[p] = a === 128 ? solid : blend(px32[p], solid, a);
      }
    }
  }
}
