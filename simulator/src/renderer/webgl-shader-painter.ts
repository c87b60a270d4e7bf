/**
 * WebGL2 painter that evaluates the bands' colours where they are drawn: each
 * band's state (layers, effect parameters, master, sleep, clock) sits in vertex
 * buffers, the effect table in an integer texture, and the vertex shader computes
 * the colour per band per frame (band-shader.ts). A packet uploads only the seat
 * range it changed (the crowd's watch), so a frame costs the main thread a few
 * uniforms and one draw call whatever the crowd's size.
 */
import { BAND_VERTEX } from './band-shader';
import { ChangedBands } from './changed-bands';
import { allocPackedBands, packBands, packEffects, splitTime, type BandStateSource, type PackedBands } from './band-state-pack';
import type { DotStyle } from './painter';
import type { StatePainter } from './state-painter';
import type { ViewTransform } from './view-transform';
import { DOT_FRAGMENT, dotFrame, link, rendererString } from './webgl-painter';

/** Effect table texture width (4096 effects per row). */
const FX_WIDTH = 4096;

export function createWebglShaderPainter(canvas: HTMLCanvasElement): StatePainter | null {
  const gl = canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false, premultipliedAlpha: true });
  if (!gl) return null;
  const program = link(gl, BAND_VERTEX, DOT_FRAGMENT);
  const u = (name: string) => gl.getUniformLocation(program, name);
  const frame = dotFrame(gl, program);
  const uAtWhole = u('u_atWhole');
  const uAtFrac = u('u_atFrac');
  const uAtF = u('u_atF');
  const uEffects = u('u_effects');

  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  const buffer = (loc: number, size: number, type: number, integer: boolean): WebGLBuffer => {
    const b = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, b);
    gl.enableVertexAttribArray(loc);
    if (integer) gl.vertexAttribIPointer(loc, size, type, 0, 0);
    else gl.vertexAttribPointer(loc, size, type, false, 0, 0);
    return b;
  };
  const posBuf = buffer(0, 2, gl.FLOAT, false);
  const bandBuf = buffer(1, 2, gl.UNSIGNED_INT, true);
  const bandFBuf = buffer(2, 2, gl.FLOAT, false);
  const layerBuf = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, layerBuf);
  gl.enableVertexAttribArray(3);
  gl.vertexAttribIPointer(3, 4, gl.UNSIGNED_INT, 32, 0);
  gl.enableVertexAttribArray(4);
  gl.vertexAttribIPointer(4, 4, gl.UNSIGNED_INT, 32, 16);
  const layerFBuf = buffer(5, 4, gl.FLOAT, false);
  gl.bindVertexArray(null);

  const fxTex = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, fxTex);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  let fxTable: Uint32Array = new Uint32Array(0);

  let count = 0;
  let source: BandStateSource | null = null;
  let packed: PackedBands | null = null;
  const changed = new ChangedBands();

  const uploadEffects = (): void => {
    const effects = source!.bandState().effects;
    fxTable = packEffects(effects, fxTable);
    const n = Math.max(1, effects.length);
    const w = Math.min(FX_WIDTH, n);
    const h = Math.ceil(n / FX_WIDTH);
    const data = new Uint32Array(4 * w * h);
    data.set(fxTable.subarray(0, Math.min(fxTable.length, data.length)));
    gl.bindTexture(gl.TEXTURE_2D, fxTex);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA32UI, w, h, 0, gl.RGBA_INTEGER, gl.UNSIGNED_INT, data);
  };

  /** Packs and uploads the changed seats: the one place band state goes to the GPU. */
  const flush = (): void => {
    if (!source || !packed) return;
    const seats = changed.takeSeats();
    if (seats) {
      const [lo, hi] = seats;
      packBands(source.bandState(), packed, lo, hi);
      const n = hi - lo + 1;
      const put = (buf: WebGLBuffer, arr: Uint32Array | Float32Array, per: number): void => {
        gl.bindBuffer(gl.ARRAY_BUFFER, buf);
        gl.bufferSubData(gl.ARRAY_BUFFER, lo * per * 4, arr, lo * per, n * per);
      };
      put(bandBuf, packed.band, 2);
      put(bandFBuf, packed.bandF, 2);
      put(layerBuf, packed.layer, 8);
      put(layerFBuf, packed.layerF, 4);
    }
    if (changed.takeEffects()) uploadEffects();
  };

  return {
    kind: 'webgl2-shader',
    info: rendererString(gl),
    setSource(src, x, y) {
      changed.stop();
      source = src;
      count = src.bandState().count;
      packed = allocPackedBands(count);
      const pos = new Float32Array(2 * Math.max(1, count));
      for (let i = 0; i < count; i++) {
        pos[2 * i] = x[i];
        pos[2 * i + 1] = y[i];
      }
      const alloc = (buf: WebGLBuffer, data: ArrayBufferView): void => {
        gl.bindBuffer(gl.ARRAY_BUFFER, buf);
        gl.bufferData(gl.ARRAY_BUFFER, data, gl.DYNAMIC_DRAW);
      };
      alloc(posBuf, pos);
      alloc(bandBuf, packed.band);
      alloc(bandFBuf, packed.bandF);
      alloc(layerBuf, packed.layer);
      alloc(layerFBuf, packed.layerF);
      changed.follow(src, count);
      flush();
    },
    flush,
    draw(atMs, view: ViewTransform, _dpr, style: DotStyle) {
      flush();
      frame.clear(style);
      if (count === 0) return;
      gl.useProgram(program);
      gl.bindVertexArray(vao);
      const t = splitTime(atMs);
      gl.uniform1ui(uAtWhole, t.whole);
      gl.uniform1f(uAtFrac, t.frac);
      gl.uniform1f(uAtF, atMs);
      gl.activeTexture(gl.TEXTURE0);
      gl.bindTexture(gl.TEXTURE_2D, fxTex);
      gl.uniform1i(uEffects, 0);
      frame.draw(view, style, count);
    },
    resize(width, height) {
      canvas.width = width;
      canvas.height = height;
    },
    destroy() {
      changed.stop();
      for (const b of [posBuf, bandBuf, bandFBuf, layerBuf, layerFBuf]) gl.deleteBuffer(b);
      gl.deleteTexture(fxTex);
      gl.deleteVertexArray(vao);
      gl.deleteProgram(program);
    },
  };
}
