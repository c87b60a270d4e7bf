/**
 * Where a placed logo sits on the seat map, in the controller's own terms
 * (rasterise-logo): x, y and scale are shares of the covered seats' bounding
 * box (the whole venue when no zones are named), and at scale 1 the logo's
 * box is that bounding box. The editor draws this box over the crowd and turns
 * drags on it back into a placement.
 */
import type { LogoPlacement } from '@crowdcue/protocol';

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface SeatPoints {
  /** Venue coordinates per seat, and each seat's zone. */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  zone: ArrayLike<number>;
}

/** The bounding box of the seats in `zones` (every seat when undefined); null when none is covered. */
export function coveredBounds(seats: SeatPoints, zones?: readonly number[]): Bounds | null {
  const want = zones ? new Set(zones) : null;
  let b: Bounds | null = null;
  for (let i = 0; i < seats.x.length; i++) {
    if (want && !want.has(seats.zone[i])) continue;
    const x = seats.x[i];
    const y = seats.y[i];
    if (!b) b = { minX: x, minY: y, maxX: x, maxY: y };
    else {
      if (x < b.minX) b.minX = x;
      if (x > b.maxX) b.maxX = x;
      if (y < b.minY) b.minY = y;
      if (y > b.maxY) b.maxY = y;
    }
  }
  return b;
}

/** The logo's box in venue coordinates: centre and size. */
export function logoBox(b: Bounds, p: Pick<LogoPlacement, 'x' | 'y' | 'scale'>): { cx: number; cy: number; w: number; h: number } {
  const w = b.maxX - b.minX;
  const h = b.maxY - b.minY;
  return { cx: b.minX + p.x * w, cy: b.minY + p.y * h, w: w * p.scale, h: h * p.scale };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number, step: number) => Math.round(v / step) * step;

/** The placement with the logo's centre moved to venue point (vx, vy), kept on the covered seats. */
export function moveTo(p: LogoPlacement, b: Bounds, vx: number, vy: number): LogoPlacement {
  const w = Math.max(b.maxX - b.minX, 1e-9);
  const h = Math.max(b.maxY - b.minY, 1e-9);
  return { ...p, x: round(clamp((vx - b.minX) / w, 0, 1), 0.001), y: round(clamp((vy - b.minY) / h, 0, 1), 0.001) };
}

/** Scale limits: a logo smaller than a few seats shows nothing; above 10 it is a crop of one corner. */
export const SCALE_MIN = 0.05;
export const SCALE_MAX = 10;

/**
 * The placement scaled so that the box's corner lands at venue point (vx, vy):
 * the scale is the larger of the two axes' ratios, so the corner follows the
 * pointer whichever way it is dragged.
 */
export function scaleToCorner(p: LogoPlacement, b: Bounds, vx: number, vy: number): LogoPlacement {
  const box = logoBox(b, p);
  const w = Math.max(b.maxX - b.minX, 1e-9);
  const h = Math.max(b.maxY - b.minY, 1e-9);
  const s = Math.max((2 * Math.abs(vx - box.cx)) / w, (2 * Math.abs(vy - box.cy)) / h);
  return { ...p, scale: round(clamp(s, SCALE_MIN, SCALE_MAX), 0.01) };
}

/** A straight-line map from venue to screen coordinates on one axis, fitted on two seats far apart. */
export interface AxisMap {
  scale: number;
  offset: number;
}

/**
 * How the crowd view draws venue coordinates on screen, read off the view
 * itself (the seats with the smallest and largest x and y): the overlay then
 * matches whatever fit, aspect and flip the renderer uses.
 */
export function fitScreenMap(seats: SeatPoints, screenOf: (i: number) => readonly [number, number]): { x: AxisMap; y: AxisMap } | null {
  const n = seats.x.length;
  if (n < 2) return null;
  let ix0 = 0;
  let ix1 = 0;
  let iy0 = 0;
  let iy1 = 0;
  for (let i = 1; i < n; i++) {
    if (seats.x[i] < seats.x[ix0]) ix0 = i;
    if (seats.x[i] > seats.x[ix1]) ix1 = i;
    if (seats.y[i] < seats.y[iy0]) iy0 = i;
    if (seats.y[i] > seats.y[iy1]) iy1 = i;
  }
  const axis = (v0: number, v1: number, s0: number, s1: number): AxisMap => {
    const scale = v1 !== v0 ? (s1 - s0) / (v1 - v0) : 1;
    return { scale, offset: s0 - v0 * scale };
  };
  return {
    x: axis(seats.x[ix0], seats.x[ix1], screenOf(ix0)[0], screenOf(ix1)[0]),
    y: axis(seats.y[iy0], seats.y[iy1], screenOf(iy0)[1], screenOf(iy1)[1]),
  };
}
