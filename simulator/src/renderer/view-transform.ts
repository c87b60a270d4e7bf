/**
 * The camera over the venue: which world point (seat coordinates, 0..255) is at
 * the canvas centre and how many CSS pixels one world unit spans. Pan and zoom
 * change it; the painters read it as a clip-space affine transform.
 */
export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export class ViewTransform {
  /** World point at the canvas centre. */
  cx = 128;
  cy = 128;
  /** CSS pixels per world unit. */
  scale = 1;
  /** Canvas size in CSS pixels. */
  width = 1;
  height = 1;
  /** True once the user panned or zoomed: a resize then keeps their view instead of refitting. */
  userMoved = false;
  private fitScale = 1;

  setSize(width: number, height: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
  }

  /** Frames the bounds with a margin of `pad` world units on every side. */
  fit(b: Bounds, pad = 4): void {
    const bw = Math.max(1, b.maxX - b.minX + 2 * pad);
    const bh = Math.max(1, b.maxY - b.minY + 2 * pad);
    this.scale = this.fitScale = Math.min(this.width / bw, this.height / bh);
    this.cx = (b.minX + b.maxX) / 2;
    this.cy = (b.minY + b.maxY) / 2;
    this.userMoved = false;
  }

  /** Moves the view by a drag of (dx, dy) CSS pixels. */
  panBy(dx: number, dy: number): void {
    this.cx -= dx / this.scale;
    this.cy -= dy / this.scale;
    this.userMoved = true;
  }

  /** Zooms by `factor` keeping the world point under CSS pixel (px, py) in place. */
  zoomAt(factor: number, px: number, py: number): void {
    const [wx, wy] = this.toWorld(px, py);
    const min = this.fitScale / 4;
    const max = this.fitScale * 256;
    this.scale = Math.min(max, Math.max(min, this.scale * factor));
    this.cx = wx - (px - this.width / 2) / this.scale;
    this.cy = wy - (py - this.height / 2) / this.scale;
    this.userMoved = true;
  }

  /** CSS pixel (relative to the canvas) → world point. */
  toWorld(px: number, py: number): [number, number] {
    return [(px - this.width / 2) / this.scale + this.cx, (py - this.height / 2) / this.scale + this.cy];
  }

  /** World point → CSS pixel relative to the canvas. */
  toCanvas(wx: number, wy: number): [number, number] {
    return [(wx - this.cx) * this.scale + this.width / 2, (wy - this.cy) * this.scale + this.height / 2];
  }

  /** clip = world * [0],[1] + [2],[3]; y points down on screen as in a seat map. */
  clipAffine(out: Float32Array = new Float32Array(4)): Float32Array {
    const sx = (2 * this.scale) / this.width;
    const sy = (-2 * this.scale) / this.height;
    out[0] = sx;
    out[1] = sy;
    out[2] = -this.cx * sx;
    out[3] = -this.cy * sy;
    return out;
  }
}

/** Bounding box of the first `count` points. */
export function boundsOf(x: ArrayLike<number>, y: ArrayLike<number>, count: number): Bounds {
  if (count === 0) return { minX: 0, minY: 0, maxX: 255, maxY: 255 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const xi = x[i];
    const yi = y[i];
    if (xi < minX) minX = xi;
    if (xi > maxX) maxX = xi;
    if (yi < minY) minY = yi;
    if (yi > maxY) maxY = yi;
  }
  return { minX, minY, maxX, maxY };
}
