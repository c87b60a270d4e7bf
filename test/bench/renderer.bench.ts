/**
 * The crowd view in Debian's headless Chromium: 100,000 and 200,000 bands running
 * a SINE wave EFFECT on the LINEAR axis, drawn live for 10 s each
 * (BENCH_RENDERER_SECONDS) on every path: the WebGL2 shader (colours computed per
 * band in the vertex shader from the band state), the colour worker (colours in a
 * worker over shared memory, painted with Canvas 2D) and Canvas 2D (colours on the
 * main thread). Frame time is the interval between animation frames; script time is
 * the page's own main-thread work per frame (performance.now in the page). Then 20
 * packets to every band: the crowd model's receive, and the painter's upload of the
 * changed state. The GL renderer string says whether WebGL ran on a GPU or in
 * software (SwiftShader).
 */
import { cpus, loadavg } from 'node:os';
import { encodeCcb, START_ON_RECEIPT } from '@crowdcue/protocol';
import { startSimulatePage } from '@crowdcue/simulator/node';
import { launchChromium } from '../e2e/crowd-view-browser';
import type { BenchResult } from './types';

const SIZES = [100_000, 200_000];
const PATHS = ['webgl2', 'worker', 'canvas2d'] as const;
/** Packets applied to every band, for the per-packet figures. */
const PACKETS = 20;
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
  crossOriginIsolated: boolean;
}

interface PacketFigures {
  receive: number[];
  upload: number[];
}

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Number(s[Math.floor(s.length / 2)].toFixed(2)) : 0;
}

function p99(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Number(s[Math.min(s.length - 1, Math.floor(s.length * 0.99))].toFixed(2)) : 0;
}

/** Alternating full-crowd COLOR fades and EFFECTs, each a new seq. */
function packetsForEveryBand(): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < PACKETS; k++) {
    const seq = 100 + k;
    const bytes = k % 2 === 0
      ? encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, cmd: 'COLOR', rgb: [k * 10, 200, 255 - k * 10], fadeMs: 400 })
      : encodeCcb({ site: 1, seq, target: { kind: 'ALL' }, cmd: 'EFFECT', shape: 'RAINBOW', c1: [255, 255, 255], c2: [0, 0, 0], periodMs: 1500 + k, axis: 'RADIAL', dir: 0, spread: 16, startMs: START_ON_RECEIPT });
    out.push(Array.from(bytes));
  }
  return out;
}

export async function bench(): Promise<BenchResult> {
  const browser = await launchChromium();
  const rows: BenchResult['rows'] = [];
  const notes: string[] = [];
  const loadBefore = loadavg()[0];
  let glRenderer = '';
  let isolated = false;
  try {
    for (const size of SIZES) {
      const server = await startSimulatePage({
        port: 0,
        crowd: { venue: { kind: 'stadium', options: { seats: size } }, crowd: { attendance: 1, seed: 1 } },
      });
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
        for (const renderer of PATHS) {
          const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
          await page.goto(`${server.url}?renderer=${renderer}`);
          await page.waitForFunction(
            () => (window as unknown as { crowdcueSimulate?: { ready: boolean; packets: number } }).crowdcueSimulate?.ready === true,
            undefined,
            { timeout: 120_000 },
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
              crossOriginIsolated: self.crossOriginIsolated,
            };
          });
          // One packet to every band: the model's receive, then the painter's upload of what changed.
          const pk: PacketFigures = await page.evaluate(async (packets) => {
            const s = (window as unknown as {
              crowdcueSimulate: { view: { flushState(): void }; crowd: { receive(b: Uint8Array, t: number): void }; showNow(): number };
            }).crowdcueSimulate;
            const receive: number[] = [];
            const upload: number[] = [];
            for (const bytes of packets) {
              // Let a worker finish any frame first: the packer waits for it.
              await new Promise((r) => setTimeout(r, 30));
              const b = Uint8Array.from(bytes);
              const t0 = performance.now();
              s.crowd.receive(b, s.showNow());
              const t1 = performance.now();
              s.view.flushState();
              upload.push(performance.now() - t1);
              receive.push(t1 - t0);
            }
            return { receive, upload };
          }, packetsForEveryBand());
          await page.close();
          glRenderer = f.glRenderer;
          isolated ||= f.crossOriginIsolated;
          const fps = f.stats.frameMs.p50 > 0 ? 1000 / f.stats.frameMs.p50 : 0;
          const total = pk.receive.map((r, k) => r + pk.upload[k]);
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
            'upload+draw p50 ms': f.stats.drawMs.p50,
            'packet receive p50 ms': p50(pk.receive),
            'packet upload p50 ms': p50(pk.upload),
            'packet total p50 ms': p50(total),
            'packet total p99 ms': p99(total),
          });
        }
      } finally {
        await server.close();
      }
    }
    notes.push(
      `WebGL renderer: ${glRenderer}; page cross-origin isolated (SharedArrayBuffer for the worker): ${isolated}`,
      `Machine: ${cpus().length} cores; 1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (other work on the machine slows every figure).`,
      `${seconds} s per path and size, 1280x720 viewport, devicePixelRatio 1; every band runs one SINE EFFECT on the LINEAR axis (period 2 s, spread 32).`,
      'script = main-thread work per frame, timed with performance.now() in the page: webgl2-shader = uniforms + one draw call (colours are computed in the vertex shader); worker-canvas2d = rasterising the worker\'s finished colours and putImageData (colours computed in the worker); canvas2d = colorsAt (the crowd model) + rasterising + putImageData. frame = interval between requestAnimationFrame callbacks.',
      'WebGL2 script time does not include the GPU (here: software) work, which shows in the frame time.',
      `packet = ${PACKETS} packets to every band (COLOR fades and RAINBOW EFFECTs alternating): receive = the crowd model's Crowd.receive; upload = packing the changed seats' state and uploading it (bufferSubData for the shader, shared memory for the worker; nothing for canvas2d, which reads the model each frame).`,
      "The view's 'auto' mode picks the shader on a GPU, the worker where WebGL2 is software (SwiftShader, llvmpipe) or missing and the page is cross-origin isolated, else Canvas 2D.",
    );
  } finally {
    await browser.close();
  }
  return { name: 'Renderer: 100,000 and 200,000 animated bands in headless Chromium, per path', rows, notes };
}
