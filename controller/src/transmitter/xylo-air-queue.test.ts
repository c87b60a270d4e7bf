import { toHex, type Rgb } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { XyloAirQueue, type XyloOutput } from './xylo-air-queue';

const BLACK: Rgb = [0, 0, 0];
const all = (rgb: Rgb): Rgb[] => Array.from({ length: 12 }, () => rgb);
const WAKE = '00ffff008102';
const SLEEP = '00ffff008202';

/** Run slots every `slotMs` from `from` to `to`, with `desired(t)`, returning what went out and when. */
function run(q: XyloAirQueue, from: number, to: number, desired: (t: number) => Rgb[], slotMs = 80): Array<{ t: number; out: XyloOutput }> {
  const sent: Array<{ t: number; out: XyloOutput }> = [];
  for (let t = from; t < to; t += slotMs) {
    const out = q.next(t, desired(t));
    if (out) sent.push({ t, out });
  }
  return sent;
}

describe('XyloAirQueue', () => {
  it('wakes the bands for 10 s with the raw wake packet every 80 ms, then keeps them alive every 2 s', () => {
    const q = new XyloAirQueue();
    q.startWake(0);
    const sent = run(q, 0, 14_000, () => all(BLACK));
    const wakes = sent.filter((s) => s.out.kind === 'wake');
    expect(wakes.length).toBe(125);
    expect(wakes.every((s) => toHex(s.out.packet) === WAKE)).toBe(true);
    expect(wakes.at(-1)!.t).toBeLessThan(10_000);
    const keepAlive = sent.filter((s) => s.out.kind === 'keep-alive');
    // One run of 4 starting 2 s after the wake ended, then again 2 s later.
    expect(keepAlive.map((s) => s.t)).toEqual([12_000, 12_080, 12_160, 12_240]);
    expect(keepAlive.every((s) => toHex(s.out.packet) === WAKE)).toBe(true);
  });

  it('sends a colour command 4 times, 80 ms apart', () => {
    const q = new XyloAirQueue({ wakeMs: 0, keepAliveEveryMs: 1e9, refreshEveryMs: 1e9 });
    q.startWake(0);
    const sent = run(q, 0, 800, () => all([255, 0, 0]));
    expect(sent.map((s) => s.t)).toEqual([0, 80, 160, 240]);
    expect(sent.every((s) => toHex(s.out.packet) === '003f3f01ff06013e000000fa03080107')).toBe(true);
  });

  it('gives the first command counter 1 and groups zones sharing a colour into one mask (vectors 1 and 2)', () => {
    const q = new XyloAirQueue({ wakeMs: 0, keepAliveEveryMs: 1e9, refreshEveryMs: 1e9 });
    q.startWake(0);
    // Zones start unknown, so the first slot commands every zone: black everywhere but zone 0.
    const first: Rgb[] = all(BLACK);
    first[0] = [255, 0, 0];
    const a = q.next(0, first)!;
    const b = q.next(80, first)!;
    const packets = [a, b].map((o) => toHex(o.packet)).sort();
    expect(packets).toContain('00010001ff06013e000000fa03080107');
    expect(packets).toContain('003e3f02ff06013e000000fa03080100');
    // Everything green: one command for all 12 zones.
    const q2 = new XyloAirQueue({ wakeMs: 0, keepAliveEveryMs: 1e9, counterStart: 2 });
    q2.startWake(0);
    expect(toHex(q2.next(0, all([0, 255, 0]))!.packet)).toBe('003f3f02ff06013e000000fa03080138');
  });

  it('encodes site, zone mask and counter as in xyloband vector 3', () => {
    const q = new XyloAirQueue({ site: 3, wakeMs: 0, keepAliveEveryMs: 1e9, refreshEveryMs: 1e9, counterStart: 254 });
    q.startWake(0);
    q.next(0, all(BLACK)); // counter 254: every zone black
    const desired = all(BLACK);
    desired[6] = [200, 100, 50];
    desired[11] = [200, 100, 50];
    const sent = run(q, 80, 800, () => desired);
    const colour = sent.filter((s) => s.out.zonesMask === 0x840);
    expect(colour.length).toBe(4);
    expect(colour.every((s) => toHex(s.out.packet) === '030021ffff06013e000000fa0308011e')).toBe(true);
    // The counter skips 0 after 255.
    desired[0] = [255, 255, 255];
    expect(run(q, 800, 900, () => desired)[0].out.counter).toBe(1);
  });

  it('drops a zone from older commands when its colour changes again, so a fade sends its latest step', () => {
    const q = new XyloAirQueue({ wakeMs: 0, keepAliveEveryMs: 1e9, refreshEveryMs: 1e9 });
    q.startWake(0);
    const level = (t: number): Rgb => [Math.min(255, Math.floor(t / 4)), 0, 0];
    const sent = run(q, 0, 2000, (t) => all(level(t)));
    // Each slot carries the newest colour; no stale step is ever repeated after a newer one.
    let lastRed = -1;
    for (const s of sent) {
      const red = s.out.packet[s.out.packet.length - 1] & 7;
      expect(red).toBeGreaterThanOrEqual(lastRed);
      lastRed = red;
    }
    expect(lastRed).toBe(7);
    // Once the fade settles, the final colour is repeated 4 times in all.
    const last = sent.filter((s) => s.out.counter === sent.at(-1)!.out.counter);
    expect(last.length).toBe(4);
  });

  it('refreshes each zone once it has not been on air for 500 ms, with a fresh counter', () => {
    const q = new XyloAirQueue({ wakeMs: 0, keepAliveEveryMs: 1e9 });
    q.startWake(0);
    const sent = run(q, 0, 1500, () => all([0, 0, 255]));
    const refresh = sent.filter((s) => s.out.kind === 'refresh');
    expect(refresh.length).toBeGreaterThanOrEqual(2);
    expect(refresh[0].t - 240).toBeGreaterThanOrEqual(500);
    expect(refresh[0].out.zonesMask).toBe(0xfff);
    expect(new Set(sent.map((s) => s.out.counter)).size).toBe(1 + refresh.length);
  });

  it('sleeps with 4 sleep packets and then stays silent (a keep-alive would wake them)', () => {
    const q = new XyloAirQueue({ wakeMs: 1000 });
    q.startWake(0);
    run(q, 0, 1200, () => all([9, 9, 9]));
    q.sleepAll(1200);
    const sent = run(q, 1200, 6000, () => all([255, 255, 255]));
    expect(sent.map((s) => toHex(s.out.packet))).toEqual([SLEEP, SLEEP, SLEEP, SLEEP]);
    expect(q.isSleeping).toBe(true);
    q.wakeAll(6000);
    expect(toHex(q.next(6000, all(BLACK))!.packet)).toBe(WAKE);
  });

  it('lets a long-overdue keep-alive through a busy effect', () => {
    const q = new XyloAirQueue({ wakeMs: 0, keepAliveEveryMs: 2000 });
    q.startWake(0);
    // A colour change every slot.
    const sent = run(q, 0, 6000, (t) => all([(t / 80) % 2 ? 255 : 0, 0, 0]));
    expect(sent.filter((s) => s.out.kind === 'keep-alive').length).toBeGreaterThanOrEqual(4);
  });

  it('sends every zone again after forget() (a reconnect)', () => {
    const q = new XyloAirQueue({ wakeMs: 0, keepAliveEveryMs: 1e9, refreshEveryMs: 1e9 });
    q.startWake(0);
    run(q, 0, 400, () => all([0, 255, 0]));
    expect(q.next(400, all([0, 255, 0]))).toBeUndefined();
    q.forget();
    expect(q.next(480, all([0, 255, 0]))?.zonesMask).toBe(0xfff);
    expect(q.depth).toBe(3);
  });
});
