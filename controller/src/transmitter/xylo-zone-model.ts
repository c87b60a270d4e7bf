/**
 * What each of the 12 Xyloband zones should show, computed on the host.
 *
 * Xylobands only understand "be this colour now", so the host keeps, per zone,
 * the CCB band semantics (spec 2.4: base layer = colour fade or effect, master
 * level, sleep) and samples the colour whenever the channel has room for a
 * packet. A zone behaves like one band seated at the zone's position.
 */
import { START_ON_RECEIPT, type CcbPacket, type EffectParams, type Rgb } from '@crowdcue/protocol';

export const XYLO_ZONES = 12;

type Layer =
  | { kind: 'fade'; from: Rgb; to: Rgb; startMs: number; fadeMs: number }
  | (EffectParams & {
      kind: 'effect';
      /** Band-clock ms. */
      startMs: number;
      /** The layer shown until the effect starts. */
      before: Layer;
    });

interface Zone {
  layer: Layer;
  master: number;
  asleep: boolean;
  /** The show has said something about this zone (untouched zones are left alone on air). */
  touched: boolean;
}

export interface ZonePosition {
  /** 0..255 across the venue, as a band's seat position. */
  x: number;
  y: number;
}

export type ApplyOutcome =
  | { kind: 'applied'; zones: number[] }
  /** The whole Xyloband site must sleep / wake: the driver sends the Xylo sleep/wake packets. */
  | { kind: 'sleep-all' }
  | { kind: 'wake-all' }
  | { kind: 'ignored'; reason: string };

const round = (v: number): number => Math.floor(v + 0.5);
const mix = (a: Rgb, b: Rgb, f: number): Rgb => [round(a[0] + (b[0] - a[0]) * f), round(a[1] + (b[1] - a[1]) * f), round(a[2] + (b[2] - a[2]) * f)];
const toI32 = (n: number): number => n | 0;
const diffMs32 = (a: number, b: number): number => toI32((a - b) >>> 0);

function hsvToRgb(hue: number, value: number): Rgb {
  const c = value;
  const h = (hue % 360) / 60;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] = h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
  return [round(r * 255), round(g * 255), round(b * 255)];
}

function sparkleHash(a: number, k: number): number {
  let h = Math.imul(a ^ Math.imul(k | 0, 0x9e3779b1), 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  return h & 0xff;
}

/** How a zone's colour moves: not at all, gliding (fades, SINE, RAMP, RAINBOW) or in jumps (SQUARE, SPARKLE). */
export type ZoneMotion = 'still' | 'smooth' | 'steps';

export class XyloZoneModel {
  private readonly zones: Zone[];
  /** band clock = host ms + this, once a SYNC was seen (spec 2.1: bands keep a wrapping ms clock). */
  private bandClockOffsetMs = 0;

  /** `zoneCount`: 12 for Xylobands; a driver that renders CCB zones 0..63 on the host (PixMob IR) takes 64. */
  constructor(
    private readonly positions: ZonePosition[] = [],
    private readonly zoneCount = XYLO_ZONES,
  ) {
    this.zones = Array.from({ length: zoneCount }, () => ({
      layer: { kind: 'fade', from: [0, 0, 0], to: [0, 0, 0], startMs: 0, fadeMs: 0 },
      master: 255,
      asleep: false,
      touched: false,
    }));
  }

  private bandClock(hostMs: number): number {
    return (Math.floor(hostMs + this.bandClockOffsetMs) >>> 0) >>> 0;
  }

  /** Apply one CCB packet as if it ended its transmission at host time atMs. */
  apply(packet: CcbPacket, atMs: number): ApplyOutcome {
    let targets: number[];
    if (packet.target.kind === 'ALL') targets = [...Array(this.zoneCount).keys()];
    else if (packet.target.kind === 'ZONES') targets = packet.target.zones.filter((z) => z < this.zoneCount);
    else return { kind: 'ignored', reason: 'no pixel addresses on these bands (PIXELS target)' };
    // ZONE_COLORS reaches only the zones it lists (spec 2.5); each of them then takes its COLOR.
    if (packet.cmd === 'ZONE_COLORS') targets = targets.filter((z) => packet.zones.some(([listed]) => listed === z));
    const whole = targets.length === this.zoneCount;
    const touchable = ['COLOR', 'EFFECT', 'MASTER', 'SLEEP', 'WAKE', 'ZONE_COLORS'].includes(packet.cmd);
    if (touchable) for (const z of targets) this.zones[z].touched = true;

    switch (packet.cmd) {
      case 'COLOR':
        for (const z of targets) {
          const zone = this.zones[z];
          if (zone.asleep) continue;
          zone.layer = { kind: 'fade', from: this.baseAt(zone.layer, z, atMs), to: [...packet.rgb], startMs: atMs, fadeMs: packet.fadeMs };
        }
        break;
      case 'ZONE_COLORS':
        for (const z of targets) {
          const zone = this.zones[z];
          if (zone.asleep) continue;
          const rgb = (packet.zones.find(([listed]) => listed === z) as [number, Rgb])[1];
          zone.layer = { kind: 'fade', from: this.baseAt(zone.layer, z, atMs), to: [...rgb], startMs: atMs, fadeMs: packet.fadeMs };
        }
        break;
      case 'EFFECT':
        for (const z of targets) {
          const zone = this.zones[z];
          if (zone.asleep) continue;
          const startMs = packet.startMs === START_ON_RECEIPT ? this.bandClock(atMs) : packet.startMs;
          // An effect replaces a layer still waiting for its start (spec 2.4).
          const before: Layer = zone.layer.kind === 'effect' ? this.frozen(zone.layer, z, atMs) : zone.layer;
          zone.layer = { kind: 'effect', shape: packet.shape, c1: [...packet.c1], c2: [...packet.c2], periodMs: Math.max(1, packet.periodMs), axis: packet.axis, dir: packet.dir, spread: packet.spread, startMs, before };
        }
        break;
      case 'MASTER':
        for (const z of targets) if (!this.zones[z].asleep) this.zones[z].master = packet.level;
        break;
      case 'SYNC':
        this.bandClockOffsetMs = packet.clockMs - atMs;
        break;
      case 'SLEEP':
        for (const z of targets) this.zones[z].asleep = true;
        return whole ? { kind: 'sleep-all' } : { kind: 'applied', zones: targets };
      case 'WAKE':
        for (const z of targets) this.zones[z].asleep = false;
        return whole ? { kind: 'wake-all' } : { kind: 'applied', zones: targets };
      default:
        return { kind: 'ignored', reason: `these bands cannot show ${packet.cmd} (no pixel images)` };
    }
    return targets.length > 0 ? { kind: 'applied', zones: targets } : { kind: 'ignored', reason: `no zone 0..${this.zoneCount - 1} targeted` };
  }

  /** Output colour of a zone at host time tMs (master applied, black when asleep). */
  colorAt(zone: number, tMs: number): Rgb {
    const z = this.zones[zone];
    if (z.asleep) return [0, 0, 0];
    const base = this.baseAt(z.layer, zone, tMs);
    return [Math.floor((base[0] * z.master) / 255), Math.floor((base[1] * z.master) / 255), Math.floor((base[2] * z.master) / 255)];
  }

  /** Output colour, or undefined for a zone the show has not addressed yet. */
  desiredAt(zone: number, tMs: number): Rgb | undefined {
    return this.zones[zone].touched ? this.colorAt(zone, tMs) : undefined;
  }

  isAsleep(zone: number): boolean {
    return this.zones[zone].asleep;
  }

  /** True while some zone's colour still changes with time (a fade or an effect). */
  animating(tMs: number): boolean {
    return this.zones.some((z) => !z.asleep && (z.layer.kind === 'effect' || tMs < z.layer.startMs + z.layer.fadeMs));
  }

  /** How the zone's colour moves at tMs (drivers that step looks from the host glide or cut accordingly). */
  motionAt(zone: number, tMs: number): ZoneMotion {
    const z = this.zones[zone];
    if (z.asleep) return 'still';
    const layer = this.activeLayer(z.layer, tMs);
    if (layer.kind === 'fade') return tMs < layer.startMs + layer.fadeMs ? 'smooth' : 'still';
    return layer.shape === 'SQUARE' || layer.shape === 'SPARKLE' ? 'steps' : 'smooth';
  }

  /**
   * A running SPARKLE on the zone: its colours with the master applied and the
   * number of the period it is in (a new draw of who sparkles every period).
   */
  sparkleAt(zone: number, tMs: number): { c1: Rgb; c2: Rgb; period: number } | undefined {
    const z = this.zones[zone];
    if (z.asleep) return undefined;
    const layer = this.activeLayer(z.layer, tMs);
    if (layer.kind !== 'effect' || layer.shape !== 'SPARKLE') return undefined;
    const scale = (c: Rgb): Rgb => [Math.floor((c[0] * z.master) / 255), Math.floor((c[1] * z.master) / 255), Math.floor((c[2] * z.master) / 255)];
    const u = diffMs32(this.bandClock(tMs), layer.startMs) / layer.periodMs - (this.phaseOffset(layer, zone) * layer.spread) / 16;
    return { c1: scale(layer.c1), c2: scale(layer.c2), period: Math.floor(u) };
  }

  /** The layer that decides the colour at tMs: an effect not started yet shows the one before it. */
  private activeLayer(layer: Layer, tMs: number): Layer {
    while (layer.kind === 'effect' && diffMs32(this.bandClock(tMs), layer.startMs) < 0) layer = layer.before;
    return layer;
  }

  private phaseOffset(layer: Layer & { kind: 'effect' }, zone: number): number {
    const pos = this.positions[zone] ?? { x: 128, y: 128 };
    if (layer.axis === 'LINEAR') {
      const th = (layer.dir * 2 * Math.PI) / 256;
      return (pos.x * Math.cos(th) + pos.y * Math.sin(th)) / 255;
    }
    if (layer.axis === 'RADIAL') return Math.sqrt((pos.x - 128) ** 2 + (pos.y - 128) ** 2) / 128;
    if (layer.axis === 'ZONE') return zone / 64;
    return 0;
  }

  private frozen(layer: Layer & { kind: 'effect' }, zone: number, tMs: number): Layer {
    // A running effect stays as it is; one still waiting for its start is cancelled.
    if (diffMs32(this.bandClock(tMs), layer.startMs) >= 0) return layer;
    return layer.before;
  }

  private baseAt(layer: Layer, zone: number, tMs: number): Rgb {
    if (layer.kind === 'fade') {
      const f = layer.fadeMs <= 0 ? 1 : Math.min(1, Math.max(0, (tMs - layer.startMs) / layer.fadeMs));
      return mix(layer.from, layer.to, f);
    }
    const elapsed = diffMs32(this.bandClock(tMs), layer.startMs);
    if (elapsed < 0) return this.baseAt(layer.before, zone, tMs);
    const u = elapsed / layer.periodMs - (this.phaseOffset(layer, zone) * layer.spread) / 16;
    const p = u - Math.floor(u);
    switch (layer.shape) {
      case 'SQUARE':
        return p < 0.5 ? layer.c1 : layer.c2;
      case 'SINE':
        return mix(layer.c2, layer.c1, 0.5 - 0.5 * Math.cos(2 * Math.PI * p));
      case 'RAMP':
        return mix(layer.c2, layer.c1, p);
      case 'RAINBOW':
        return hsvToRgb(p * 360, Math.max(...layer.c1) / 255);
      case 'SPARKLE':
        // A zone sparkles as one band would; its "pixel" is the zone number.
        return sparkleHash(zone, Math.floor(u)) < 32 ? layer.c1 : layer.c2;
    }
  }
}
