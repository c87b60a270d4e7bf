import { describe, expect, it } from 'vitest';
import { RampFollower } from './ramp-follower';

const FRAME_MS = 1000 / 44;

/** Feeds a desk crossfade (whole DMX numbers) and answers what was sent and the worst gap between the bands and the desk. */
function run(colourAt: (t: number) => number[], ms: number) {
  const f = new RampFollower();
  const sent: Array<{ t: number; fade?: number; color: number[] }> = [];
  let worst = 0;
  for (let t = 0; t <= ms; t += FRAME_MS) {
    const desk = colourAt(t).map(Math.round);
    const look = f.push(t, desk);
    if (look) sent.push({ t, fade: look.fade, color: look.color });
    const shown = f.shown(t) as number[];
    worst = Math.max(worst, ...desk.map((d, i) => Math.abs(d - shown[i])));
  }
  return { sent, worst };
}

describe('RampFollower', () => {
  it('sends a steady colour once', () => {
    const { sent } = run(() => [255, 0, 40], 5000);
    expect(sent).toEqual([{ t: 0, fade: undefined, color: [255, 0, 40] }]);
  });

  it('turns a 20 s desk crossfade into a few band-side fades, never more than the tolerance off', () => {
    const { sent, worst } = run((t) => {
      const p = Math.min(1, t / 20_000);
      return [255 * (1 - p), 0, 255 * p];
    }, 25_000);
    expect(worst).toBeLessThanOrEqual(3 + 1);
    expect(sent.filter((s) => s.fade !== undefined).length).toBeGreaterThan(0);
    // Every change would be about 880 colour packets.
    expect(sent.length).toBeLessThan(20);
    expect(sent.at(-1)?.color).toEqual([0, 0, 255]);
  });

  it('follows a snap change at once', () => {
    const { sent } = run((t) => (t < 1000 ? [0, 0, 0] : [255, 255, 255]), 2000);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ color: [255, 255, 255], fade: undefined });
  });

  it('keeps fading through a corner where one channel sits at 0 (red -> blue -> green, 20 s a leg)', () => {
    const legs = [
      [255, 0, 0],
      [0, 0, 255],
      [0, 255, 0],
    ];
    const { sent, worst } = run((t) => {
      const leg = Math.floor(t / 20_000) % 3;
      const p = (t % 20_000) / 20_000;
      return legs[leg].map((a, i) => a + (legs[(leg + 1) % 3][i] - a) * p);
    }, 60_000);
    expect(worst).toBeLessThanOrEqual(4);
    // A step per DMX change would be hundreds; a fade per stretch is about four a leg.
    expect(sent.length).toBeLessThan(20);
  });

  it('stops a band-side fade where the desk last was when the desk goes silent', () => {
    const f = new RampFollower();
    let t = 0;
    for (; t < 3000; t += FRAME_MS) f.push(t, [Math.round((255 * t) / 10_000), 0, 0]);
    const last = Math.round((255 * (t - FRAME_MS)) / 10_000);
    expect(f.shown(t + 5000)?.[0]).toBeGreaterThan(last + 50);
    expect(f.hold(t)).toEqual({ kind: 'color', color: [last, 0, 0] });
    expect(f.shown(t + 5000)).toEqual([last, 0, 0]);
    expect(f.hold(t + 10)).toBeNull();
  });
});
