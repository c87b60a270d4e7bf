/**
 * A crowd of bands as struct-of-arrays: one typed array per field, one slot per
 * seat, so one packet reaches 100,000 bands and a frame of 100,000 colours is
 * computed without an object per band. Behaviour is exactly the reference `Band`'s
 * (spec section 2); a property test checks the two against each other.
 *
 * Time: `atMs` is the crowd's own time line (the show's, in practice). Band i's
 * local time is `atMs * (1 + drift_i)`, its clock that plus an offset SYNC sets.
 */
import { CCB_AXIS, CCB_SHAPE, START_ON_RECEIPT, decodeCcb, type CcbPacket, type Rgb } from '@crowdcue/protocol';
import { TWO32, diffS32, wrapU32 } from '../band/clock';
import {
  AXIS_LINEAR,
  AXIS_RADIAL,
  SHAPE_RAINBOW,
  SHAPE_RAMP,
  SHAPE_SINE,
  SHAPE_SPARKLE,
  direction,
  fadeChannel,
  masterChannel,
  mixChannel,
  phaseLag,
  rainbowInto,
  sineWeight,
  sparkleHash,
} from '../band/effect-math';
import type { VenueMap, VenueSeat } from '../venue/types';

/** One band (or empty seat) as an object; fine for small crowds and tests. */
export interface CrowdBandInput {
  site: number;
  zone: number;
  pixel: number;
  x: number;
  y: number;
  /** false = an empty seat: no band, never receives, alpha 0. Default true. */
  present?: boolean;
  awake?: boolean;
  /** Clock drift in parts per million (+ runs fast). */
  driftPpm?: number;
  /** Band clock at crowd time 0. */
  clockMs?: number;
}

/** The same as typed arrays (one entry per seat), the form large crowds are built in. */
export interface CrowdArraysInput {
  site: number | Uint8Array;
  zone: Uint8Array;
  pixel: Uint16Array;
  x: Uint8Array;
  y: Uint8Array;
  present?: Uint8Array;
  awake?: Uint8Array;
  driftPpm?: Float64Array | Float32Array;
  clockMs?: Float64Array;
}

export interface CrowdOptions {
  /** The venue the seats come from (same order): labels for hover and reports, positions for drawing. */
  venue?: VenueMap;
}

export type StateWatcher = (lo: number, hi: number, effectsChanged: boolean) => void;

/** See Crowd.bandState. Layer kinds: 0 none (pending slot empty), 1 fade, 2 effect. */
export interface CrowdBandState {
  count: number;
  present: Uint8Array;
  awake: Uint8Array;
  master: Uint8Array;
  pixel: Uint16Array;
  /** Band clock = atMs * rate + offset, wrapped to u32. */
  rate: Float64Array;
  offset: Float64Array;
  kind: Uint8Array;
  start: Float64Array;
  fadeMs: Float64Array;
  /** r, g, b per layer. */
  from: Uint8Array;
  to: Uint8Array;
  /** Index into effects, -1 = none. */
  fxIndex: Int32Array;
  /** Phase lag q * spread / 16 of the layer's effect at the band's seat. */
  lag: Float64Array;
  effects: readonly EffectEntry[];
}

/** Effect parameters shared by every band one EFFECT packet reached. */
export interface EffectEntry {
  shape: number;
  r1: number;
  g1: number;
  b1: number;
  r2: number;
  g2: number;
  b2: number;
  /** max(r1, g1, b1): RAINBOW's value. */
  v: number;
  periodMs: number;
}

const littleEndian = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

const KIND_NONE = 0;
const KIND_FADE = 1;
const KIND_EFFECT = 2;
const SLOTS = 8;
const NO_INDEX = 0xff;

export class Crowd {
  readonly count: number;
  readonly site: Uint8Array;
  readonly zone: Uint8Array;
  readonly pixel: Uint16Array;
  readonly x: Uint8Array;
  readonly y: Uint8Array;
  /** 1 = a band is in this seat; 0 = empty seat. */
  readonly present: Uint8Array;
  /** Seat positions in venue units (for drawing; x, y above are the bands' 0..255). */
  readonly fx: Float32Array;
  readonly fy: Float32Array;
  readonly venue: VenueMap | undefined;
  /** 1 = awake. Read-only for callers; WAKE and SLEEP change it. */
  readonly awake: Uint8Array;
  /** Master level per band. */
  readonly master: Uint8Array;

  /** Local-time rate per band: 1 + drift. */
  private readonly rate: Float64Array;
  /** Band clock = atMs * rate + offset. */
  private readonly offset: Float64Array;
  /** Last 8 seq per band, 4 per 32-bit word, and where the next goes. */
  private readonly seqRing: Int32Array;
  private readonly seqPos: Uint8Array;

  // Layers: index i is band i's base layer, i + count its pending layer.
  private readonly kind: Uint8Array;
  private readonly start: Float64Array;
  private readonly fadeMs: Float64Array;
  private readonly from: Uint8Array;
  private readonly to: Uint8Array;
  private readonly fxIndex: Int32Array;
  private readonly lag: Float64Array;

  /** Per band and image slot: stored palette index (0xFF = none) and palette table entry (-1 = none). */
  private readonly imageIndex: Uint8Array;
  private readonly imagePalette: Int32Array;

  private effects: EffectEntry[] = [];
  private effectsCompactAt = 256;
  /** Palettes, flat r,g,b; one entry per PALETTE packet, shared by the bands it reached. */
  private palettes: Uint8Array[] = [];
  private palettesCompactAt = 256;

  private readonly accepted: Int32Array;
  private readonly rgb = new Uint8Array(3);
  /** Who is told which bands a packet changed (the renderer keeps its GPU copy of the state in step). */
  private readonly watchers = new Set<StateWatcher>();
  private compactions = 0;

  constructor(bands: readonly CrowdBandInput[] | CrowdArraysInput, opts: CrowdOptions = {}) {
    const a = Array.isArray(bands) ? arraysFromObjects(bands as readonly CrowdBandInput[]) : (bands as CrowdArraysInput);
    const n = a.zone.length;
    for (const [name, arr] of [['pixel', a.pixel], ['x', a.x], ['y', a.y], ['present', a.present], ['awake', a.awake], ['driftPpm', a.driftPpm], ['clockMs', a.clockMs], ['site', typeof a.site === 'number' ? undefined : a.site]] as const) {
      if (arr && arr.length !== n) throw new RangeError(`${name} has ${arr.length} entries, zone has ${n}`);
    }
    if (opts.venue && opts.venue.seats.length !== n) throw new RangeError(`venue has ${opts.venue.seats.length} seats, the crowd ${n}`);
    this.count = n;
    this.site = typeof a.site === 'number' ? new Uint8Array(n).fill(a.site) : a.site;
    this.zone = a.zone;
    this.pixel = a.pixel;
    this.x = a.x;
    this.y = a.y;
    this.present = a.present ?? new Uint8Array(n).fill(1);
    this.awake = a.awake ? Uint8Array.from(a.awake) : new Uint8Array(n).fill(1);
    this.master = new Uint8Array(n).fill(255);
    this.venue = opts.venue;
    this.fx = new Float32Array(n);
    this.fy = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      this.fx[i] = opts.venue ? opts.venue.seats[i].x : a.x[i];
      this.fy[i] = opts.venue ? opts.venue.seats[i].y : a.y[i];
    }
    this.rate = new Float64Array(n).fill(1);
    if (a.driftPpm) for (let i = 0; i < n; i++) this.rate[i] = 1 + a.driftPpm[i] * 1e-6;
    this.offset = a.clockMs ? Float64Array.from(a.clockMs) : new Float64Array(n);
    this.seqRing = new Int32Array(2 * n);
    this.seqPos = new Uint8Array(n);

    this.kind = new Uint8Array(2 * n);
    this.kind.fill(KIND_FADE, 0, n);
    this.start = new Float64Array(2 * n);
    this.fadeMs = new Float64Array(2 * n);
    this.from = new Uint8Array(6 * n);
    this.to = new Uint8Array(6 * n);
    this.fxIndex = new Int32Array(2 * n).fill(-1);
    this.lag = new Float64Array(2 * n);

    this.imageIndex = new Uint8Array(SLOTS * n).fill(NO_INDEX);
    this.imagePalette = new Int32Array(SLOTS * n).fill(-1);
    this.accepted = new Int32Array(n);
  }

  /** Number of seats with a band. */
  get bandCount(): number {
    let c = 0;
    for (let i = 0; i < this.count; i++) c += this.present[i];
    return c;
  }

  /** Band i's clock at crowd time atMs. */
  clockOf(i: number, atMs: number): number {
    return wrapU32(atMs * this.rate[i] + this.offset[i]);
  }

  /**
   * One packet ends its transmission at crowd time `atMs`; `reached[i] = 1` for
   * each band that received it (default: every band).
   */
  receive(bytes: Uint8Array, atMs: number, reached?: Uint8Array): void {
    if (reached !== undefined && reached.length < this.count) {
      throw new RangeError(`reached has ${reached.length} entries, the crowd ${this.count}`);
    }
    if (bytes.length < 2) return;
    const site = bytes[0];
    const seq = bytes[1];
    if (seq === 0) return; // never sent; see Band.receive
    const decoded = decodeCcb(bytes);
    const packet = decoded.ok ? decoded.value : null;
    const n = this.accept(site, seq, packet, reached);
    if (packet && n > 0) {
      const compactions = this.compactions;
      const effects = this.effects.length;
      this.apply(packet, atMs, n);
      // accepted[] is in seat order: the packet changed seats accepted[0] .. accepted[n - 1] at most.
      // A table compaction renumbered every band's references: then every seat changed.
      const all = compactions !== this.compactions;
      const lo = all ? 0 : this.accepted[0];
      const hi = all ? this.count - 1 : this.accepted[n - 1];
      const effectsChanged = all || effects !== this.effects.length;
      for (const w of this.watchers) w(lo, hi, effectsChanged);
    }
  }

  /**
   * Calls `watcher(lo, hi, effectsChanged)` after each packet that changed bands: seats lo..hi
   * (inclusive) may have new state; effectsChanged says the effect table changed too.
   * Returns the function that stops watching.
   */
  watch(watcher: StateWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /**
   * The model's own state arrays, read-only by contract, for renderers that evaluate colours
   * themselves (the WebGL2 shader, the colour worker). Layer arrays hold 2 * count entries:
   * index i is band i's base layer, i + count its pending layer (see colorsAt for how they are read).
   */
  bandState(): CrowdBandState {
    return {
      count: this.count,
      present: this.present,
      awake: this.awake,
      master: this.master,
      pixel: this.pixel,
      rate: this.rate,
      offset: this.offset,
      kind: this.kind,
      start: this.start,
      fadeMs: this.fadeMs,
      from: this.from,
      to: this.to,
      fxIndex: this.fxIndex,
      lag: this.lag,
      effects: this.effects,
    };
  }

  /** Records seq on every band it reaches and lists, in `accepted`, those that act on the packet. */
  private accept(site: number, seq: number, packet: CcbPacket | null, reached: Uint8Array | undefined): number {
    const { present, seqRing, seqPos, zone, pixel, awake, accepted } = this;
    const siteOf = this.site;
    const pattern = Math.imul(seq, 0x01010101);
    const target = packet?.target;
    const targetKind = !target ? 0 : target.kind === 'ALL' ? 0 : target.kind === 'ZONES' ? 1 : 2;
    const zoneHit = new Uint8Array(64);
    if (target?.kind === 'ZONES') for (const z of target.zones) zoneHit[z] = 1;
    const first = target?.kind === 'PIXELS' ? target.first : 0;
    const last = target?.kind === 'PIXELS' ? target.last : 0;
    const isWake = packet?.cmd === 'WAKE';
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      if (present[i] === 0 || (reached !== undefined && reached[i] === 0) || siteOf[i] !== site) continue;
      // Any byte of the two ring words equal to seq? (the classic has-zero-byte test on word ^ pattern)
      const w0 = seqRing[2 * i] ^ pattern;
      const w1 = seqRing[2 * i + 1] ^ pattern;
      if ((((w0 - 0x01010101) & ~w0) | ((w1 - 0x01010101) & ~w1)) & 0x80808080) continue;
      const pos = seqPos[i];
      const word = 2 * i + (pos >> 2);
      const shift = (pos & 3) << 3;
      seqRing[word] = (seqRing[word] & ~(0xff << shift)) | (seq << shift);
      seqPos[i] = (pos + 1) & 7;
      if (packet === null) continue;
      if (targetKind === 1 ? zoneHit[zone[i]] === 0 : targetKind === 2 && (pixel[i] < first || pixel[i] > last)) continue;
      if (awake[i] === 0 && !isWake) continue;
      accepted[n++] = i;
    }
    return n;
  }

  private apply(p: CcbPacket, atMs: number, n: number): void {
    const { accepted } = this;
    const N = this.count;
    switch (p.cmd) {
      case 'COLOR': {
        const [r, g, b] = p.rgb;
        for (let k = 0; k < n; k++) this.fadeTo(accepted[k], r, g, b, p.fadeMs, atMs);
        break;
      }
      case 'ZONE_COLORS': {
        // Per-packet work once: each zone's colour in a 64-entry table; unlisted zones are unchanged.
        const listed = new Uint8Array(64);
        const colour = new Uint8Array(3 * 64);
        for (const [z, c] of p.zones) {
          listed[z] = 1;
          colour.set(c, 3 * z);
        }
        const { zone } = this;
        for (let k = 0; k < n; k++) {
          const i = accepted[k];
          const z = zone[i];
          if (listed[z] === 1) this.fadeTo(i, colour[3 * z], colour[3 * z + 1], colour[3 * z + 2], p.fadeMs, atMs);
        }
        break;
      }
      case 'EFFECT': {
        const fx = this.addEffect(p);
        const { cos, sin } = direction(p.dir);
        const axis = CCB_AXIS[p.axis];
        const spread = p.spread;
        const startMs = p.startMs;
        const onReceipt = startMs === START_ON_RECEIPT;
        const { kind, start, fxIndex, lag, rate, offset, x, y, zone } = this;
        // Per-packet work done once: ZONE lags by zone, NONE has none; LINEAR and RADIAL need each band's x, y.
        const zoneLag = new Float64Array(64);
        for (let z = 0; z < 64; z++) zoneLag[z] = phaseLag(axis, 0, 0, z, spread, cos, sin);
        const perBand = axis === AXIS_LINEAR || axis === AXIS_RADIAL;
        for (let k = 0; k < n; k++) {
          const i = accepted[k];
          const j = i + N;
          let t = atMs * rate[i] + offset[i];
          if (t < 0 || t >= TWO32) t = wrapU32(t);
          const s = onReceipt ? t : startMs;
          // Started already: it replaces the base layer and whatever was waiting. Not yet: it replaces
          // only the waiting layer, after one whose start has come became the base.
          let slot = i;
          if (diffS32(t, s) < 0) {
            if (kind[j] !== KIND_NONE) this.settle(i, t);
            slot = j;
          } else kind[j] = KIND_NONE;
          kind[slot] = KIND_EFFECT;
          fxIndex[slot] = fx;
          lag[slot] = perBand ? phaseLag(axis, x[i], y[i], zone[i], spread, cos, sin) : zoneLag[zone[i]];
          start[slot] = s;
        }
        break;
      }
      case 'MASTER':
        for (let k = 0; k < n; k++) this.master[accepted[k]] = p.level;
        break;
      case 'SYNC':
        for (let k = 0; k < n; k++) {
          const i = accepted[k];
          this.offset[i] = p.clockMs - atMs * this.rate[i];
        }
        break;
      case 'PALETTE': {
        const entry = this.addPalette(p.colors);
        for (let k = 0; k < n; k++) this.imagePalette[accepted[k] * SLOTS + p.image] = entry;
        break;
      }
      case 'IMAGE': {
        // The runs as one dense table over the pixels they cover: one lookup per band.
        let covered = 0;
        for (const [len] of p.runs) covered += len;
        const table = new Uint8Array(covered);
        let at = 0;
        for (const [len, index] of p.runs) {
          table.fill(index, at, at + len);
          at += len;
        }
        for (let k = 0; k < n; k++) {
          const i = accepted[k];
          const d = this.pixel[i] - p.first;
          if (d < 0 || d >= covered) continue;
          const index = table[d];
          if (index !== NO_INDEX) this.imageIndex[i * SLOTS + p.image] = index;
        }
        break;
      }
      case 'SHOW_IMAGE': {
        const onReceipt = p.startMs === START_ON_RECEIPT;
        for (let k = 0; k < n; k++) {
          const i = accepted[k];
          const index = this.imageIndex[i * SLOTS + p.image];
          const entry = this.imagePalette[i * SLOTS + p.image];
          if (index === NO_INDEX || entry < 0) continue;
          const colours = this.palettes[entry];
          if (3 * index >= colours.length) continue; // not in this band's palette: the band is unchanged
          const t = this.clockOf(i, atMs);
          const j = i + N;
          if (this.kind[j] !== KIND_NONE) this.settle(i, t);
          const start = onReceipt ? t : p.startMs;
          // The base layer cannot change before `start` without cancelling this layer: its colour then is known now.
          this.layerInto(i, i, start, this.from, 3 * j);
          this.kind[j] = KIND_FADE;
          this.start[j] = start;
          this.fadeMs[j] = p.fadeMs;
          this.to[3 * j] = colours[3 * index];
          this.to[3 * j + 1] = colours[3 * index + 1];
          this.to[3 * j + 2] = colours[3 * index + 2];
          this.settle(i, t);
        }
        break;
      }
      case 'WAKE':
        for (let k = 0; k < n; k++) this.awake[accepted[k]] = 1;
        break;
      case 'SLEEP':
        for (let k = 0; k < n; k++) this.awake[accepted[k]] = 0;
        break;
    }
  }

  /** COLOR on band i at crowd time atMs: fade from what it shows now to (r, g, b); a waiting layer is cancelled. */
  private fadeTo(i: number, r: number, g: number, b: number, fade: number, atMs: number): void {
    const N = this.count;
    let t = atMs * this.rate[i] + this.offset[i];
    if (t < 0 || t >= TWO32) t = wrapU32(t);
    if (this.kind[i + N] !== KIND_NONE) this.settle(i, t);
    this.layerInto(i, i, t, this.from, 3 * i);
    this.kind[i] = KIND_FADE;
    this.start[i] = t;
    this.fadeMs[i] = fade;
    this.to[3 * i] = r;
    this.to[3 * i + 1] = g;
    this.to[3 * i + 2] = b;
    this.kind[i + N] = KIND_NONE;
  }

  /** Band i's pending layer, if its start has come, becomes its base layer. */
  private settle(i: number, t: number): void {
    const j = i + this.count;
    if (this.kind[j] === KIND_NONE || diffS32(t, this.start[j]) < 0) return;
    this.kind[i] = this.kind[j];
    this.start[i] = this.start[j];
    this.fadeMs[i] = this.fadeMs[j];
    this.from.copyWithin(3 * i, 3 * j, 3 * j + 3);
    this.to.copyWithin(3 * i, 3 * j, 3 * j + 3);
    this.fxIndex[i] = this.fxIndex[j];
    this.lag[i] = this.lag[j];
    this.kind[j] = KIND_NONE;
  }

  /** Colour (before master) of layer j of band i at band time t, written to out[o..o+2]. */
  private layerInto(j: number, i: number, t: number, out: Uint8Array, o: number): void {
    if (this.kind[j] === KIND_FADE) {
      const ms = this.fadeMs[j];
      const elapsed = diffS32(t, this.start[j]);
      const f = ms === 0 ? 1 : elapsed <= 0 ? 0 : elapsed >= ms ? 1 : elapsed / ms;
      const from = this.from;
      const to = this.to;
      out[o] = fadeChannel(from[3 * j], to[3 * j], f);
      out[o + 1] = fadeChannel(from[3 * j + 1], to[3 * j + 1], f);
      out[o + 2] = fadeChannel(from[3 * j + 2], to[3 * j + 2], f);
      return;
    }
    const e = this.effects[this.fxIndex[j]];
    const u = diffS32(t, this.start[j]) / e.periodMs - this.lag[j];
    const p = u - Math.floor(u);
    switch (e.shape) {
      case SHAPE_SINE: {
        const w = sineWeight(p);
        out[o] = mixChannel(e.r1, e.r2, w);
        out[o + 1] = mixChannel(e.g1, e.g2, w);
        out[o + 2] = mixChannel(e.b1, e.b2, w);
        return;
      }
      case SHAPE_RAMP:
        out[o] = mixChannel(e.r1, e.r2, p);
        out[o + 1] = mixChannel(e.g1, e.g2, p);
        out[o + 2] = mixChannel(e.b1, e.b2, p);
        return;
      case SHAPE_RAINBOW:
        rainbowInto(p, e.v, out, o);
        return;
      case SHAPE_SPARKLE: {
        const on = sparkleHash(this.pixel[i], Math.floor(u)) < 32;
        out[o] = on ? e.r1 : e.r2;
        out[o + 1] = on ? e.g1 : e.g2;
        out[o + 2] = on ? e.b1 : e.b2;
        return;
      }
      default: {
        const on = p < 0.5;
        out[o] = on ? e.r1 : e.r2;
        out[o + 1] = on ? e.g1 : e.g2;
        out[o + 2] = on ? e.b1 : e.b2;
      }
    }
  }

  /** Band i's output at crowd time atMs into out[o..o+2] (rgb). */
  private outputInto(i: number, atMs: number, out: Uint8Array, o: number): void {
    if (this.awake[i] === 0 || this.present[i] === 0) {
      out[o] = 0;
      out[o + 1] = 0;
      out[o + 2] = 0;
      return;
    }
    let t = atMs * this.rate[i] + this.offset[i];
    if (t < 0 || t >= 4294967296) t = wrapU32(t);
    const j = i + this.count;
    this.layerInto(this.kind[j] !== KIND_NONE && diffS32(t, this.start[j]) >= 0 ? j : i, i, t, out, o);
    const m = this.master[i];
    if (m !== 255) {
      out[o] = masterChannel(out[o], m);
      out[o + 1] = masterChannel(out[o + 1], m);
      out[o + 2] = masterChannel(out[o + 2], m);
    }
  }

  /**
   * Every seat's colour at crowd time atMs: RGBA (4 bytes per seat, alpha 255 for a
   * seat with a band, 0 for an empty one), ready to upload as a texture; or RGB.
   */
  colorsAt(atMs: number, out: Uint8Array, format: 'rgba' | 'rgb' = 'rgba'): void {
    const stride = format === 'rgba' ? 4 : 3;
    const N = this.count;
    if (out.length < stride * N) throw new RangeError(`out holds ${out.length} bytes, ${stride * N} needed`);
    // The per-frame hot loop: the same arithmetic as layerInto and outputInto, inlined with locals
    // (the property test holds both paths to the reference Band).
    const { present, awake, rate, offset, kind, start, fadeMs, from, to, fxIndex, lag, master, pixel, effects, rgb } = this;
    // RGBA into an aligned buffer goes out one 32-bit word per band (little-endian: r is the low byte).
    const words = stride === 4 && out.byteOffset % 4 === 0 && littleEndian ? new Uint32Array(out.buffer, out.byteOffset, N) : null;
    for (let i = 0; i < N; i++) {
      const o = stride * i;
      if (present[i] === 0 || awake[i] === 0) {
        if (words) words[i] = present[i] ? 0xff000000 : 0;
        else {
          out[o] = 0;
          out[o + 1] = 0;
          out[o + 2] = 0;
          if (stride === 4) out[o + 3] = present[i] ? 255 : 0;
        }
        continue;
      }
      let t = atMs * rate[i] + offset[i];
      if (t < 0 || t >= TWO32) t = wrapU32(t);
      let j = i + N;
      if (kind[j] === KIND_NONE || diffS32(t, start[j]) < 0) j = i;
      let r: number;
      let g: number;
      let b: number;
      if (kind[j] === KIND_FADE) {
        const ms = fadeMs[j];
        const elapsed = diffS32(t, start[j]);
        const f = ms === 0 ? 1 : elapsed <= 0 ? 0 : elapsed >= ms ? 1 : elapsed / ms;
        const c = 3 * j;
        // `| 0` is floor for these non-negative values.
        r = (from[c] + (to[c] - from[c]) * f + 0.5) | 0;
        g = (from[c + 1] + (to[c + 1] - from[c + 1]) * f + 0.5) | 0;
        b = (from[c + 2] + (to[c + 2] - from[c + 2]) * f + 0.5) | 0;
      } else {
        const e = effects[fxIndex[j]];
        const u = diffS32(t, start[j]) / e.periodMs - lag[j];
        const ph = u - Math.floor(u);
        const shape = e.shape;
        if (shape === SHAPE_SINE || shape === SHAPE_RAMP) {
          const w = shape === SHAPE_SINE ? 0.5 - 0.5 * Math.cos(2 * Math.PI * ph) : ph;
          r = (e.r2 + (e.r1 - e.r2) * w + 0.5) | 0;
          g = (e.g2 + (e.g1 - e.g2) * w + 0.5) | 0;
          b = (e.b2 + (e.b1 - e.b2) * w + 0.5) | 0;
        } else if (shape === SHAPE_RAINBOW) {
          rainbowInto(ph, e.v, rgb, 0);
          r = rgb[0];
          g = rgb[1];
          b = rgb[2];
        } else {
          const on = shape === SHAPE_SPARKLE ? sparkleHash(pixel[i], Math.floor(u)) < 32 : ph < 0.5;
          r = on ? e.r1 : e.r2;
          g = on ? e.g1 : e.g2;
          b = on ? e.b1 : e.b2;
        }
      }
      const m = master[i];
      if (m !== 255) {
        r = ((r * m) / 255) | 0;
        g = ((g * m) / 255) | 0;
        b = ((b * m) / 255) | 0;
      }
      if (words) words[i] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
      else {
        out[o] = r;
        out[o + 1] = g;
        out[o + 2] = b;
        if (stride === 4) out[o + 3] = 255;
      }
    }
  }

  /** Band i's colour at crowd time atMs (black for an empty seat or a sleeping band). */
  colorOf(i: number, atMs: number): Rgb {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`no seat ${i} (the crowd has ${this.count})`);
    this.outputInto(i, atMs, this.rgb, 0);
    return [this.rgb[0], this.rgb[1], this.rgb[2]];
  }

  /** The seat behind index i, for hover and reports (undefined without a venue). */
  seatOf(i: number): VenueSeat | undefined {
    return this.venue?.seats[i];
  }

  private addEffect(p: Extract<CcbPacket, { cmd: 'EFFECT' }>): number {
    if (this.effects.length >= this.effectsCompactAt) {
      this.effects = this.compact(this.effects, this.fxIndex, (j) => this.kind[j] === KIND_EFFECT);
      this.effectsCompactAt = Math.max(256, 2 * this.effects.length);
    }
    const [r1, g1, b1] = p.c1;
    const [r2, g2, b2] = p.c2;
    this.effects.push({ shape: CCB_SHAPE[p.shape], r1, g1, b1, r2, g2, b2, v: Math.max(r1, g1, b1), periodMs: p.periodMs });
    return this.effects.length - 1;
  }

  private addPalette(colors: Rgb[]): number {
    if (this.palettes.length >= this.palettesCompactAt) {
      this.palettes = this.compact(this.palettes, this.imagePalette, () => true);
      this.palettesCompactAt = Math.max(256, 2 * this.palettes.length);
    }
    const flat = new Uint8Array(3 * colors.length);
    colors.forEach((c, k) => flat.set(c, 3 * k));
    this.palettes.push(flat);
    return this.palettes.length - 1;
  }

  /** Drops table entries no band refers to any more and renumbers the references. */
  private compact<T>(table: T[], refs: Int32Array, live: (j: number) => boolean): T[] {
    this.compactions++;
    const renumber = new Int32Array(table.length).fill(-1);
    const kept: T[] = [];
    for (let j = 0; j < refs.length; j++) {
      const r = refs[j];
      if (r < 0) continue;
      if (!live(j)) {
        refs[j] = -1;
        continue;
      }
      if (renumber[r] < 0) {
        renumber[r] = kept.length;
        kept.push(table[r]);
      }
      refs[j] = renumber[r];
    }
    return kept;
  }
}

function arraysFromObjects(bands: readonly CrowdBandInput[]): CrowdArraysInput {
  const n = bands.length;
  const a = {
    site: new Uint8Array(n),
    zone: new Uint8Array(n),
    pixel: new Uint16Array(n),
    x: new Uint8Array(n),
    y: new Uint8Array(n),
    present: new Uint8Array(n),
    awake: new Uint8Array(n),
    driftPpm: new Float64Array(n),
    clockMs: new Float64Array(n),
  };
  bands.forEach((b, i) => {
    a.site[i] = b.site;
    a.zone[i] = b.zone;
    a.pixel[i] = b.pixel;
    a.x[i] = b.x;
    a.y[i] = b.y;
    a.present[i] = b.present === false ? 0 : 1;
    a.awake[i] = b.awake === false ? 0 : 1;
    a.driftPpm[i] = b.driftPpm ?? 0;
    a.clockMs[i] = b.clockMs ?? 0;
  });
  return a;
}
