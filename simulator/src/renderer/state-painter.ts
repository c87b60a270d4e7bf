/**
 * A painter that evaluates the bands' colours itself from the crowd's band state
 * (the WebGL2 shader, or the colour worker with Canvas 2D painting), so the main
 * thread never computes 100,000+ colours a frame.
 */
import type { BandStateSource } from './band-state-pack';
import type { DotStyle } from './painter';
import type { ViewTransform } from './view-transform';

export type StatePainterKind = 'webgl2-shader' | 'worker-canvas2d';

export interface StatePainter {
  readonly kind: StatePainterKind;
  readonly info: string;
  /** Takes a crowd: positions once, its band state now and after every packet (partial uploads). */
  setSource(source: BandStateSource, x: ArrayLike<number>, y: ArrayLike<number>): void;
  /** Uploads the state packets changed since the last frame (draw does it too). */
  flush(): void;
  /** Draws every band as it is at show time atMs. */
  draw(atMs: number, view: ViewTransform, dpr: number, style: DotStyle): void;
  resize(width: number, height: number): void;
  destroy(): void;
}
