/**
 * Browser entry of the crowd renderer: `mountCrowdView` draws a crowd of up to
 * 100,000+ bands live with WebGL2 (Canvas 2D where WebGL2 is missing).
 */
export { mountCrowdView } from './mount-crowd-view';
export type { BandPositions, CrowdExtras, CrowdView, CrowdViewOptions, CrowdViewStats } from './mount-crowd-view';
export type { CrowdLike, SeatLabel } from './crowd-like';
export type { PainterKind, Rgb, DotStyle } from './painter';
export type { Percentiles } from './frame-stats';
export { cardLines, colorHex, type BandCard } from './tooltip';
