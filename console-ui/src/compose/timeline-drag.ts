/**
 * The maths of dragging effect blocks on the parade timeline: move a block,
 * or pull its left or right edge. Times snap to a grid (hold Shift to place
 * freely), a block keeps a minimum length and stays inside the parade.
 */
export type DragMode = 'move' | 'start' | 'end';

export interface TimelineScale {
  /** Pixels per millisecond. */
  pxPerMs: number;
  /** Snap grid, ms (0 = no snap). */
  snapMs: number;
  /** Parade length, ms: blocks stay within 0..durationMs. */
  durationMs: number;
  /** Shortest block, ms. */
  minMs: number;
}

export interface BlockSpan {
  at: number;
  duration: number;
}

export const snap = (ms: number, grid: number): number => (grid > 0 ? Math.round(ms / grid) * grid : Math.round(ms));

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Where a block ends up after the pointer moved `dxPx` since the drag started. */
export function dragBlock(start: BlockSpan, mode: DragMode, dxPx: number, scale: TimelineScale, free = false): BlockSpan {
  const grid = free ? 0 : scale.snapMs;
  const dMs = dxPx / scale.pxPerMs;
  const total = scale.durationMs;
  const minMs = Math.min(scale.minMs, total);
  const end0 = start.at + start.duration;
  switch (mode) {
    case 'move': {
      const duration = Math.min(start.duration, total);
      const at = clamp(snap(start.at + dMs, grid), 0, total - duration);
      return { at, duration };
    }
    case 'start': {
      const at = clamp(snap(start.at + dMs, grid), 0, end0 - minMs);
      return { at, duration: end0 - at };
    }
    case 'end': {
      const end = clamp(snap(end0 + dMs, grid), start.at + minMs, total);
      return { at: start.at, duration: end - start.at };
    }
  }
}

/** Track row after a vertical drag of `dyPx` (rows `rowPx` high), within 0..tracks-1. */
export function dragRow(startRow: number, dyPx: number, rowPx: number, tracks: number): number {
  return clamp(startRow + Math.round(dyPx / rowPx), 0, Math.max(0, tracks - 1));
}

/** Which part of a block a pointer at `xPx` (from the block's left) grabs: edges are `edgePx` wide. */
export function grabMode(xPx: number, widthPx: number, edgePx = 8): DragMode {
  const edge = Math.min(edgePx, widthPx / 3);
  if (xPx < edge) return 'start';
  if (xPx > widthPx - edge) return 'end';
  return 'move';
}

/** Show ms at a pointer on the ruler (for scrubbing), within 0..duration. */
export function msAt(xPx: number, scale: Pick<TimelineScale, 'pxPerMs' | 'durationMs'>): number {
  return clamp(Math.round(xPx / scale.pxPerMs), 0, scale.durationMs);
}

/** A tidy ruler step for this zoom: ticks at least `minPx` apart. */
export function rulerStep(pxPerMs: number, minPx = 60): number {
  const steps = [100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];
  return steps.find((s) => s * pxPerMs >= minPx) ?? steps[steps.length - 1];
}

/** `m:ss.s` for a ruler or a field. */
export function formatMs(ms: number): string {
  const s = ms / 1000;
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  return `${m}:${rest.toFixed(1).padStart(4, '0')}`;
}
