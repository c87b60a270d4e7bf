/**
 * WebGL2 painter: the whole crowd is one gl.POINTS draw, one vertex per band
 * with its position and colour as attributes; the fragment shader rounds each
 * point into a soft dot. Positions are uploaded once per crowd; per frame only
 * the RGBA colour buffer (4 bytes per band) goes up, as normalised unsigned
 * bytes straight from the crowd's output array.
 *
 * Points, not instanced quads: both are one draw call, but software GL
 * (SwiftShader, what headless Chromium falls back to) is some 30 times slower
 * with instancing, and on a GPU the two cost the same. The price is a cap on
 * dot size (ALIASED_POINT_SIZE_RANGE, usually >= 256 px), reached only when
 * zoomed in on a handful of seats.
 */
import type { DotStyle, Painter } from './painter';
import type { ViewTransform } from './view-transform';

/**
 * The vertex side of every dot program, spliced into each vertex shader after
 * its own inputs: the view, dot size and unlit colour that dotFrame sets, and
 * how a band becomes a dot, whoever computed its colour.
 */
export const DOT_VERTEX = `uniform vec4 u_view;
uniform float u_size;
uniform vec3 u_unlit;
out vec3 v_rgb;
// A seat with no band: no point at all.
void hideDot() {
  v_rgb = vec3(0.0);
  gl_PointSize = 0.0;
  gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}
// A band showing rgb (0..1) at pos; a band that is off shows the unlit colour, a lit one its own.
void placeDot(vec2 pos, vec3 rgb) {
  float lit = max(rgb.r, max(rgb.g, rgb.b));
  v_rgb = min(rgb + u_unlit * (1.0 - lit), vec3(1.0));
  gl_PointSize = u_size;
  gl_Position = vec4(pos * u_view.xy + u_view.zw, 0.0, 1.0);
}`;

const VERTEX = `#version 300 es
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec4 a_color;
${DOT_VERTEX}
void main() {
  if (a_color.a == 0.0) {
    hideDot();
    return;
  }
  placeDot(a_pos, a_color.rgb);
}`;

export const DOT_FRAGMENT = `#version 300 es
precision mediump float;
in vec3 v_rgb;
uniform float u_edge;
out vec4 outColor;
void main() {
  float d = length(gl_PointCoord * 2.0 - 1.0);
  float a = 1.0 - smoothstep(1.0 - u_edge, 1.0, d);
  if (a <= 0.0) discard;
  outColor = vec4(v_rgb * a, a);
}`;

export function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type);
  if (!shader) throw new Error('crowd view: could not create a WebGL shader');
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
    throw new Error(`crowd view: shader did not compile: ${gl.getShaderInfoLog(shader) ?? ''}`);
  }
  return shader;
}

export function link(gl: WebGL2RenderingContext, vertex = VERTEX, fragment = DOT_FRAGMENT): WebGLProgram {
  const program = gl.createProgram();
  const vs = compile(gl, gl.VERTEX_SHADER, vertex);
  const fs = compile(gl, gl.FRAGMENT_SHADER, fragment);
  gl.attachShader(program, vs);
  gl.attachShader(program, fs);
  gl.linkProgram(program);
  gl.deleteShader(vs);
  gl.deleteShader(fs);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    throw new Error(`crowd view: shader program did not link: ${gl.getProgramInfoLog(program) ?? ''}`);
  }
  return program;
}

export function rendererString(gl: WebGL2RenderingContext): string {
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const name = debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return `WebGL2: ${String(name)}`;
}

/**
 * What every dot program does for a frame, whoever computes the colours: clear
 * to the background, then draw the dots with the view, the dot size, the unlit colour and the
 * soft edge (the `u_view`, `u_size`, `u_unlit` of DOT_VERTEX and `u_edge` of
 * DOT_FRAGMENT), with premultiplied blending.
 */
export function dotFrame(gl: WebGL2RenderingContext, program: WebGLProgram): { clear(style: DotStyle): void; draw(view: ViewTransform, style: DotStyle, count: number): void } {
  const uView = gl.getUniformLocation(program, 'u_view');
  const uSize = gl.getUniformLocation(program, 'u_size');
  const uUnlit = gl.getUniformLocation(program, 'u_unlit');
  const uEdge = gl.getUniformLocation(program, 'u_edge');
  const sizeRange = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array;
  const maxPointSize = Math.max(1, sizeRange[1]);
  const affine = new Float32Array(4);
  return {
    clear(style) {
      const [br, bg, bb] = style.background;
      gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
      gl.clearColor(br / 255, bg / 255, bb / 255, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
    },
    /** Sets the frame's uniforms and draws `count` dots from the program's bound vertex array (left unbound after). */
    draw(view, style, count) {
      gl.uniform4fv(uView, view.clipAffine(affine));
      // The point spans the dot plus half a pixel of soft edge each side.
      const size = Math.min(maxPointSize, 2 * style.radiusPx + 1);
      gl.uniform1f(uSize, size);
      gl.uniform3f(uUnlit, style.unlit[0] / 255, style.unlit[1] / 255, style.unlit[2] / 255);
      // About one device pixel of soft edge, whatever the dot size.
      gl.uniform1f(uEdge, Math.min(1, 2 / size));
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      gl.drawArrays(gl.POINTS, 0, count);
      gl.bindVertexArray(null);
    },
  };
}

/** A WebGL2 painter on `canvas`, or null where WebGL2 is not available. */
export function createWebglPainter(canvas: HTMLCanvasElement): Painter | null {
  const gl = canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false, premultipliedAlpha: true });
  if (!gl) return null;
  const program = link(gl);
  const frame = dotFrame(gl, program);

  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  const posBuf = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, posBuf);
  gl.enableVertexAttribArray(0);
  gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
  const colorBuf = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, colorBuf);
  gl.enableVertexAttribArray(1);
  gl.vertexAttribPointer(1, 4, gl.UNSIGNED_BYTE, true, 0, 0);
  gl.bindVertexArray(null);

  let count = 0;
  const info = rendererString(gl);

  return {
    kind: 'webgl2',
    info,
    setPositions(x, y, n) {
      count = n;
      const pos = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        pos[2 * i] = x[i];
        pos[2 * i + 1] = y[i];
      }
      gl.bindBuffer(gl.ARRAY_BUFFER, posBuf);
      gl.bufferData(gl.ARRAY_BUFFER, pos, gl.STATIC_DRAW);
      gl.bindBuffer(gl.ARRAY_BUFFER, colorBuf);
      gl.bufferData(gl.ARRAY_BUFFER, Math.max(4, 4 * n), gl.DYNAMIC_DRAW);
    },
    draw(colors, view: ViewTransform, _dpr, style: DotStyle) {
      frame.clear(style);
      if (count === 0) return;
      gl.useProgram(program);
      gl.bindVertexArray(vao);
      gl.bindBuffer(gl.ARRAY_BUFFER, colorBuf);
      gl.bufferSubData(gl.ARRAY_BUFFER, 0, colors, 0, 4 * count);
      frame.draw(view, style, count);
    },
    resize(width, height) {
      canvas.width = width;
      canvas.height = height;
    },
    destroy() {
      gl.deleteBuffer(posBuf);
      gl.deleteBuffer(colorBuf);
      gl.deleteVertexArray(vao);
      gl.deleteProgram(program);
    },
  };
}
