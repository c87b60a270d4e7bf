import { describe, expect, it } from 'vitest';
import { BandContinuity, SEQ_BLOCK } from './band-continuity';
import type { BandState } from './runtime-file';

function memorySink() {
  const saved: BandState[] = [];
  return {
    saved,
    sink: { save: async (s: BandState) => void saved.push(s), saveSync: (s: BandState) => void saved.push(s) },
  };
}

describe('BandContinuity', () => {
  it('never hands out a seq beyond what is on disk, and restarts ahead of every seq handed out', async () => {
    const { saved, sink } = memorySink();
    const first = new BandContinuity(null, sink, 1_000);
    await first.reserveFirst();
    const sent: number[] = [];
    for (let i = 0; i < 300; i++) {
      sent.push(first.next());
      const durable = Math.max(...saved.map((s) => s.seqReserved));
      expect(i).toBeLessThan(durable);
    }
    const last8 = sent.slice(-8);
    const second = new BandContinuity(first.state(), sink, 99_000);
    await second.reserveFirst();
    const next = Array.from({ length: 8 }, () => second.next());
    expect(next.filter((s) => last8.includes(s))).toEqual([]);
    expect(next.every((s) => s >= 1 && s <= 255)).toBe(true);
    // The band clock's epoch is the first run's.
    expect(second.epochWallMs).toBe(1_000);
    expect(SEQ_BLOCK * 1.5 + 8).toBeLessThan(255);
  });

  it('maps the wall-clock epoch to this process\'s monotonic clock', () => {
    const c = new BandContinuity({ seqReserved: 0, epochWallMs: 10_000 }, memorySink().sink);
    // 5 s of wall clock since the epoch, monotonic clock at 200 ms: band time 0 was at -4800.
    expect(c.epochMs(200, 15_000)).toBe(-4_800);
  });
});
