import { encodeCcb, type CcbCommand, type CcbTarget } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { Band } from './band';

const ID = { site: 7, zone: 5, pixel: 100, x: 64, y: 200 };
let nextSeq = 1;
/** A CCB packet for site 7; seq counts up unless given. */
function pkt(cmd: CcbCommand, opts: { seq?: number; target?: CcbTarget; site?: number } = {}): Uint8Array {
  const seq = opts.seq ?? (nextSeq = (nextSeq % 255) + 1);
  return encodeCcb({ site: opts.site ?? 7, seq, target: opts.target ?? { kind: 'ALL' }, ...cmd });
}
const color = (r: number, g: number, b: number, fadeMs = 0): CcbCommand => ({ cmd: 'COLOR', rgb: [r, g, b], fadeMs });
const effect = (e: Partial<Extract<CcbCommand, { cmd: 'EFFECT' }>>): CcbCommand => ({
  cmd: 'EFFECT',
  shape: 'SQUARE',
  c1: [255, 0, 0],
  c2: [0, 0, 255],
  periodMs: 1000,
  axis: 'NONE',
  dir: 0,
  spread: 0,
  startMs: 0xffffffff,
  ...e,
});

describe('Band acceptance', () => {
  it('powers up black, awake, at master 255', () => {
    const b = new Band(ID);
    expect(b.colorAt(0)).toEqual([0, 0, 0]);
    expect(b.isAwake).toBe(true);
    expect(b.masterLevel).toBe(255);
  });

  it('ignores other sites without remembering their seq', () => {
    const b = new Band(ID);
    expect(b.receive(pkt(color(9, 9, 9), { seq: 10, site: 8 }), 0)).toBe('other-site');
    expect(b.receive(pkt(color(1, 2, 3), { seq: 10 }), 0)).toBe('acted');
    expect(b.colorAt(0)).toEqual([1, 2, 3]);
  });

  it('acts once per seq among the last 8, and again once a seq has dropped out', () => {
    const b = new Band(ID);
    expect(b.receive(pkt(color(10, 0, 0), { seq: 1 }), 0)).toBe('acted');
    expect(b.receive(pkt(color(20, 0, 0), { seq: 1 }), 1)).toBe('repeat');
    expect(b.colorAt(1)).toEqual([10, 0, 0]);
    for (let s = 2; s <= 8; s++) b.receive(pkt({ cmd: 'MASTER', level: 255 }, { seq: s }), 2);
    expect(b.receive(pkt(color(30, 0, 0), { seq: 1 }), 3)).toBe('repeat');
    b.receive(pkt({ cmd: 'MASTER', level: 255 }, { seq: 9 }), 4);
    expect(b.receive(pkt(color(40, 0, 0), { seq: 1 }), 5)).toBe('acted');
    expect(b.colorAt(5)).toEqual([40, 0, 0]);
  });

  it('records seq of a packet for other bands and of a malformed packet', () => {
    const b = new Band(ID);
    expect(b.receive(pkt(color(1, 1, 1), { seq: 3, target: { kind: 'ZONES', zones: [4] } }), 0)).toBe('not-targeted');
    expect(b.receive(pkt(color(2, 2, 2), { seq: 3 }), 0)).toBe('repeat');
    const short = pkt(color(5, 5, 5), { seq: 4 }).slice(0, 6);
    expect(b.receive(short, 0)).toBe('malformed');
    expect(b.receive(pkt(color(5, 5, 5), { seq: 4 }), 0)).toBe('repeat');
    expect(b.receive(Uint8Array.of(7, 9, 0x42, 0), 0)).toBe('malformed');
    expect(b.receive(pkt(color(6, 6, 6), { seq: 9 }), 0)).toBe('repeat');
    expect(b.receive(Uint8Array.of(7), 0)).toBe('too-short');
    expect(b.colorAt(0)).toEqual([0, 0, 0]);
  });

  it('ignores an IMAGE with half a run at the end', () => {
    const b = new Band({ ...ID, pixel: 0 });
    b.receive(pkt({ cmd: 'PALETTE', image: 0, colors: [[9, 9, 9]] }), 0);
    const image = pkt({ cmd: 'IMAGE', image: 0, first: 0, runs: [[1, 0]] });
    expect(b.receive(Uint8Array.of(...image, 1), 0)).toBe('malformed');
    expect(b.receive(pkt({ cmd: 'SHOW_IMAGE', image: 0, fadeMs: 0, startMs: 0xffffffff }), 0)).toBe('acted');
    expect(b.colorAt(0)).toEqual([0, 0, 0]);
  });

  it('matches zone masks and pixel ranges', () => {
    const b = new Band(ID);
    expect(b.receive(pkt(color(1, 0, 0), { target: { kind: 'ZONES', zones: [0, 5, 63] } }), 0)).toBe('acted');
    expect(b.receive(pkt(color(2, 0, 0), { target: { kind: 'PIXELS', first: 100, last: 100 } }), 0)).toBe('acted');
    expect(b.receive(pkt(color(3, 0, 0), { target: { kind: 'PIXELS', first: 101, last: 200 } }), 0)).toBe('not-targeted');
    expect(b.colorAt(0)).toEqual([2, 0, 0]);
  });
});

describe('Band layers', () => {
  it('fades linearly from the colour at receipt, rounding half up', () => {
    const b = new Band(ID);
    b.receive(pkt(color(100, 0, 0)), 0);
    b.receive(pkt(color(0, 201, 0, 1000)), 1000);
    expect(b.colorAt(1000)).toEqual([100, 0, 0]);
    expect(b.colorAt(1500)).toEqual([50, 101, 0]); // 100.5 rounds up
    expect(b.colorAt(2000)).toEqual([0, 201, 0]);
    expect(b.colorAt(9000)).toEqual([0, 201, 0]);
    // A new fade starts from wherever the last one had got to.
    b.receive(pkt(color(0, 0, 0)), 3000);
    b.receive(pkt(color(200, 0, 0, 100)), 3000);
    b.receive(pkt(color(0, 0, 0, 100)), 3050);
    expect(b.colorAt(3050)).toEqual([100, 0, 0]);
  });

  it('scales the output by master, floor(c * level / 255)', () => {
    const b = new Band(ID);
    b.receive(pkt(color(255, 100, 1)), 0);
    b.receive(pkt({ cmd: 'MASTER', level: 128 }), 0);
    expect(b.colorAt(0)).toEqual([128, 50, 0]);
  });

  it('sleeps black, ignores all but WAKE, and wakes with its layers intact', () => {
    const b = new Band(ID);
    b.receive(pkt(color(10, 20, 30)), 0);
    b.receive(pkt({ cmd: 'SLEEP' }), 10);
    expect(b.colorAt(10)).toEqual([0, 0, 0]);
    expect(b.receive(pkt(color(99, 99, 99)), 20)).toBe('asleep');
    expect(b.receive(pkt({ cmd: 'WAKE' }), 30)).toBe('acted');
    expect(b.colorAt(30)).toEqual([10, 20, 30]);
  });

  it('starts an EFFECT at start_ms and keeps the old base layer until then', () => {
    const b = new Band(ID);
    b.receive(pkt(color(0, 255, 0)), 0);
    b.receive(pkt(effect({ startMs: 1000 })), 100);
    expect(b.colorAt(999)).toEqual([0, 255, 0]);
    expect(b.colorAt(1000)).toEqual([255, 0, 0]);
    expect(b.colorAt(1500)).toEqual([0, 0, 255]);
    expect(b.colorAt(2000)).toEqual([255, 0, 0]);
  });

  it('lets COLOR and EFFECT cancel a layer still waiting for its start', () => {
    const b = new Band(ID);
    b.receive(pkt(effect({ startMs: 1000 })), 0);
    b.receive(pkt(color(1, 2, 3)), 500);
    expect(b.colorAt(1200)).toEqual([1, 2, 3]);
    b.receive(pkt(effect({ startMs: 3000 })), 2000);
    b.receive(pkt(effect({ startMs: 4000, c1: [9, 9, 9] })), 2500);
    expect(b.colorAt(3500)).toEqual([1, 2, 3]);
    expect(b.colorAt(4000)).toEqual([9, 9, 9]);
  });

  it('keeps a started EFFECT when a later packet arrives, then fades COLOR from the effect colour', () => {
    const b = new Band(ID);
    b.receive(pkt(effect({ startMs: 1000, shape: 'RAMP', c1: [200, 0, 0], c2: [0, 0, 0] })), 0);
    b.receive(pkt({ cmd: 'MASTER', level: 255 }), 1250);
    expect(b.colorAt(1250)).toEqual([50, 0, 0]);
    b.receive(pkt(color(0, 0, 0, 1000)), 1250);
    expect(b.colorAt(1750)).toEqual([25, 0, 0]);
  });

  it('SYNC sets the clock; times compare with wrap-around', () => {
    const b = new Band(ID);
    b.receive(pkt({ cmd: 'SYNC', clockMs: 0xffffff00 }), 50);
    expect(b.clockAt(50)).toBe(0xffffff00);
    expect(b.clockAt(50 + 0x100)).toBe(0);
    // Starts 0x200 ms after the sync, past the wrap.
    b.receive(pkt(effect({ startMs: 0x100, c1: [1, 1, 1], c2: [1, 1, 1] })), 60);
    expect(b.colorAt(50 + 0x1ff)).toEqual([0, 0, 0]);
    expect(b.colorAt(50 + 0x200)).toEqual([1, 1, 1]);
  });

  it('treats start_ms up to 2^31 behind as past: the effect runs at once, in phase', () => {
    const b = new Band(ID);
    b.receive(pkt({ cmd: 'SYNC', clockMs: 10_000 }), 0);
    b.receive(pkt(effect({ startMs: 9_500 })), 0);
    expect(b.colorAt(0)).toEqual([0, 0, 255]); // half a period in
  });
});

describe('Band effects', () => {
  const at = (e: Parameters<typeof effect>[0], ms: number, id = ID) => {
    const b = new Band(id);
    b.receive(pkt(effect({ startMs: 0, ...e })), 0);
    return b.colorAt(ms);
  };

  it('SINE runs c2 -> c1 -> c2 over a period', () => {
    const e = { shape: 'SINE' as const, c1: [200, 100, 0] as [number, number, number], c2: [0, 0, 0] as [number, number, number] };
    expect(at(e, 0)).toEqual([0, 0, 0]);
    expect(at(e, 250)).toEqual([100, 50, 0]);
    expect(at(e, 500)).toEqual([200, 100, 0]);
  });

  it('RAMP rises linearly from c2 to c1', () => {
    expect(at({ shape: 'RAMP', c1: [100, 0, 0], c2: [0, 0, 0] }, 250)).toEqual([25, 0, 0]);
  });

  it('RAINBOW walks the hue at the value of c1', () => {
    const e = { shape: 'RAINBOW' as const, c1: [0, 200, 50] as [number, number, number], periodMs: 600 };
    expect(at(e, 0)).toEqual([200, 0, 0]);
    expect(at(e, 50)).toEqual([200, 100, 0]);
    expect(at(e, 200)).toEqual([0, 200, 0]);
    expect(at(e, 400)).toEqual([0, 0, 200]);
    expect(at(e, 550)).toEqual([200, 0, 100]);
  });

  it('SPARKLE lights about one band in eight per cycle, the same bands for the same cycle', () => {
    let lit = 0;
    let changed = 0;
    const sparkle = { shape: 'SPARKLE' as const, c1: [255, 255, 255] as [number, number, number], c2: [0, 0, 0] as [number, number, number] };
    for (let pixel = 0; pixel < 4000; pixel++) {
      const c = at(sparkle, 1500, { ...ID, pixel });
      if (c[0] === 255) lit++;
      if (at(sparkle, 1999, { ...ID, pixel })[0] !== c[0]) changed++;
    }
    expect(lit).toBeGreaterThan(400);
    expect(lit).toBeLessThan(600);
    expect(changed).toBe(0);
  });

  it('delays the phase by q * spread / 16 along each axis', () => {
    const square = { shape: 'SQUARE' as const, c1: [255, 0, 0] as [number, number, number], c2: [0, 0, 255] as [number, number, number], spread: 8 };
    // LINEAR along x (dir 0): x = 255 lags half a period (q = 1, spread 8 -> 0.5).
    expect(at({ ...square, axis: 'LINEAR' }, 100, { ...ID, x: 0, y: 0 })).toEqual([255, 0, 0]);
    expect(at({ ...square, axis: 'LINEAR' }, 100, { ...ID, x: 255, y: 0 })).toEqual([0, 0, 255]);
    // dir 64 is 90 degrees: y counts, x does not.
    expect(at({ ...square, axis: 'LINEAR', dir: 64 }, 100, { ...ID, x: 255, y: 0 })).toEqual([255, 0, 0]);
    expect(at({ ...square, axis: 'LINEAR', dir: 64 }, 100, { ...ID, x: 0, y: 255 })).toEqual([0, 0, 255]);
    // RADIAL: 128 from the centre is q = 1.
    expect(at({ ...square, axis: 'RADIAL' }, 100, { ...ID, x: 128, y: 128 })).toEqual([255, 0, 0]);
    expect(at({ ...square, axis: 'RADIAL' }, 100, { ...ID, x: 128, y: 0 })).toEqual([0, 0, 255]);
    // ZONE: zone 32 is q = 0.5, lag 0.25 with spread 8.
    expect(at({ ...square, axis: 'ZONE' }, 100, { ...ID, zone: 32 })).toEqual([0, 0, 255]);
    expect(at({ ...square, axis: 'ZONE' }, 300, { ...ID, zone: 32 })).toEqual([255, 0, 0]);
  });
});

describe('Band images', () => {
  const setup = (pixel: number) => {
    const b = new Band({ ...ID, pixel });
    b.receive(pkt({ cmd: 'PALETTE', image: 2, colors: [[255, 0, 0], [0, 255, 0]] }), 0);
    // pixels 10..12 -> index 1, 13..14 -> keep, 15 -> index 0, 16 -> index 5 (not in the palette)
    b.receive(pkt({ cmd: 'IMAGE', image: 2, first: 10, runs: [[3, 1], [2, 0xff], [1, 0], [1, 5]] }), 0);
    b.receive(pkt(color(0, 0, 100)), 0);
    return b;
  };

  it('shows the palette colour of the band\'s own pixel, fading like COLOR', () => {
    const b = setup(11);
    b.receive(pkt({ cmd: 'SHOW_IMAGE', image: 2, fadeMs: 100, startMs: 0xffffffff }), 1000);
    expect(b.colorAt(1050)).toEqual([0, 128, 50]);
    expect(b.colorAt(1100)).toEqual([0, 255, 0]);
    const c = setup(15);
    c.receive(pkt({ cmd: 'SHOW_IMAGE', image: 2, fadeMs: 0, startMs: 0xffffffff }), 0);
    expect(c.colorAt(0)).toEqual([255, 0, 0]);
  });

  it('leaves a band outside the image, or with an index past its palette, unchanged and its waiting layer intact', () => {
    for (const pixel of [9, 13, 16, 17]) {
      const b = setup(pixel);
      b.receive(pkt(effect({ startMs: 500, c1: [7, 7, 7], c2: [7, 7, 7] })), 0);
      b.receive(pkt({ cmd: 'SHOW_IMAGE', image: 2, fadeMs: 0, startMs: 0xffffffff }), 100);
      expect(b.colorAt(100)).toEqual([0, 0, 100]);
      expect(b.colorAt(600)).toEqual([7, 7, 7]);
    }
  });

  it('waits for start_ms, fading from the base colour then; and cancels a waiting effect', () => {
    const b = setup(10);
    b.receive(pkt(effect({ startMs: 300, c1: [7, 7, 7], c2: [7, 7, 7] })), 0);
    b.receive(pkt(color(0, 0, 200, 1000)), 0);
    b.receive(pkt(effect({ startMs: 2000, c1: [7, 7, 7], c2: [7, 7, 7] })), 0);
    b.receive(pkt({ cmd: 'SHOW_IMAGE', image: 2, fadeMs: 100, startMs: 500 }), 100);
    expect(b.colorAt(499)).toEqual([0, 0, 150]);
    expect(b.colorAt(550)).toEqual([0, 128, 75]);
    expect(b.colorAt(3000)).toEqual([0, 255, 0]);
  });

  it('a new PALETTE replaces the slot\'s colours', () => {
    const b = setup(15);
    b.receive(pkt({ cmd: 'PALETTE', image: 2, colors: [[1, 2, 3]] }), 0);
    b.receive(pkt({ cmd: 'SHOW_IMAGE', image: 2, fadeMs: 0, startMs: 0xffffffff }), 0);
    expect(b.colorAt(0)).toEqual([1, 2, 3]);
    const c = setup(11);
    c.receive(pkt({ cmd: 'PALETTE', image: 2, colors: [[1, 2, 3]] }), 0);
    c.receive(pkt({ cmd: 'SHOW_IMAGE', image: 2, fadeMs: 0, startMs: 0xffffffff }), 0);
    expect(c.colorAt(0)).toEqual([0, 0, 100]);
  });
});
