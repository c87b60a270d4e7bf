/**
 * Canvas 2D fallback for browsers without WebGL2: the same dots, rasterised in
 * script into one ImageData and put with a single putImageData.
 */
import type { DotStyle, Painter } from './painter';
import { discStamp, placeDots, rasterDots, type DeviceAffine, type DiscStamp } from './raster-dots';
import type { ViewTransform } from './view-transform';

export function createCanvasPainter(canvas: HTMLCanvasElement): Painter {
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('crowd view: this browser offers neither WebGL2 nor a Canvas 2D context');
  let pos = new Float32Array(0);
  let count = 0;
  let image: ImageData | null = null;
  let stamp: DiscStamp | null = null;
  let placed = new Int32Array(0);
  // The view placeDots last ran for; positions change only on pan, zoom, resize or a new crowd.
  let placedFor = '';

  return {
    kind: 'canvas2d',
    info: 'Canvas 2D',
    setPositions(x, y, n) {
      count = n;
      placed = new Int32Array(n);
      placedFor = '';
      pos = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        pos[2 * i] = x[i];
        pos[2 * i + 1] = y[i];
      }
    },
    draw(colors, view: ViewTransform, dpr, style: DotStyle) {
      const w = canvas.width;
      const h = canvas.height;
      if (!image || image.width !== w || image.height !== h) image = ctx.createImageData(w, h);
      // Stamps are cached per radius, rounded to a quarter pixel so zooming doesn't rebuild every frame.
      const radius = Math.round(style.radiusPx * 4) / 4;
      if (!stamp || stamp.radius !== radius) stamp = discStamp(radius);
      const s = view.scale * dpr;
      const to: DeviceAffine = { sx: s, sy: s, ox: (view.width / 2 - view.cx * view.scale) * dpr, oy: (view.height / 2 - view.cy * view.scale) * dpr };
      const key = `${to.sx} ${to.ox} ${to.oy} ${w} ${h} ${stamp.reach}`;
      if (key !== placedFor) {
        placeDots(pos, count, to, stamp.reach, w, h, placed);
        placedFor = key;
      }
      rasterDots(image, placed, pos, colors, count, to, stamp, style.background, style.unlit);
      ctx.putImageData(image, 0, 0);
    },
    resize(width, height) {
      canvas.width = width;
      canvas.height = height;
      image = null;
    },
    destroy() {
      image = null;
    },
  };
}
