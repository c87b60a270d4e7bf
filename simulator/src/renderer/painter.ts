/**
 * A painter draws every band as a dot in one pass. Two kinds: WebGL2 (one
 * instanced draw call) and Canvas 2D (ImageData) for browsers without WebGL2.
 */
import type { ViewTransform } from './view-transform';

export type Rgb = readonly [number, number, number];

export interface DotStyle {
  /** Dot radius in device pixels. */
  radiusPx: number;
  /** Canvas background. */
  background: Rgb;
  /**
   * Shade of a band that is off, so the venue stays visible in a blackout; it
   * fades out as the band lights (shown = rgb + unlit * (1 - max(rgb) / 255)).
   */
  unlit: Rgb;
}

export type PainterKind = 'webgl2' | 'canvas2d';

export interface Painter {
  readonly kind: PainterKind;
  /** What is drawing: the GL renderer string, or "Canvas 2D". */
  readonly info: string;
  /** Uploads band positions (world units); called once per crowd. */
  setPositions(x: ArrayLike<number>, y: ArrayLike<number>, count: number): void;
  /** Draws `count` bands with RGBA `colors` (alpha 0 = empty seat, not drawn). */
  draw(colors: Uint8Array, view: ViewTransform, dpr: number, style: DotStyle): void;
  /** Sets the drawing buffer size in device pixels. */
  resize(width: number, height: number): void;
  destroy(): void;
}

/** The colour a band is shown in, with the unlit floor (see DotStyle.unlit). */
export function shownColor(r: number, g: number, b: number, unlit: Rgb): [number, number, number] {
  const dark = 1 - Math.max(r, g, b) / 255;
  return [
    Math.min(255, Math.round(r + unlit[0] * dark)),
    Math.min(255, Math.round(g + unlit[1] * dark)),
    Math.min(255, Math.round(b + unlit[2] * dark)),
  ];
}
