/**
 * Where a transmitter reaches: a zone list (how shows describe transmitters) or a
 * position and radius in venue units, with reception fading out past the edge.
 * The result is one reception probability per seat of a crowd.
 */
import type { Crowd } from '../crowd/crowd';

export type CoverageRegion =
  | { kind: 'all' }
  | { kind: 'zones'; zones: number[] }
  /** Centre and radius in venue units (the crowd's fx, fy); reception falls linearly to 0 over `edge` past the radius (default radius / 5). */
  | { kind: 'circle'; x: number; y: number; radius: number; edge?: number };

/** A show file's transmitter coverage (`'ALL'` or a zone list) is accepted as is. */
export type CoverageInput = CoverageRegion | 'ALL' | number[];

export interface CoverageOptions {
  /** Reception probability where the transmitter is strong, 0..1, default 1. */
  probability?: number;
  /** Share of packets every band loses anyway (noise, bodies, bad antennas), 0..1, default 0. */
  lossRate?: number;
}

export function toRegion(input: CoverageInput): CoverageRegion {
  if (input === 'ALL') return { kind: 'all' };
  if (Array.isArray(input)) return { kind: 'zones', zones: input };
  return input;
}

/** Per seat, the probability that a band there receives one transmission (0 for empty seats). */
export function coverage(crowd: Crowd, input: CoverageInput, opts: CoverageOptions = {}): Float32Array {
  const region = toRegion(input);
  const probability = opts.probability ?? 1;
  const lossRate = opts.lossRate ?? 0;
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be 0..1, got ${probability}`);
  if (!(lossRate >= 0 && lossRate <= 1)) throw new RangeError(`lossRate must be 0..1, got ${lossRate}`);
  const p = probability * (1 - lossRate);
  const out = new Float32Array(crowd.count);
  switch (region.kind) {
    case 'all':
      for (let i = 0; i < crowd.count; i++) out[i] = crowd.present[i] ? p : 0;
      break;
    case 'zones': {
      const inZone = new Uint8Array(256);
      for (const z of region.zones) {
        if (!Number.isInteger(z) || z < 0 || z > 63) throw new RangeError(`coverage zone ${z} is outside 0..63`);
        inZone[z] = 1;
      }
      for (let i = 0; i < crowd.count; i++) out[i] = crowd.present[i] && inZone[crowd.zone[i]] ? p : 0;
      break;
    }
    case 'circle': {
      const { x, y, radius } = region;
      const edge = region.edge ?? radius / 5;
      if (!(radius >= 0) || !(edge >= 0)) throw new RangeError(`radius and edge must be >= 0, got ${radius} and ${edge}`);
      for (let i = 0; i < crowd.count; i++) {
        if (!crowd.present[i]) continue;
        const d = Math.hypot(crowd.fx[i] - x, crowd.fy[i] - y);
        out[i] = d <= radius ? p : edge > 0 && d < radius + edge ? p * (1 - (d - radius) / edge) : 0;
      }
      break;
    }
  }
  return out;
}
