/**
 * A seat image on air: one PALETTE and run-length IMAGE packets (spec 2.3).
 * Runs follow pixel order (the order bands were numbered in, usually section,
 * row, seat), so a logo costs about one run per row it crosses per colour
 * change. Seats the logo does not cover get 0xFF (leave unchanged); pixel
 * numbers no seat holds are free to join either neighbour's run. Packets are
 * cut where the fewest are needed: a gap of uncovered seats is bridged when
 * that saves a packet and dropped at a packet's edge (a packet starts at its
 * own `first`).
 */
import { CCB_MAX_BYTES, type CcbTarget, type Rgb } from '@crowdcue/protocol';
import { brandPacket, type BrandPacket } from './brand-packet';
import { UNCOVERED, type SeatImage } from './reduce-palette';
import { NO_PIXEL, type SeatMap } from './seat-map';

/** site, seq, cmd, target kind (ALL) + image, first. */
const IMAGE_HEADER = 7;
export const MAX_RUNS_PER_PACKET = Math.floor((CCB_MAX_BYTES - IMAGE_HEADER) / 2);
const DONT_CARE = -1;

export interface Run {
  len: number;
  /** Palette index, or 0xFF. */
  index: number;
}

export interface EncodedSeatImage {
  slot: number;
  palette: BrandPacket;
  images: BrandPacket[];
  /** Target a SHOW_IMAGE of this image uses: the covered zones (ALL when every venue zone), or the covered pixel span. */
  showTarget: CcbTarget;
  /** Zones with covered seats. */
  zones: number[];
  /** Seats covered that share a pixel number with an uncovered seat (they all get the image). */
  pixelClashes: number;
  /** Covered seats with no pixel number (they cannot hold an image). */
  unaddressable: number;
}

export interface EncodeOptions {
  /** Image slot 0..7. */
  slot: number;
  /** Every zone of the venue (a SHOW_IMAGE over all of them targets ALL). */
  venueZones: readonly number[];
  /** Whether the placement covers whole zones (else a SHOW_IMAGE targets the pixel span). */
  wholeZones: boolean;
}

export function encodeSeatImage(image: SeatImage, map: SeatMap, opts: EncodeOptions): EncodedSeatImage {
  let maxPixel = -1;
  for (let i = 0; i < map.count; i++) if (map.pixel[i] !== NO_PIXEL && map.pixel[i] > maxPixel) maxPixel = map.pixel[i];
  const values = new Int16Array(maxPixel + 1).fill(DONT_CARE);
  const zoneOfPixel = new Uint8Array(maxPixel + 1).fill(0xff);
  let clashes = 0;
  let unaddressable = 0;
  const zoneHit = new Uint8Array(64);
  for (let i = 0; i < map.count; i++) {
    const p = map.pixel[i];
    const v = image.index[i];
    if (v !== UNCOVERED) zoneHit[map.zone[i]] = 1;
    if (p === NO_PIXEL) {
      if (v !== UNCOVERED) unaddressable++;
      continue;
    }
    const had = values[p];
    if (had === DONT_CARE || had === UNCOVERED) {
      if (had === UNCOVERED && v !== UNCOVERED) clashes++;
      values[p] = v;
      zoneOfPixel[p] = map.zone[i];
    } else if (v === UNCOVERED) {
      clashes++;
    }
  }
  const zones: number[] = [];
  for (let z = 0; z < 64; z++) if (zoneHit[z]) zones.push(z);

  const { runs, starts } = pixelRuns(values);
  const packets = packRuns(runs);
  const images = packets.map(({ from, to }) => {
    const first = starts[from];
    const packetRuns = runs.slice(from, to + 1).map((r): [number, number] => [r.len, r.index]);
    const hit = new Set<number>();
    let p = first;
    for (const [len, index] of packetRuns) {
      if (index !== UNCOVERED) for (let k = p; k < p + len; k++) if (zoneOfPixel[k] !== 0xff) hit.add(zoneOfPixel[k]);
      p += len;
    }
    return brandPacket('image', { kind: 'ALL' }, { cmd: 'IMAGE', image: opts.slot, first, runs: packetRuns }, [...hit].sort((a, b) => a - b));
  });

  const palette = brandPacket('palette', { kind: 'ALL' }, { cmd: 'PALETTE', image: opts.slot, colors: image.palette.map((c) => [...c] as Rgb) }, zones);
  return { slot: opts.slot, palette, images, showTarget: showTargetOf(zones, values, opts), zones, pixelClashes: clashes, unaddressable };
}

function showTargetOf(zones: number[], values: Int16Array, opts: EncodeOptions): CcbTarget {
  if (opts.wholeZones) {
    const all = opts.venueZones.length > 0 && opts.venueZones.every((z) => zones.includes(z));
    return all ? { kind: 'ALL' } : { kind: 'ZONES', zones };
  }
  let first = -1;
  let last = -1;
  for (let p = 0; p < values.length; p++) {
    if (values[p] === DONT_CARE || values[p] === UNCOVERED) continue;
    if (first < 0) first = p;
    last = p;
  }
  return { kind: 'PIXELS', first: Math.max(0, first), last: Math.max(0, last) };
}

/**
 * Run-length form of the pixel values from the first covered pixel on: runs of
 * at most 255, don't-care pixels joining the run they follow (or, at a run's
 * start, taking the next value); runs of nothing but don't-care become 0xFF.
 */
export function pixelRuns(values: Int16Array): { runs: Run[]; starts: number[] } {
  const runs: Run[] = [];
  const starts: number[] = [];
  let p = 0;
  while (p < values.length && (values[p] === DONT_CARE || values[p] === UNCOVERED)) p++;
  let cur: Run | null = null;
  for (; p < values.length; p++) {
    const v = values[p];
    if (cur && cur.len < 255 && (v === DONT_CARE || v === cur.index || cur.index === DONT_CARE)) {
      if (cur.index === DONT_CARE) cur.index = v;
      cur.len++;
      continue;
    }
    cur = { len: 1, index: v };
    runs.push(cur);
    starts.push(p);
  }
  for (const r of runs) if (r.index === DONT_CARE) r.index = UNCOVERED;
  // Trailing uncovered runs carry nothing.
  while (runs.length > 0 && runs[runs.length - 1].index === UNCOVERED) {
    runs.pop();
    starts.pop();
  }
  return { runs, starts };
}

/**
 * Fewest packets (then fewest bytes) that carry every covered run: each packet
 * is a stretch of at most MAX_RUNS_PER_PACKET runs starting and ending on a
 * covered run. Dynamic programming over the runs, from the end.
 */
export function packRuns(runs: readonly Run[], maxRuns = MAX_RUNS_PER_PACKET): Array<{ from: number; to: number }> {
  const m = runs.length;
  const real = (k: number) => runs[k].index !== UNCOVERED;
  const nextReal = new Int32Array(m + 1).fill(m);
  for (let k = m - 1; k >= 0; k--) nextReal[k] = real(k) ? k : nextReal[k + 1];
  const packets = new Float64Array(m + 1);
  const bytes = new Float64Array(m + 1);
  const choice = new Int32Array(m + 1).fill(-1);
  for (let i = m - 1; i >= 0; i--) {
    if (!real(i)) continue;
    packets[i] = Infinity;
    for (let j = i; j < Math.min(m, i + maxRuns); j++) {
      if (!real(j)) continue;
      const rest = nextReal[j + 1];
      const p = 1 + packets[rest];
      const b = IMAGE_HEADER + 2 * (j - i + 1) + bytes[rest];
      if (p < packets[i] || (p === packets[i] && b < bytes[i])) {
        packets[i] = p;
        bytes[i] = b;
        choice[i] = j;
      }
    }
  }
  const out: Array<{ from: number; to: number }> = [];
  for (let i = nextReal[0]; i < m; i = nextReal[choice[i] + 1]) out.push({ from: i, to: choice[i] });
  return out;
}
