/**
 * The crowd view: mounts on a canvas (or creates one in a container) and draws
 * every band of a crowd as a dot, live. Per frame it asks the crowd for its
 * colours (the crowd's own colorsAt), uploads them and draws once; everything
 * else (positions, pick grid, dot size) is prepared once per crowd.
 * Framework-free, so the console's React component just wraps it.
 */
import { createCanvasPainter } from './canvas-painter';
import type { CrowdLike, SeatLabel } from './crowd-like';
import { RollingSamples, type Percentiles } from './frame-stats';
import type { Painter, PainterKind, Rgb } from './painter';
import { PickGrid } from './pick-grid';
import { attachPointerControls } from './pointer-controls';
import { Tooltip } from './tooltip';
import { ViewTransform } from './view-transform';
import { createWebglPainter } from './webgl-painter';
import { isBandStateSource, type BandStateSource } from './band-state-pack';
import type { StatePainter, StatePainterKind } from './state-painter';
import { createWebglShaderPainter } from './webgl-shader-painter';
import { createWorkerPainter, workerPainterAvailable } from './worker-painter';

export interface CrowdViewOptions {
  crowd: CrowdLike;
  /** Seat of band i, for the hover card. */
  seatLabel?: (i: number) => SeatLabel | undefined;
  /**
   * Where to draw band i, in any units (e.g. the venue's metres). Default: the
   * band's own x, y (0..255, each axis scaled on its own, so a wide venue looks
   * square and close seats can share a position).
   */
  positions?: BandPositions;
  /** Show time in ms for the live loop; default performance.now(). */
  clock?: () => number;
  /**
   * 'auto' (default): WebGL2 on a GPU (for a crowd with band state, the simulator's
   * Crowd, the shader computes the colours); where WebGL2 is missing or only emulated in
   * software (SwiftShader, llvmpipe): the colour worker with Canvas 2D painting when the
   * page has shared memory (cross-origin isolated), else Canvas 2D with colours on the
   * main thread. 'webgl2', 'worker' or 'canvas2d' force one ('worker' needs band state
   * and shared memory, else it is Canvas 2D).
   */
  renderer?: RendererChoice;
  background?: Rgb;
  /** Shade of a band that is off (see DotStyle.unlit); [0, 0, 0] shows off bands as black. */
  unlit?: Rgb;
  /** Dot diameter as a share of the typical distance between neighbours. */
  dotScale?: number;
  /** Smallest dot radius in CSS pixels, so a zoomed-out stadium stays visible. */
  minDotRadius?: number;
  /** Pan, zoom and hover (default true). */
  interactive?: boolean;
}

export type RendererChoice = 'auto' | 'webgl2' | 'worker' | 'canvas2d';
export type BackendKind = PainterKind | StatePainterKind;

export interface BandPositions {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** What goes with a crowd besides its bands. */
export interface CrowdExtras {
  seatLabel?: (i: number) => SeatLabel | undefined;
  positions?: BandPositions;
}

export interface CrowdViewStats {
  /** Time between animation frames while the live loop runs. */
  frameMs: Percentiles;
  /** Main-thread script time per frame: colours (where the main thread computes them) + upload + draw. */
  scriptMs: Percentiles;
  /** The crowd's colorsAt alone (part of scriptMs; 0 where the shader or the worker computes colours). */
  colorsMs: Percentiles;
  /** Colour upload and draw alone (the painter's part of scriptMs). */
  drawMs: Percentiles;
  frames: number;
}

export interface CrowdView {
  readonly canvas: HTMLCanvasElement;
  /** Which painter draws: 'webgl2-shader' (colours in the shader), 'webgl2', 'worker-canvas2d' or 'canvas2d'. */
  readonly backend: BackendKind;
  /** The GL renderer string (or "Canvas 2D"): tells a GPU from software GL. */
  readonly rendererInfo: string;
  readonly stats: CrowdViewStats;
  readonly running: boolean;
  /** Shows another crowd (extras not given are dropped, not carried over). */
  setCrowd(crowd: CrowdLike, extras?: CrowdExtras): void;
  /** Draws the crowd as it is at show time `atMs` (default: the clock). */
  render(atMs?: number): void;
  /**
   * Uploads the band state that packets changed since the last frame now instead of at
   * the next render (a no-op for painters given colours each frame).
   */
  flushState(): void;
  /** Starts the live loop (one render per animation frame at clock()). */
  start(): void;
  stop(): void;
  /** Frames the whole venue. */
  fit(): void;
  /** The band under a client point (e.g. a mouse event's clientX/Y), or -1. */
  bandAt(clientX: number, clientY: number): number;
  /** Client point of band i's centre (for tests and overlays). */
  clientPointOf(i: number): [number, number];
  /** Stops, detaches listeners, frees GL objects; removes the canvas if the view created it. */
  destroy(): void;
}

const DEFAULT_BACKGROUND: Rgb = [8, 9, 13];
const DEFAULT_UNLIT: Rgb = [34, 36, 44];

let softwareGl: boolean | undefined;

/** Whether this browser's WebGL2 is a CPU emulation; probed once on a scratch canvas. */
function webglIsSoftware(doc: Document): boolean {
  if (softwareGl !== undefined) return softwareGl;
  const gl = doc.createElement('canvas').getContext('webgl2');
  if (!gl) return (softwareGl = false);
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return (softwareGl = /swiftshader|llvmpipe|softpipe|software/i.test(name));
}

type AnyPainter = Painter | StatePainter;

function isStatePainter(p: AnyPainter): p is StatePainter {
  return 'setSource' in p;
}

function makePainter(canvas: HTMLCanvasElement, wanted: RendererChoice | undefined, crowd: CrowdLike, previous?: AnyPainter, workerReady?: () => void): AnyPainter {
  const state = isBandStateSource(crowd);
  // A canvas keeps the context kind it was first given: a WebGL canvas stays WebGL, a 2D one 2D.
  const family = previous ? (previous.kind.startsWith('webgl2') ? 'gl' : '2d') : null;
  const doc = canvas.ownerDocument;
  if (family !== '2d' && (wanted === 'webgl2' || family === 'gl' || (wanted !== 'canvas2d' && wanted !== 'worker' && !webglIsSoftware(doc)))) {
    const gl = state ? createWebglShaderPainter(canvas) : createWebglPainter(canvas);
    if (gl) return gl;
    if (wanted === 'webgl2' || family === 'gl') throw new Error('crowd view: WebGL2 was asked for but this browser does not offer it');
  }
  if (state && wanted !== 'canvas2d' && workerPainterAvailable(doc.defaultView ?? window)) return createWorkerPainter(canvas, workerReady);
  return createCanvasPainter(canvas);
}

export function mountCrowdView(target: HTMLCanvasElement | HTMLElement, options: CrowdViewOptions): CrowdView {
  // By tag name, not instanceof: a canvas from another frame is still a canvas.
  const ownsCanvas = target.tagName !== 'CANVAS';
  let canvas: HTMLCanvasElement;
  if (!ownsCanvas) {
    canvas = target as HTMLCanvasElement;
  } else {
    canvas = target.ownerDocument.createElement('canvas');
    Object.assign(canvas.style, { display: 'block', width: '100%', height: '100%' });
    target.appendChild(canvas);
  }
  if (!canvas.hasAttribute('role')) canvas.setAttribute('role', 'img');
  const win = canvas.ownerDocument.defaultView ?? window;
  const clock = options.clock ?? (() => performance.now());
  const background = options.background ?? DEFAULT_BACKGROUND;
  const unlit = options.unlit ?? DEFAULT_UNLIT;
  const dotScale = options.dotScale ?? 0.8;
  const minDotRadius = options.minDotRadius ?? 0.9;

  // The worker's colours arrive after the frame that asked: a stopped view draws again then.
  const workerReady = (): void => {
    if (!running) requestRender();
  };
  let painter = makePainter(canvas, options.renderer, options.crowd, undefined, workerReady);
  const view = new ViewTransform();
  // 20 s of frames at 60 fps: enough for a benchmark window.
  const frameSamples = new RollingSamples(1200);
  const scriptSamples = new RollingSamples(1200);
  const colorSamples = new RollingSamples(1200);
  const drawSamples = new RollingSamples(1200);
  let frames = 0;

  let crowd = options.crowd;
  let seatLabel = options.seatLabel;
  let positions: BandPositions = options.positions ?? crowd;
  let colors = new Uint8Array(0);
  let grid: PickGrid;
  let spacing = 1;
  let lastAtMs = 0;

  // Canvas size in CSS pixels and the device pixel ratio it was sized for.
  let cssW = 0;
  let cssH = 0;
  let dpr = 0;
  let sizeDirty = true;

  const measure = (): void => {
    const w = canvas.clientWidth || canvas.width / (win.devicePixelRatio || 1);
    const h = canvas.clientHeight || canvas.height / (win.devicePixelRatio || 1);
    const ratio = win.devicePixelRatio || 1;
    sizeDirty = false;
    if (w === cssW && h === cssH && ratio === dpr) return;
    cssW = w;
    cssH = h;
    dpr = ratio;
    painter.resize(Math.max(1, Math.round(w * ratio)), Math.max(1, Math.round(h * ratio)));
    view.setSize(w, h);
    if (!view.userMoved) view.fit(grid.bounds, spacing * 2);
  };

  const usePositions = (): void => {
    if (isStatePainter(painter)) painter.setSource(crowd as unknown as BandStateSource, positions.x, positions.y);
    else painter.setPositions(positions.x, positions.y, crowd.count);
  };

  const adopt = (next: CrowdLike, at: BandPositions): void => {
    if (at.x.length < next.count || at.y.length < next.count) {
      throw new RangeError(`crowd view: positions cover ${Math.min(at.x.length, at.y.length)} bands, the crowd has ${next.count}`);
    }
    if (isStatePainter(painter) !== isBandStateSource(next)) {
      const was = painter;
      painter = makePainter(canvas, options.renderer, next, was, workerReady);
      was.destroy();
      cssW = cssH = dpr = 0;
      sizeDirty = true;
    }
    crowd = next;
    positions = at;
    colors = new Uint8Array(Math.max(4, next.count * 4));
    grid = new PickGrid(at.x, at.y, next.count);
    spacing = grid.typicalSpacing();
    usePositions();
    canvas.setAttribute('aria-label', `Crowd view: ${next.count.toLocaleString('en')} seats`);
    view.setSize(cssW || 1, cssH || 1);
    view.fit(grid.bounds, spacing * 2);
  };
  adopt(crowd, positions);

  const resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(() => {
    sizeDirty = true;
    requestRender();
  }) : null;
  resizeObserver?.observe(canvas);

  const tooltipParent = ownsCanvas ? (target as HTMLElement) : (canvas.parentElement ?? canvas.ownerDocument.body);
  const tooltip = options.interactive === false ? null : new Tooltip(tooltipParent);
  let hovered = -1;
  let hoverClient: [number, number] = [0, 0];

  const radiusCss = (): number => Math.max(minDotRadius, (spacing * dotScale * view.scale) / 2);

  /** Whether seat i holds a band (an empty seat is not drawn). */
  const seatLit = (i: number): boolean =>
    isStatePainter(painter) ? (crowd as unknown as BandStateSource).bandState().present[i] !== 0 : colors[i * 4 + 3] !== 0;

  const showCard = (): void => {
    if (!tooltip) return;
    if (hovered < 0 || hovered >= crowd.count || !seatLit(hovered)) {
      tooltip.hide();
      return;
    }
    if (isStatePainter(painter)) {
      // The painter computes colours out of reach: the card asks the crowd for this one band.
      const one = (crowd as unknown as { colorOf?: (i: number, atMs: number) => readonly number[] }).colorOf?.(hovered, lastAtMs) ?? [0, 0, 0];
      colors.set([one[0], one[1], one[2], 255], hovered * 4);
    }
    const c = hovered * 4;
    tooltip.show(
      { index: hovered, seat: seatLabel?.(hovered), zone: crowd.zone[hovered], rgba: [colors[c], colors[c + 1], colors[c + 2], colors[c + 3]] },
      hoverClient[0],
      hoverClient[1],
    );
  };

  const bandAt = (clientX: number, clientY: number): number => {
    const r = canvas.getBoundingClientRect();
    const [wx, wy] = view.toWorld(clientX - r.left, clientY - r.top);
    // Within the dot, or a few pixels of it for tiny dots.
    const reach = Math.max(radiusCss() + 2, 4) / view.scale;
    return grid.nearest(wx, wy, reach, seatLit);
  };

  const render = (atMs: number = clock()): void => {
    const t0 = performance.now();
    lastAtMs = atMs;
    if (sizeDirty || win.devicePixelRatio !== dpr) measure();
    const t1 = performance.now();
    const style = { radiusPx: radiusCss() * dpr, background, unlit };
    let t2 = t1;
    if (isStatePainter(painter)) painter.draw(atMs, view, dpr, style);
    else {
      crowd.colorsAt(atMs, colors);
      t2 = performance.now();
      painter.draw(colors, view, dpr, style);
    }
    colorSamples.add(t2 - t1);
    drawSamples.add(performance.now() - t2);
    if (hovered >= 0) showCard();
    scriptSamples.add(performance.now() - t0);
  };

  let running = false;
  let rafId = 0;
  let pendingId = 0;
  let lastFrameTs = -1;

  const frame = (ts: number): void => {
    if (!running) return;
    if (lastFrameTs >= 0) frameSamples.add(ts - lastFrameTs);
    lastFrameTs = ts;
    frames++;
    render(clock());
    rafId = win.requestAnimationFrame(frame);
  };

  function requestRender(): void {
    if (running || pendingId) return;
    pendingId = win.requestAnimationFrame(() => {
      pendingId = 0;
      if (!running) render(lastAtMs);
    });
  }

  const detachPointer = options.interactive === false
    ? () => {}
    : attachPointerControls(canvas, view, {
        changed: requestRender,
        hover(clientX, clientY) {
          hoverClient = [clientX, clientY];
          hovered = bandAt(clientX, clientY);
          showCard();
        },
        leave() {
          hovered = -1;
          tooltip?.hide();
        },
        fit() {
          view.fit(grid.bounds, spacing * 2);
          requestRender();
        },
      });

  // A lost GL context (driver reset, too many contexts) comes back empty: rebuild the painter.
  const onLost = (e: Event) => e.preventDefault();
  const onRestored = () => {
    painter = makePainter(canvas, 'webgl2', crowd);
    usePositions();
    cssW = cssH = dpr = 0;
    sizeDirty = true;
    requestRender();
  };
  canvas.addEventListener('webglcontextlost', onLost);
  canvas.addEventListener('webglcontextrestored', onRestored);

  measure();

  return {
    canvas,
    get backend() {
      return painter.kind;
    },
    get rendererInfo() {
      return painter.info;
    },
    get stats() {
      return { frameMs: frameSamples.percentiles(), scriptMs: scriptSamples.percentiles(), colorsMs: colorSamples.percentiles(), drawMs: drawSamples.percentiles(), frames };
    },
    get running() {
      return running;
    },
    setCrowd(next, extras = {}) {
      hovered = -1;
      tooltip?.hide();
      adopt(next, extras.positions ?? next);
      seatLabel = extras.seatLabel;
      sizeDirty = true;
      requestRender();
    },
    render,
    flushState() {
      if (isStatePainter(painter)) painter.flush();
    },
    start() {
      if (running) return;
      running = true;
      lastFrameTs = -1;
      frames = 0;
      frameSamples.clear();
      scriptSamples.clear();
      colorSamples.clear();
      drawSamples.clear();
      rafId = win.requestAnimationFrame(frame);
    },
    stop() {
      running = false;
      win.cancelAnimationFrame(rafId);
    },
    fit() {
      view.fit(grid.bounds, spacing * 2);
      requestRender();
    },
    bandAt,
    clientPointOf(i) {
      const r = canvas.getBoundingClientRect();
      const [px, py] = view.toCanvas(positions.x[i], positions.y[i]);
      return [r.left + px, r.top + py];
    },
    destroy() {
      running = false;
      win.cancelAnimationFrame(rafId);
      if (pendingId) win.cancelAnimationFrame(pendingId);
      resizeObserver?.disconnect();
      detachPointer();
      canvas.removeEventListener('webglcontextlost', onLost);
      canvas.removeEventListener('webglcontextrestored', onRestored);
      tooltip?.destroy();
      painter.destroy();
      if (ownsCanvas) canvas.remove();
    },
  };
}
