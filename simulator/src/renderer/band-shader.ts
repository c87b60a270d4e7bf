/**
 * GLSL ES 3.0 for the band-state painter: the vertex shader evaluates each band's
 * colour from its packed state (band-state-pack.ts) with the formulas of spec 2.4,
 * the way the crowd model's colorsAt does: clocks in u32 arithmetic with a float
 * fraction, SPARKLE's hash in 32-bit uint, rounding floor(v + 0.5), master
 * floor(c * level / 255) in integers.
 */
import { DOT_VERTEX } from './webgl-painter';

export const BAND_VERTEX = `#version 300 es
precision highp float;
precision highp int;
precision highp usampler2D;
layout(location = 0) in vec2 a_pos;
layout(location = 1) in uvec2 a_band;
layout(location = 2) in vec2 a_bandF;
layout(location = 3) in uvec4 a_layer0;
layout(location = 4) in uvec4 a_layer1;
layout(location = 5) in vec4 a_layerF;
${DOT_VERTEX}
// Show time: whole ms (u32, wrapped), fraction, and as a float for the drift term.
uniform uint u_atWhole;
uniform float u_atFrac;
uniform float u_atF;
uniform usampler2D u_effects;

const float TAU = 6.283185307179586;

float roundHalfUp(float v) { return floor(v + 0.5); }

uvec3 unpackRgb(uint c) { return uvec3(c & 255u, (c >> 8) & 255u, (c >> 16) & 255u); }

// Elapsed band time since a layer's start: signed 32-bit whole part and a fraction.
void elapsedSince(uint tWhole, float tFrac, uint sWhole, float sFrac, out int eWhole, out float eFrac) {
  eWhole = int(tWhole - sWhole);
  eFrac = tFrac - sFrac;
}

vec3 fadeColour(uvec4 layer, int eWhole, float eFrac) {
  float ms = float(layer.w & 65535u);
  float f;
  if (ms == 0.0) f = 1.0;
  else {
    // Past the fade (or long before it) the whole part alone decides.
    float e = eWhole > 65536 ? 65536.0 : eWhole < -1 ? -1.0 : float(eWhole) + eFrac;
    f = e <= 0.0 ? 0.0 : e >= ms ? 1.0 : e / ms;
  }
  vec3 a = vec3((layer.y >> 8) & 255u, (layer.y >> 16) & 255u, layer.y >> 24);
  vec3 b = vec3(unpackRgb(layer.z));
  return floor(a + (b - a) * f + 0.5);
}

vec3 effectColour(uvec4 layer, float lag, int eWhole, float eFrac, uint pixel) {
  int fx = int(layer.w >> 16) - 1;
  uvec4 e = texelFetch(u_effects, ivec2(fx & 4095, fx >> 12), 0);
  int period = int(e.w);
  // u = elapsed / period - lag, with the whole cycles taken in integers so a long-running
  // effect keeps its phase exact.
  int cycles = eWhole / period;
  int rest = eWhole - cycles * period;
  if (rest < 0) { cycles -= 1; rest += period; }
  float x = (float(rest) + eFrac) / float(period) - lag;
  float fl = floor(x);
  int k = cycles + int(fl);
  float p = x - fl;
  vec3 c1 = vec3(unpackRgb(e.y));
  vec3 c2 = vec3(unpackRgb(e.z));
  uint shape = e.x;
  if (shape == 2u || shape == 3u) {
    float w = shape == 2u ? 0.5 - 0.5 * cos(TAU * p) : p;
    return floor(c2 + (c1 - c2) * w + 0.5);
  }
  if (shape == 4u) {
    float v = max(c1.r, max(c1.g, c1.b));
    float h = p * 6.0;
    float i = min(floor(h), 5.0);
    float f = h - i;
    float up = roundHalfUp(v * f);
    float down = roundHalfUp(v * (1.0 - f));
    if (i == 0.0) return vec3(v, up, 0.0);
    if (i == 1.0) return vec3(down, v, 0.0);
    if (i == 2.0) return vec3(0.0, v, up);
    if (i == 3.0) return vec3(0.0, down, v);
    if (i == 4.0) return vec3(up, 0.0, v);
    return vec3(v, 0.0, down);
  }
  bool on;
  if (shape == 5u) {
    uint h = (pixel ^ (uint(k) * 0x9E3779B1u)) * 0x85EBCA6Bu;
    h ^= h >> 13;
    on = (h & 255u) < 32u;
  } else {
    on = p < 0.5;
  }
  return on ? c1 : c2;
}

void main() {
  uint flags = a_band.y;
  if ((flags & (1u << 25)) == 0u) {
    hideDot();
    return;
  }
  vec3 rgb = vec3(0.0);
  if ((flags & (1u << 24)) != 0u) {
    // Band clock = at * rate + offset = at + at * drift + offset, whole parts wrapping in u32.
    uint tWhole = u_atWhole + a_band.x;
    float tFrac = u_atFrac + a_bandF.x + u_atF * a_bandF.y;
    float carry = floor(tFrac);
    tWhole += uint(int(carry));
    tFrac -= carry;
    int eWhole;
    float eFrac;
    uvec4 layer = a_layer0;
    float lag = a_layerF.y;
    elapsedSince(tWhole, tFrac, a_layer0.x, a_layerF.x, eWhole, eFrac);
    if ((a_layer1.y & 255u) != 0u) {
      int pWhole;
      float pFrac;
      elapsedSince(tWhole, tFrac, a_layer1.x, a_layerF.z, pWhole, pFrac);
      // The pending layer shows once its start has come (diffS32(t, start) >= 0).
      if (pWhole > 0 || (pWhole == 0 && pFrac >= 0.0) || (pWhole == -1 && pFrac >= 1.0)) {
        layer = a_layer1;
        lag = a_layerF.w;
        eWhole = pWhole;
        eFrac = pFrac;
      }
    }
    uint kind = layer.y & 255u;
    rgb = kind == 2u ? effectColour(layer, lag, eWhole, eFrac, flags & 65535u) : fadeColour(layer, eWhole, eFrac);
    uint master = (flags >> 16) & 255u;
    if (master != 255u) rgb = vec3((uvec3(rgb) * master) / 255u);
  }
  placeDot(a_pos, rgb / 255.0);
}`;
