/**
 * A uniform grid over band positions for hover picking on the CPU: reading
 * pixels back from the GPU would stall the frame, a grid lookup costs a few
 * cells. Bands are bucketed once per crowd (counting sort into flat arrays).
 */
import { boundsOf, type Bounds } from './view-transform';

export class PickGrid {
  readonly bounds: Bounds;
  readonly cols: number;
  readonly rows: number;
  readonly cellSize: number;
  /** Band indexes of cell c are items[cellStart[c] .. cellStart[c + 1]). */
  private readonly cellStart: Int32Array;
  private readonly items: Int32Array;

  constructor(
    private readonly x: ArrayLike<number>,
    private readonly y: ArrayLike<number>,
    readonly count: number,
  ) {
    this.bounds = boundsOf(x, y, count);
    const w = Math.max(1e-6, this.bounds.maxX - this.bounds.minX);
    const h = Math.max(1e-6, this.bounds.maxY - this.bounds.minY);
    // About two bands per cell if they were spread evenly over the box.
    this.cellSize = Math.max(Math.sqrt((w * h * 2) / Math.max(1, count)), Math.max(w, h) / 1024, 1e-3);
    this.cols = Math.min(1024, Math.floor(w / this.cellSize) + 1);
    this.rows = Math.min(1024, Math.floor(h / this.cellSize) + 1);
    const cells = this.cols * this.rows;
    this.cellStart = new Int32Array(cells + 1);
    const cellOf = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const c = this.cellIndex(x[i], y[i]);
      cellOf[i] = c;
      this.cellStart[c + 1]++;
    }
    for (let c = 0; c < cells; c++) this.cellStart[c + 1] += this.cellStart[c];
    const fill = this.cellStart.slice(0, cells);
    this.items = new Int32Array(count);
    for (let i = 0; i < count; i++) this.items[fill[cellOf[i]]++] = i;
  }

  private col(wx: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((wx - this.bounds.minX) / this.cellSize)));
  }

  private row(wy: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((wy - this.bounds.minY) / this.cellSize)));
  }

  private cellIndex(wx: number, wy: number): number {
    return this.row(wy) * this.cols + this.col(wx);
  }

  /**
   * The band nearest to (wx, wy) within `maxDist` world units that `accept`
   * allows (e.g. skip empty seats), or -1.
   */
  nearest(wx: number, wy: number, maxDist: number, accept?: (i: number) => boolean): number {
    if (this.count === 0) return -1;
    const c0 = this.col(wx - maxDist);
    const c1 = this.col(wx + maxDist);
    const r0 = this.row(wy - maxDist);
    const r1 = this.row(wy + maxDist);
    let best = -1;
    let bestD2 = maxDist * maxDist;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c;
        for (let k = this.cellStart[cell], end = this.cellStart[cell + 1]; k < end; k++) {
          const i = this.items[k];
          const dx = this.x[i] - wx;
          const dy = this.y[i] - wy;
          const d2 = dx * dx + dy * dy;
          if (d2 <= bestD2 && (best === -1 || d2 < bestD2 || i < best) && (!accept || accept(i))) {
            best = i;
            bestD2 = d2;
          }
        }
      }
    }
    return best;
  }

  /**
   * Typical distance between neighbouring bands (median over a sample), which
   * sizes the dots so neighbours just don't touch. Bands sharing a position are
   * not neighbours for this purpose.
   */
  typicalSpacing(samples = 256): number {
    if (this.count < 2) return Math.max(8, this.cellSize);
    const step = Math.max(1, Math.floor(this.count / samples));
    const found: number[] = [];
    const limit = Math.max(this.bounds.maxX - this.bounds.minX, this.bounds.maxY - this.bounds.minY, 1);
    for (let i = 0; i < this.count; i += step) {
      const xi = this.x[i];
      const yi = this.y[i];
      for (let radius = this.cellSize; radius <= limit * 2; radius *= 2) {
        let bestD2 = Infinity;
        this.nearest(xi, yi, radius, (j) => {
          const dx = this.x[j] - xi;
          const dy = this.y[j] - yi;
          const d2 = dx * dx + dy * dy;
          if (d2 > 1e-12 && d2 < bestD2) bestD2 = d2;
          return false;
        });
        if (bestD2 <= radius * radius) {
          found.push(Math.sqrt(bestD2));
          break;
        }
      }
    }
    if (found.length === 0) return Math.max(1, this.cellSize);
    found.sort((a, b) => a - b);
    return found[Math.floor(found.length / 2)];
  }
}
