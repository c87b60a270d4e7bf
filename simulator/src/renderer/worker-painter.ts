/**
 * The fallback where WebGL2 is missing or only software: the colour worker computes
 * every band's colour off the main thread from the packed band state in shared
 * memory; the main thread packs the seats a packet changed and paints the latest
 * finished colour buffer with the Canvas 2D painter. Needs SharedArrayBuffer, which
 * browsers give only to cross-origin isolated pages (COOP same-origin + COEP require-corp).
 */
import { allocPackedBands, packBands, packEffects, type BandStateSource, type PackedBands } from './band-state-pack';
import { createCanvasPainter } from './canvas-painter';
import type { DotStyle } from './painter';
import type { StatePainter } from './state-painter';
import type { ViewTransform } from './view-transform';
import { ChangedBands } from './changed-bands';

export function workerPainterAvailable(win: Window): boolean {
  return typeof SharedArrayBuffer === 'function' && win.crossOriginIsolated === true && typeof Worker === 'function';
}

/** `ready` is called when the worker has finished a frame (a stopped view repaints then). */
export function createWorkerPainter(canvas: HTMLCanvasElement, ready: () => void = () => {}): StatePainter {
  const paint = createCanvasPainter(canvas);
  const worker = new Worker(new URL('./colour-worker.ts', import.meta.url), { type: 'module' });
  const control = new Int32Array(new SharedArrayBuffer(8));
  let source: BandStateSource | null = null;
  let packed: PackedBands | null = null;
  let colours: [Uint8Array, Uint8Array] = [new Uint8Array(4), new Uint8Array(4)];
  let count = 0;
  const changed = new ChangedBands();
  // The show time and state the last frame asked of the worker was for: a stopped view asks once.
  let askedAt = Number.NaN;
  let askedState = -1;
  let state = 0;
  worker.onmessage = () => ready();

  /** Packs changed seats into shared memory, only while the worker is not reading it. */
  const flush = (): void => {
    if (!source || !packed || Atomics.load(control, 1) !== 0) return;
    const seats = changed.takeSeats();
    if (seats) {
      packBands(source.bandState(), packed, seats[0], seats[1]);
      state++;
    }
    if (changed.takeEffects()) {
      worker.postMessage({ effects: packEffects(source.bandState().effects) });
      state++;
    }
  };

  return {
    kind: 'worker-canvas2d',
    info: 'Canvas 2D, colours in a worker',
    setSource(src, x, y) {
      changed.stop();
      source = src;
      count = src.bandState().count;
      const shared = (bytes: number) => new SharedArrayBuffer(bytes);
      packed = allocPackedBands(count, shared);
      const a = shared(4 * Math.max(1, count));
      const b = shared(4 * Math.max(1, count));
      colours = [new Uint8Array(a), new Uint8Array(b)];
      paint.setPositions(x, y, count);
      // The worker may still be busy with the old crowd's frame: its flip lands on buffers no one reads.
      Atomics.store(control, 0, 0);
      Atomics.store(control, 1, 0);
      askedAt = Number.NaN;
      worker.postMessage({
        state: { count, band: packed.band.buffer, bandF: packed.bandF.buffer, layer: packed.layer.buffer, layerF: packed.layerF.buffer, colours: [a, b], control: control.buffer },
      });
      changed.follow(src, count);
      flush();
    },
    flush,
    draw(atMs, view: ViewTransform, dpr, style: DotStyle) {
      flush();
      // Paint the newest finished frame; ask for the next one if the worker is idle.
      paint.draw(colours[Atomics.load(control, 0)], view, dpr, style);
      const asked = atMs === askedAt && state === askedState && !changed.any;
      if (source && !asked && Atomics.compareExchange(control, 1, 0, 1) === 0) {
        askedAt = atMs;
        askedState = state;
        worker.postMessage({ atMs });
      }
    },
    resize(width, height) {
      paint.resize(width, height);
    },
    destroy() {
      changed.stop();
      worker.terminate();
      paint.destroy();
    },
  };
}
