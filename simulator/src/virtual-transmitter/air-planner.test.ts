import { describe, expect, it } from 'vitest';
import { AirPlanner, type SendRequest, type StartedTransmission } from './air-planner';
import { U32, wrapUs } from './device-time';

// 13 bytes of overhead at 38.4 kbit/s, as the default device: 10-byte rf = 4792 us.
const airtime = (len: number) => Math.ceil(((13 + len) * 8 * 1e6) / 38400);

function planner(queueCap = 32) {
  return new AirPlanner({ rfMax: 48, queueCap, airtimeUs: airtime });
}

function rf(seq: number, len = 10): Uint8Array {
  const b = new Uint8Array(len);
  b[0] = 7;
  b[1] = seq;
  return b;
}

function send(seq: number, over: Partial<SendRequest> = {}): SendRequest {
  return { rf: rf(seq), timed: false, priority: false, repeat: 0, gapMs: 0, ...over };
}

/** Runs the planner as an ideal runtime would: every start exactly on time. */
function drain(p: AirPlanner, fromUs: number, untilUs = Infinity): StartedTransmission[] {
  const out: StartedTransmission[] = [];
  let now = fromUs;
  for (;;) {
    const plan = p.next(now);
    if (!plan) return out;
    now = Math.max(now, plan.startUs);
    if (now > untilUs) return out;
    out.push(p.begin(plan.entry, now));
  }
}

const seqs = (txs: StartedTransmission[]) => txs.map((t) => t.rf[1]);

describe('AirPlanner', () => {
  it('puts untimed SENDs on air in queue order, one at a time, 1 ms apart', () => {
    const p = planner();
    for (const s of [1, 2, 3]) expect(p.submit(send(s), 0)).toEqual({ ok: true, queued: s });
    const txs = drain(p, 0);
    expect(seqs(txs)).toEqual([1, 2, 3]);
    expect(txs[0].startUs).toBe(0);
    expect(txs[0].endUs).toBe(4792);
    expect(txs[1].startUs).toBe(4792 + 1000);
    expect(txs[2].startUs).toBe(2 * (4792 + 1000));
    expect(p.sent).toBe(3);
    expect(p.queued).toBe(0);
  });

  it('puts PRIORITY SENDs ahead of every non-priority SEND, in their own order', () => {
    const p = planner();
    p.submit(send(1), 0);
    p.submit(send(2), 0);
    p.submit(send(10, { priority: true }), 0);
    p.submit(send(11, { priority: true }), 0);
    p.submit(send(3), 0);
    expect(seqs(drain(p, 0))).toEqual([10, 11, 1, 2, 3]);
  });

  it('repeats 1 + repeat times, each gap after the end of the previous, interleaving others', () => {
    const p = planner();
    p.submit(send(1, { repeat: 2, gapMs: 20 }), 0);
    p.submit(send(2), 0);
    const txs = drain(p, 0);
    expect(seqs(txs)).toEqual([1, 2, 1, 1]);
    expect(txs.map((t) => t.repeatIndex)).toEqual([0, 0, 1, 2]);
    expect(txs[2].startUs).toBe(txs[0].endUs + 20_000);
    expect(txs[3].startUs).toBe(txs[2].endUs + 20_000);
    // The other SEND used the gap instead of waiting behind the repeats.
    expect(txs[1].startUs).toBe(txs[0].endUs + 1000);
  });

  it('keeps at least 1 ms between repeats even with gap 0', () => {
    const p = planner();
    p.submit(send(1, { repeat: 1, gapMs: 0 }), 0);
    const txs = drain(p, 0);
    expect(txs[1].startUs - txs[0].endUs).toBe(1000);
  });

  it('starts a timed SEND exactly at at_us and lets untimed work use the time before it', () => {
    const p = planner();
    p.submit(send(1, { timed: true, atUs: 50_000 }), 0);
    p.submit(send(2), 0);
    const txs = drain(p, 0);
    expect(seqs(txs)).toEqual([2, 1]);
    expect(txs[1].startUs).toBe(50_000);
    expect(txs[1].intendedUs).toBe(50_000);
    expect(p.late).toBe(0);
  });

  it('holds an untimed SEND that would still be on air at a timed start', () => {
    const p = planner();
    // 4792 us of air + 1 ms gap does not fit before 5000 us.
    p.submit(send(1, { timed: true, atUs: 5000 }), 0);
    p.submit(send(2), 0);
    const txs = drain(p, 0);
    expect(seqs(txs)).toEqual([1, 2]);
    expect(txs[0].startUs).toBe(5000);
  });

  it('lets a PRIORITY untimed SEND go before a non-priority timed one, which then runs late', () => {
    const p = planner();
    p.submit(send(1, { timed: true, atUs: 2000 }), 0);
    p.submit(send(9, { priority: true }), 0);
    const txs = drain(p, 0);
    expect(seqs(txs)).toEqual([9, 1]);
    expect(txs[1].startUs).toBe(4792 + 1000);
    expect(p.late).toBe(1);
  });

  it('counts a timed SEND late once when it starts more than 1 ms after at_us', () => {
    const p = planner();
    p.submit(send(1, { timed: true, atUs: 1000, repeat: 2, gapMs: 5 }), 0);
    const plan = p.next(0)!;
    expect(plan.startUs).toBe(1000);
    p.begin(plan.entry, 1000 + 1001);
    expect(p.late).toBe(1);
    const rest = drain(p, 0);
    expect(rest).toHaveLength(2);
    expect(p.late).toBe(1);
  });

  it('does not count 1 ms or less as late', () => {
    const p = planner();
    p.submit(send(1, { timed: true, atUs: 1000 }), 0);
    p.begin(p.next(0)!.entry, 2000);
    expect(p.late).toBe(0);
  });

  it('answers TOO_LATE for an at_us in the past, comparing with wrap-around', () => {
    const p = planner();
    const now = 10 * U32 + 1000; // the wire clock reads 1000
    expect(p.submit(send(1, { timed: true, atUs: 999 }), now)).toEqual({ ok: false, reason: 'TOO_LATE' });
    expect(p.submit(send(1, { timed: true, atUs: 1000 }), now)).toEqual({ ok: true, queued: 1 });
    // 2^31 - 1 ahead is still the future; 2^31 ahead is the past.
    expect(p.submit(send(2, { timed: true, atUs: 1000 + 2 ** 31 - 1 }), now).ok).toBe(true);
    expect(p.submit(send(3, { timed: true, atUs: 1000 + 2 ** 31 }), now)).toEqual({ ok: false, reason: 'TOO_LATE' });
  });

  it('accepts an at_us just past the u32 wrap as the near future', () => {
    const p = planner();
    const now = U32 - 500; // wire clock about to wrap
    expect(p.submit(send(1, { timed: true, atUs: 1500 }), now).ok).toBe(true);
    const plan = p.next(now)!;
    expect(plan.startUs).toBe(U32 + 1500);
    expect(wrapUs(plan.startUs)).toBe(1500);
    // A value "behind" by wrap-around is refused.
    expect(p.submit(send(2, { timed: true, atUs: U32 - 600 }), now)).toEqual({ ok: false, reason: 'TOO_LATE' });
  });

  it('answers QUEUE_FULL at queue_cap and accepts again once room is made', () => {
    const p = planner(2);
    expect(p.submit(send(1), 0).ok).toBe(true);
    expect(p.submit(send(2), 0).ok).toBe(true);
    expect(p.submit(send(3), 0)).toEqual({ ok: false, reason: 'QUEUE_FULL' });
    p.begin(p.next(0)!.entry, 0);
    expect(p.submit(send(3), 0)).toEqual({ ok: true, queued: 2 });
  });

  it('answers TOO_LONG for rf beyond rf_max, before any other check', () => {
    const p = planner(0);
    expect(p.submit(send(1, { rf: rf(1, 49) }), 0)).toEqual({ ok: false, reason: 'TOO_LONG' });
    expect(p.submit(send(1, { rf: rf(1, 48) }), 0)).toEqual({ ok: false, reason: 'QUEUE_FULL' });
  });

  it('FLUSH drops what is not yet on air and keeps the repeats of a started SEND', () => {
    const p = planner();
    p.submit(send(1, { repeat: 1, gapMs: 10 }), 0);
    p.submit(send(2), 0);
    p.submit(send(3, { timed: true, atUs: 900_000 }), 0);
    const first = p.begin(p.next(0)!.entry, 0);
    expect(first.rf[1]).toBe(1);
    expect(p.flush()).toBe(2);
    expect(p.queued).toBe(1);
    const rest = drain(p, first.endUs);
    expect(seqs(rest)).toEqual([1]);
    expect(rest[0].repeatIndex).toBe(1);
  });

  it('answers null when there is nothing to send', () => {
    expect(planner().next(0)).toBeNull();
  });
});
