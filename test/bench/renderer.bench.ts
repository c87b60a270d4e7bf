/**
 * The crowd view in Debian's headless Chromium: 100,000 bands running a SINE
 * wave EFFECT on the LINEAR axis, drawn live for 10 s (BENCH_RENDERER_SECONDS)
 * with WebGL2 and with the Canvas 2D fallback. Frame time is the interval
 * between animation frames; script time is the page's own colorsAt + upload +
 * draw per frame (performance.now in the page). The GL renderer string says
 * whether WebGL ran on a GPU or in software (SwiftShader).
 */
import { cpus, loadavg } from 'node:os';
import { encodeCcb, START_ON_RECEIPT } from '@crowdcue/protocol';
import { startSimulatePage } from '@crowdcue/simulator/node';
import { launchChromium } from '../e2e/crowd-view-browser';
import type { BenchResult } from './types';

const BANDS = 100_000;
const seconds = Number(process.env.BENCH_RENDERER_SECONDS ?? 10);

interface ViewFigures {
  backend: string;
  rendererInfo: string;
  glRenderer: string;
  bands: number;
  width: number;
  height: number;
  dpr: number;
  stats: {
    frameMs: { p50: number; p99: number; n: number };
    scriptMs: { p50: number; p99: number; n: number };
    colorsMs: { p50: number; p99: number; n: number };
    drawMs: { p50: number; p99: number; n: number };
    frames: number;
  };
}

export async function bench(): Promise<BenchResult> {
  const server = await startSimulatePage({
    port: 0,
    crowd: { venue: { kind: 'stadium', options: { seats: BANDS } }, crowd: { attendance: 1, seed: 1 } },
  });
  const browser = await launchChromium();
  const rows: BenchResult['rows'] = [];
  const notes: string[] = [];
  try {
    const wave = encodeCcb({
      site: 1,
      seq: 1,
      target: { kind: 'ALL' },
      cmd: 'EFFECT',
      shape: 'SINE',
      c1: [255, 40, 0],
      c2: [0, 40, 255],
      periodMs: 2000,
      axis: 'LINEAR',
      dir: 0,
      spread: 32,
      startMs: START_ON_RECEIPT,
    });
    server.feed({ rf: wave, endMs: performance.now() });

    const loadBefore = loadavg()[0];
    for (const renderer of ['webgl2', 'canvas2d'] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${server.url}?renderer=${renderer}`);
      await page.waitForFunction(
        () => (window as unknown as { crowdcueSimulate?: { ready: boolean; packets: number } }).crowdcueSimulate?.ready === true,
        undefined,
        { timeout: 60_000 },
      );
      // Restart the loop so the figures cover only the measured window.
      await page.evaluate(() => {
        const v = (window as unknown as { crowdcueSimulate: { view: { stop(): void; start(): void } } }).crowdcueSimulate.view;
        v.stop();
        v.start();
      });
      await page.waitForTimeout(seconds * 1000);
      const f: ViewFigures = await page.evaluate(() => {
        const s = (window as unknown as {
          crowdcueSimulate: { view: { backend: string; rendererInfo: string; stats: ViewFigures['stats']; canvas: HTMLCanvasElement; stop(): void }; crowd: { count: number } };
        }).crowdcueSimulate;
        const stats = s.view.stats;
        s.view.stop();
        const gl = document.createElement('canvas').getContext('webgl2');
        const dbg = gl?.getExtension('WEBGL_debug_renderer_info');
        const glRenderer = gl ? String(dbg ? gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'no WebGL2';
        return {
          backend: s.view.backend,
          rendererInfo: s.view.rendererInfo,
          glRenderer,
          bands: s.crowd.count,
          width: s.view.canvas.width,
          height: s.view.canvas.height,
          dpr: devicePixelRatio,
          stats,
        };
      });
      await page.close();
      const fps = f.stats.frameMs.p50 > 0 ? 1000 / f.stats.frameMs.p50 : 0;
      rows.push({
        renderer: f.backend,
        bands: f.bands,
        canvas: `${f.width}x${f.height}`,
        frames: f.stats.frames,
        'fps (p50)': Number(fps.toFixed(1)),
        'frame p50 ms': f.stats.frameMs.p50,
        'frame p99 ms': f.stats.frameMs.p99,
        'script p50 ms': f.stats.scriptMs.p50,
        'script p99 ms': f.stats.scriptMs.p99,
        'colorsAt p50 ms': f.stats.colorsMs.p50,
        'colorsAt p99 ms': f.stats.colorsMs.p99,
        'upload+draw p50 ms': f.stats.drawMs.p50,
        'upload+draw p99 ms': f.stats.drawMs.p99,
      });
      if (renderer === 'webgl2') notes.push(`WebGL renderer: ${f.glRenderer}`);
    }
    notes.push(
      `Machine: ${cpus().length} cores; 1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (other work on the machine slows every figure).`,
      `${seconds} s per renderer, 1280x720 viewport, devicePixelRatio 1; every band runs one SINE EFFECT on the LINEAR axis (period 2 s, spread 32).`,
      'script = colorsAt (the crowd model) + upload+draw (the painter: colour upload and the draw call for WebGL2, rasterising and putImageData for Canvas 2D), timed with performance.now() in the page; frame = interval between requestAnimationFrame callbacks.',
      'WebGL2 script time does not include the GPU (here: software) work, which shows in the frame time.',
      'Chromium timer resolution in the page is 0.1 ms (cross-origin isolation off), so sub-millisecond figures are coarse.',
      "The view's 'auto' mode picks Canvas 2D when WebGL2 is a software rasteriser (SwiftShader, llvmpipe).",
    );
  } finally {
    await browser.close();
    await server.close();
  }
  return { name: 'Renderer: 100,000 animated bands in headless Chromium', rows, notes };
}
