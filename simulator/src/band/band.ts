/**
 * One wristband obeying CCB (spec section 2), written plainly: it is the
 * reference the struct-of-arrays crowd is checked against.
 */
import {
  CCB_AXIS,
  START_ON_RECEIPT,
  ccbTargetMatches,
  decodeCcb,
  type CcbPacket,
  type EffectShape,
  type Rgb,
} from '@crowdcue/protocol';
import { diffS32, wrapU32 } from './clock';
import { direction, fadeChannel, masterChannel, mixChannel, phaseLag, rainbowInto, sineWeight, sparkleHash } from './effect-math';

/** What a band is programmed with when it is handed out (spec 2.1). */
export interface BandIdentity {
  site: number;
  /** 0..63 */
  zone: number;
  /** Seat index, 0xFFFF = none. */
  pixel: number;
  /** Seat position scaled to 0..255. */
  x: number;
  y: number;
}

/** Why a band did or did not act on a packet; handy in tests and traces. */
export type BandReceipt = 'acted' | 'too-short' | 'other-site' | 'repeat' | 'malformed' | 'not-targeted' | 'asleep';

/** Image slots and palette size (spec 2.3 PALETTE / IMAGE). */
const IMAGE_SLOTS = 8;
const SEQ_MEMORY = 8;

type Layer =
  | { kind: 'fade'; from: Rgb; to: Rgb; start: number; ms: number }
  | { kind: 'effect'; shape: EffectShape; c1: Rgb; c2: Rgb; periodMs: number; lag: number; start: number };

export class Band {
  readonly site: number;
  readonly zone: number;
  readonly pixel: number;
  readonly x: number;
  readonly y: number;

  /** Band clock = local time + offset; SYNC moves the offset. */
  private offset: number;
  private awake = true;
  private master = 255;
  private readonly seen: number[] = [];
  private base: Layer = { kind: 'fade', from: [0, 0, 0], to: [0, 0, 0], start: 0, ms: 0 };
  /** An EFFECT or SHOW_IMAGE waiting for its start time; at most one (a newer one cancels it). */
  private pending: Layer | null = null;
  private readonly palettes: Rgb[][] = Array.from({ length: IMAGE_SLOTS }, () => []);
  private readonly imageIndex: Array<number | undefined> = new Array(IMAGE_SLOTS).fill(undefined);

  /** `clockMs` is the clock reading at local time 0 (a band powers up at 0). */
  constructor(id: BandIdentity, opts: { clockMs?: number; awake?: boolean } = {}) {
    this.site = id.site;
    this.zone = id.zone;
    this.pixel = id.pixel;
    this.x = id.x;
    this.y = id.y;
    this.offset = opts.clockMs ?? 0;
    this.awake = opts.awake ?? true;
  }

  get isAwake(): boolean {
    return this.awake;
  }

  get masterLevel(): number {
    return this.master;
  }

  /** The band clock (u32 ms, may carry a fraction) at local time `localMs`. */
  clockAt(localMs: number): number {
    return wrapU32(localMs + this.offset);
  }

  /** Handles one received packet at local time `localMs` (the end of its transmission). */
  receive(bytes: Uint8Array, localMs: number): BandReceipt {
    if (bytes.length < 2) return 'too-short';
    if (bytes[0] !== this.site) return 'other-site';
    const seq = bytes[1];
    // seq 0 is never sent; remembering it would make a fresh band drop real packets.
    if (seq === 0) return 'malformed';
    if (this.seen.includes(seq)) return 'repeat';
    this.seen.push(seq);
    if (this.seen.length > SEQ_MEMORY) this.seen.shift();
    const decoded = decodeCcb(bytes);
    if (!decoded.ok) return 'malformed';
    const packet = decoded.value;
    if (!ccbTargetMatches(packet.target, this)) return 'not-targeted';
    if (!this.awake && packet.cmd !== 'WAKE') return 'asleep';
    this.apply(packet, localMs);
    return 'acted';
  }

  /** Output colour at local time `localMs`: base (or started pending) layer, scaled by master; black when asleep. */
  colorAt(localMs: number): Rgb {
    if (!this.awake) return [0, 0, 0];
    const t = this.clockAt(localMs);
    const layer = this.pending && diffS32(t, this.pending.start) >= 0 ? this.pending : this.base;
    const c = this.layerColor(layer, t);
    return [masterChannel(c[0], this.master), masterChannel(c[1], this.master), masterChannel(c[2], this.master)];
  }

  private apply(p: CcbPacket, localMs: number): void {
    const t = this.clockAt(localMs);
    switch (p.cmd) {
      case 'COLOR':
        this.fadeTo(p.rgb, p.fadeMs, t);
        break;
      case 'ZONE_COLORS': {
        // Its own zone's entry acts as a COLOR; a band whose zone is not listed is unchanged.
        const entry = p.zones.find(([zone]) => zone === this.zone);
        if (entry) this.fadeTo(entry[1], p.fadeMs, t);
        break;
      }
      case 'EFFECT': {
        this.settle(t);
        const { cos, sin } = direction(p.dir);
        const lag = phaseLag(CCB_AXIS[p.axis], this.x, this.y, this.zone, p.spread, cos, sin);
        const start = p.startMs === START_ON_RECEIPT ? t : p.startMs;
        this.pending = { kind: 'effect', shape: p.shape, c1: [...p.c1], c2: [...p.c2], periodMs: p.periodMs, lag, start };
        this.settle(t);
        break;
      }
      case 'MASTER':
        this.master = p.level;
        break;
      case 'SYNC':
        this.offset = p.clockMs - localMs;
        break;
      case 'PALETTE':
        this.palettes[p.image] = p.colors.map((c) => [...c] as Rgb);
        break;
      case 'IMAGE': {
        let first = p.first;
        for (const [len, index] of p.runs) {
          if (this.pixel >= first && this.pixel < first + len) {
            if (index !== 0xff) this.imageIndex[p.image] = index;
            break;
          }
          first += len;
        }
        break;
      }
      case 'SHOW_IMAGE': {
        const index = this.imageIndex[p.image];
        const palette = this.palettes[p.image];
        if (index === undefined || index >= palette.length) break; // this band is not in the image
        this.settle(t);
        const start = p.startMs === START_ON_RECEIPT ? t : p.startMs;
        // Nothing can change the base layer before `start` without cancelling this layer, so its colour then is known now.
        const from = this.layerColor(this.base, start);
        this.pending = { kind: 'fade', from, to: [...palette[index]], start, ms: p.fadeMs };
        this.settle(t);
        break;
      }
      case 'WAKE':
        this.awake = true;
        break;
      case 'SLEEP':
        this.awake = false;
        break;
    }
  }

  /** COLOR: fade from the colour shown now to `rgb`; a layer still waiting is cancelled. */
  private fadeTo(rgb: Rgb, fadeMs: number, t: number): void {
    this.settle(t);
    const from = this.layerColor(this.base, t);
    this.base = { kind: 'fade', from, to: [...rgb], start: t, ms: fadeMs };
    this.pending = null;
  }

  /** A pending layer whose start has come becomes the base layer. */
  private settle(t: number): void {
    if (this.pending && diffS32(t, this.pending.start) >= 0) {
      this.base = this.pending;
      this.pending = null;
    }
  }

  /** A layer's colour (before master) at band time t. */
  private layerColor(layer: Layer, t: number): Rgb {
    if (layer.kind === 'fade') {
      const elapsed = diffS32(t, layer.start);
      const f = layer.ms === 0 ? 1 : elapsed <= 0 ? 0 : elapsed >= layer.ms ? 1 : elapsed / layer.ms;
      return [fadeChannel(layer.from[0], layer.to[0], f), fadeChannel(layer.from[1], layer.to[1], f), fadeChannel(layer.from[2], layer.to[2], f)];
    }
    const u = diffS32(t, layer.start) / layer.periodMs - layer.lag;
    const p = u - Math.floor(u);
    const { c1, c2 } = layer;
    switch (layer.shape) {
      case 'SQUARE':
        return p < 0.5 ? [...c1] : [...c2];
      case 'SINE': {
        const w = sineWeight(p);
        return [mixChannel(c1[0], c2[0], w), mixChannel(c1[1], c2[1], w), mixChannel(c1[2], c2[2], w)];
      }
      case 'RAMP':
        return [mixChannel(c1[0], c2[0], p), mixChannel(c1[1], c2[1], p), mixChannel(c1[2], c2[2], p)];
      case 'RAINBOW': {
        const out: Rgb = [0, 0, 0];
        rainbowInto(p, Math.max(c1[0], c1[1], c1[2]), out, 0);
        return out;
      }
      case 'SPARKLE':
        return sparkleHash(this.pixel, Math.floor(u)) < 32 ? [...c1] : [...c2];
    }
  }
}

