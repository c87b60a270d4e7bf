/**
 * Several desks on one universe (a main and a tracking backup), as E1.31
 * receivers merge them: the sources of the highest priority win, sources of
 * equal priority merge highest-takes-precedence per slot (Art-Net, with no
 * priority, merges HTP too). A source that says Stream_Terminated leaves at
 * once; one silent for the data-loss timeout (E1.31: 2.5 s) leaves then.
 * Packets out of sequence (E1.31 6.7.2: newer by -19..0) are refused.
 */
import type { DmxFrame } from './dmx-frame';

/** E1.31 network data loss timeout. */
export const SACN_SOURCE_TIMEOUT_MS = 2500;

interface Source {
  key: string;
  name: string;
  address: string;
  priority: number | null;
  sequence: number | null;
  slots: Uint8Array;
  length: number;
  lastMs: number;
}

export interface MergedDmx {
  /** 512 slots (slot 1 at index 0); slots no source sent are 0. */
  slots: Uint8Array;
  /** The winning source (highest priority; among equals the one heard last). */
  winner: { name: string; address: string; priority: number | null };
  sources: number;
}

export type MergeAnswer = { kind: 'merged'; merged: MergedDmx } | { kind: 'out-of-sequence' } | { kind: 'left'; sources: number };

export class SourceMerge {
  private readonly sources = new Map<string, Source>();
  private readonly out = new Uint8Array(512);

  constructor(private readonly timeoutMs = SACN_SOURCE_TIMEOUT_MS) {}

  get size(): number {
    return this.sources.size;
  }

  push(frame: DmxFrame, nowMs: number): MergeAnswer {
    const known = this.sources.get(frame.sourceKey);
    if (frame.terminated) {
      this.sources.delete(frame.sourceKey);
      return this.sources.size > 0 ? { kind: 'merged', merged: this.merge() } : { kind: 'left', sources: 0 };
    }
    if (known && known.sequence !== null && frame.sequence !== null) {
      const diff = (((frame.sequence - known.sequence) & 0xff) << 24) >> 24;
      if (diff <= 0 && diff > -20) return { kind: 'out-of-sequence' };
    }
    const s = known ?? { key: frame.sourceKey, name: '', address: '', priority: null, sequence: null, slots: new Uint8Array(512), length: 0, lastMs: 0 };
    s.name = frame.sourceName;
    s.address = frame.sourceAddress;
    s.priority = frame.priority;
    s.sequence = frame.sequence;
    s.lastMs = nowMs;
    s.slots.set(frame.slots.subarray(0, 512));
    // A shorter frame than before: the slots it no longer sends are 0, not stale.
    if (frame.slots.length < s.length) s.slots.fill(0, frame.slots.length, s.length);
    s.length = Math.min(512, frame.slots.length);
    // Latest heard last in the map: ties on priority go to it.
    this.sources.delete(s.key);
    this.sources.set(s.key, s);
    return { kind: 'merged', merged: this.merge() };
  }

  /** Drops sources silent past the timeout; answers how many left. */
  expire(nowMs: number): number {
    let left = 0;
    for (const [k, s] of this.sources) {
      if (nowMs - s.lastMs > this.timeoutMs) {
        this.sources.delete(k);
        left++;
      }
    }
    return left;
  }

  /** The merged universe now (after a source left), or null with no source. */
  current(): MergedDmx | null {
    return this.sources.size > 0 ? this.merge() : null;
  }

  private merge(): MergedDmx {
    let top = -1;
    for (const s of this.sources.values()) top = Math.max(top, s.priority ?? 100);
    this.out.fill(0);
    let winner: Source | undefined;
    for (const s of this.sources.values()) {
      if ((s.priority ?? 100) !== top) continue;
      winner = s;
      for (let i = 0; i < s.length; i++) if (s.slots[i] > this.out[i]) this.out[i] = s.slots[i];
    }
    const w = winner as Source;
    return { slots: this.out, winner: { name: w.name, address: w.address, priority: w.priority }, sources: this.sources.size };
  }
}
