/**
 * Browser entry of the crowd renderer: `mountCrowdView` draws a crowd of 200,000+
 * bands live; for the simulator's Crowd the WebGL2 shader computes the colours from
 * the bands' state (a worker with shared memory where WebGL2 is missing or software,
 * Canvas 2D with colours on the main thread as the last resort).
 */
export { mountCrowdView } from './mount-crowd-view';
export type { BackendKind, BandPositions, CrowdExtras, CrowdView, CrowdViewOptions, CrowdViewStats, RendererChoice } from './mount-crowd-view';
export type { StatePainterKind } from './state-painter';
export type { CrowdLike, SeatLabel } from './crowd-like';
export type { PainterKind, Rgb, DotStyle } from './painter';
export type { Percentiles } from './frame-stats';
export { cardLines, colorHex, type BandCard } from './tooltip';
