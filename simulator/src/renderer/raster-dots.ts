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

function pack(r: number, g: number, b: number): number {
  return littleEndian ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

/**
 * Clears to `background` and draws bands 0..count-1 at `pos` (x, y interleaved,
 * world units) in their RGBA `colors`; alpha 0 bands (empty seats) are skipped.
 */
export function rasterDots(
  target: RasterTarget,
  pos: Float32Array,
  colors: Uint8Array,
  count: number,
  to: DeviceAffine,
  stamp: DiscStamp,
  background: Rgb,
  unlit: Rgb,
): void {
  const { data, width: w, height: h } = target;
  const px32 = new Uint32Array(data.buffer, data.byteOffset, w * h);
  px32.fill(pack(background[0], background[1], background[2]));
  const { dx, dy, cover, reach } = stamp;
  const n = cover.length;
  const [ur, ug, ub] = unlit;
  for (let i = 0; i < count; i++) {
    const c = i * 4;
    if (colors[c + 3] === 0) continue;
    const cx = Math.floor(pos[2 * i] * to.sx + to.ox);
    const cy = Math.floor(pos[2 * i + 1] * to.sy + to.oy);
    if (cx + reach < 0 || cy + reach < 0 || cx - reach >= w || cy - reach >= h) continue;
    let r = colors[c];
    let g = colors[c + 1];
    let b = colors[c + 2];
    const dark = 1 - (r > g ? (r > b ? r : b) : g > b ? g : b) / 255;
    if (dark > 0) {
      r = Math.min(255, (r + ur * dark + 0.5) | 0);
      g = Math.min(255, (g + ug * dark + 0.5) | 0);
      b = Math.min(255, (b + ub * dark + 0.5) | 0);
    }
    const solid = pack(r, g, b);
    const inside = cx - reach >= 0 && cy - reach >= 0 && cx + reach < w && cy + reach < h;
    for (let k = 0; k < n; k++) {
      const x = cx + dx[k];
      const y = cy + dy[k];
      if (!inside && (x < 0 || y < 0 || x >= w || y >= h)) continue;
      const p = y * w + x;
      const a = cover[k];
      if (a === 255) {
        px32[p] = solid;
      } else {
        const q = p * 4;
        data[q] += ((r - data[q]) * a) >> 8;
        data[q + 1] += ((g - data[q + 1]) * a) >> 8;
        data[q + 2] += ((b - data[q + 2]) * a) >> 8;
      }
    }
  }
}
