/**
 * The air between transmitters and bands. Each transmission reaches each band in
 * its transmitter's coverage with that band's reception probability, and lands
 * in the crowd at the end of the transmission (spec 2.2). Collisions:
 * - two transmissions of one transmitter that overlap in time reach nobody;
 * - a band that hears overlapping transmissions from two transmitters gets
 *   neither, unless their bytes are identical (the same packet sent in step).
 *
 * Because a later-reported transmission can still collide with an earlier one,
 * transmissions are held until `advanceTo(now)` passes their end by `settleMs`
 * (how late callers may report an overlapping transmission: 0 when they report
 * at the start, the longest airtime when they report at the end).
 */
import { CCB_MAX_BYTES, airtimeUs } from '@crowdcue/protocol';
import type { Crowd } from '../crowd/crowd';
import { mulberry32, subSeed, type Random } from '../random';
import { coverage, type CoverageInput } from './coverage';

export interface RfTransmitterSpec {
  id: string;
  coverage: CoverageInput;
  /** Reception probability inside the coverage, default 1. */
  probability?: number;
  /** Extra share of packets lost by every band, e.g. 0.05 or 0.2; default 0. */
  lossRate?: number;
  /** RF bits per second and bytes the radio adds per packet (CCL INFO); defaults 38400 and 13. */
  bitrate?: number;
  overhead?: number;
}

export interface RfTransmission {
  transmitterId: string;
  rf: Uint8Array;
  /** Crowd time the transmission starts, ms. */
  startMs: number;
  /** Crowd time it ends; default start + airtime from the transmitter's bitrate and overhead. */
  endMs?: number;
}

export interface RfDelivery {
  transmitterId: string;
  rf: Uint8Array;
  startMs: number;
  endMs: number;
  /** 1 per band that received it. */
  reached: Uint8Array;
  reachedCount: number;
  /** 'channel': overlapped another transmission of the same transmitter and reached nobody. */
  collision: 'none' | 'channel';
  /** Bands that heard it but lost it to an overlapping transmission from another transmitter. */
  lostToOverlap: number;
}

export interface RfChannelOptions {
  transmitters: RfTransmitterSpec[];
  /** Seeds the reception draws; default 1. */
  seed?: number;
  /** How long after a transmission's end an overlapping one may still be reported, ms; default 0. */
  settleMs?: number;
  /** Called for each transmission as it lands in the crowd. */
  onDelivery?: (d: RfDelivery) => void;
}

interface Transmitter {
  spec: RfTransmitterSpec;
  probability: Float32Array;
  bitrate: number;
  overhead: number;
}

interface Queued {
  order: number;
  transmitterId: string;
  rf: Uint8Array;
  startMs: number;
  endMs: number;
  /** Which bands the signal reached at all (drawn when it is transmitted). */
  heard: Uint8Array;
}

export class RfChannel {
  readonly settleMs: number;
  private readonly transmitters = new Map<string, Transmitter>();
  private readonly random: Random;
  private queue: Queued[] = [];
  /** Landed transmissions still recent enough to overlap a queued one. */
  private recent: Queued[] = [];
  private order = 0;
  private longestSeenMs = 0;
  private readonly onDelivery?: (d: RfDelivery) => void;

  constructor(
    readonly crowd: Crowd,
    opts: RfChannelOptions,
  ) {
    this.random = mulberry32(subSeed(opts.seed ?? 1, 'rf'));
    this.settleMs = opts.settleMs ?? 0;
    this.onDelivery = opts.onDelivery;
    for (const t of opts.transmitters) this.addTransmitter(t);
  }

  addTransmitter(spec: RfTransmitterSpec): void {
    if (this.transmitters.has(spec.id)) throw new Error(`transmitter '${spec.id}' is already on the channel`);
    this.transmitters.set(spec.id, {
      spec,
      probability: coverage(this.crowd, spec.coverage, { probability: spec.probability, lossRate: spec.lossRate }),
      bitrate: spec.bitrate ?? 38_400,
      overhead: spec.overhead ?? 13,
    });
  }

  /** Reception probability per band for one transmitter. */
  probabilities(transmitterId: string): Float32Array {
    return this.transmitter(transmitterId).probability;
  }

  /** Airtime of `rfLen` bytes from this transmitter, ms (spec 1.5). */
  airtimeMs(transmitterId: string, rfLen: number): number {
    const t = this.transmitter(transmitterId);
    return airtimeUs(rfLen, t.bitrate, t.overhead) / 1000;
  }

  /** Puts a transmission on air; it lands in the crowd once `advanceTo` passes its end (plus settleMs). */
  transmit(tx: RfTransmission): { endMs: number } {
    const t = this.transmitter(tx.transmitterId);
    const endMs = tx.endMs ?? tx.startMs + this.airtimeMs(tx.transmitterId, tx.rf.length);
    if (!(endMs >= tx.startMs)) throw new RangeError(`transmission ends (${endMs}) before it starts (${tx.startMs})`);
    this.longestSeenMs = Math.max(this.longestSeenMs, endMs - tx.startMs);
    const n = this.crowd.count;
    const heard = new Uint8Array(n);
    const p = t.probability;
    for (let i = 0; i < n; i++) {
      const pi = p[i];
      heard[i] = pi >= 1 ? 1 : pi > 0 && this.random() < pi ? 1 : 0;
    }
    this.queue.push({ order: this.order++, transmitterId: tx.transmitterId, rf: tx.rf.slice(), startMs: tx.startMs, endMs, heard });
    return { endMs };
  }

  /** Lands, in order of their end, every transmission that ended at or before `nowMs - settleMs`. */
  advanceTo(nowMs: number): RfDelivery[] {
    return this.land((q) => q.endMs + this.settleMs <= nowMs);
  }

  /** Lands every transmission still held, whatever the time. */
  flush(): RfDelivery[] {
    return this.land(() => true);
  }

  /** Transmissions on air or held, not yet landed. */
  get pending(): number {
    return this.queue.length;
  }

  private land(due: (q: Queued) => boolean): RfDelivery[] {
    const ready = this.queue.filter(due).sort((a, b) => a.endMs - b.endMs || a.order - b.order);
    if (ready.length === 0) return [];
    const deliveries: RfDelivery[] = [];
    for (const q of ready) {
      const d = this.resolve(q);
      this.queue = this.queue.filter((o) => o !== q);
      this.recent.push(q);
      this.crowd.receive(q.rf, q.endMs, d.reached);
      deliveries.push(d);
      this.onDelivery?.(d);
    }
    // Keep only what could still overlap a held transmission or one reported later: a later report ends
    // no earlier than the last landed end minus settleMs, so starts no earlier than that minus the longest airtime.
    const cutoff = Math.min(...this.queue.map((q) => q.startMs), ready[ready.length - 1].endMs - this.settleMs - this.longestAirtimeMs());
    this.recent = this.recent.filter((r) => r.endMs > cutoff);
    return deliveries;
  }

  private resolve(q: Queued): RfDelivery {
    const others = [...this.recent, ...this.queue].filter((o) => o !== q && o.startMs < q.endMs && q.startMs < o.endMs);
    const base = { transmitterId: q.transmitterId, rf: q.rf, startMs: q.startMs, endMs: q.endMs };
    if (others.some((o) => o.transmitterId === q.transmitterId)) {
      return { ...base, reached: new Uint8Array(q.heard.length), reachedCount: 0, collision: 'channel', lostToOverlap: 0 };
    }
    const reached = q.heard.slice();
    let lost = 0;
    for (const o of others) {
      if (sameBytes(o.rf, q.rf)) continue;
      for (let i = 0; i < reached.length; i++) {
        if (reached[i] && o.heard[i]) {
          reached[i] = 0;
          lost++;
        }
      }
    }
    let count = 0;
    for (let i = 0; i < reached.length; i++) count += reached[i];
    return { ...base, reached, reachedCount: count, collision: 'none', lostToOverlap: lost };
  }

  private longestAirtimeMs(): number {
    let longest = this.longestSeenMs;
    for (const t of this.transmitters.values()) longest = Math.max(longest, airtimeUs(CCB_MAX_BYTES, t.bitrate, t.overhead) / 1000);
    return longest;
  }

  private transmitter(id: string): Transmitter {
    const t = this.transmitters.get(id);
    if (!t) throw new Error(`no transmitter '${id}' on the channel (have ${[...this.transmitters.keys()].join(', ') || 'none'})`);
    return t;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
