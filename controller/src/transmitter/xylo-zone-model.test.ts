import type { CcbPacket } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { XyloZoneModel } from './xylo-zone-model';

const all = { kind: 'ALL' } as const;
const p = (x: Omit<CcbPacket, 'site' | 'seq'> & Partial<CcbPacket>): CcbPacket => ({ site: 1, seq: 1, ...x }) as CcbPacket;

describe('XyloZoneModel', () => {
  it('leaves zones alone until the show addresses them', () => {
    const m = new XyloZoneModel();
    expect(m.desiredAt(0, 0)).toBeUndefined();
    m.apply(p({ target: { kind: 'ZONES', zones: [2, 40] }, cmd: 'COLOR', rgb: [9, 9, 9], fadeMs: 0 }), 0);
    expect(m.desiredAt(2, 0)).toEqual([9, 9, 9]);
    expect(m.desiredAt(1, 0)).toBeUndefined();
  });

  it('gives the zones a ZONE_COLORS lists the same look as a COLOR each, and leaves the rest alone', () => {
    const packed = new XyloZoneModel();
    const single = new XyloZoneModel();
    for (const m of [packed, single]) m.apply(p({ target: all, cmd: 'COLOR', rgb: [10, 10, 10], fadeMs: 0 }), 0);
    packed.apply(p({ target: all, cmd: 'ZONE_COLORS', form: 'LIST', fadeMs: 400, zones: [[3, [200, 0, 0]], [7, [0, 200, 0]], [40, [1, 1, 1]]] }), 100);
    single.apply(p({ target: { kind: 'ZONES', zones: [3] }, cmd: 'COLOR', rgb: [200, 0, 0], fadeMs: 400 }), 100);
    single.apply(p({ target: { kind: 'ZONES', zones: [7] }, cmd: 'COLOR', rgb: [0, 200, 0], fadeMs: 400 }), 100);
    for (const t of [100, 300, 600]) for (let z = 0; z < 12; z++) expect(packed.colorAt(z, t), `zone ${z} at ${t}`).toEqual(single.colorAt(z, t));
    expect(packed.colorAt(3, 300)).toEqual([105, 5, 5]);
    expect(packed.colorAt(4, 300)).toEqual([10, 10, 10]);
  });

  it('fades linearly from the colour at receipt, then applies master', () => {
    const m = new XyloZoneModel();
    m.apply(p({ target: all, cmd: 'COLOR', rgb: [200, 0, 100], fadeMs: 0 }), 0);
    m.apply(p({ target: all, cmd: 'COLOR', rgb: [0, 200, 100], fadeMs: 1000 }), 100);
    expect(m.colorAt(5, 600)).toEqual([100, 100, 100]);
    expect(m.animating(600)).toBe(true);
    m.apply(p({ target: all, cmd: 'MASTER', level: 128 }), 600);
    expect(m.colorAt(5, 2000)).toEqual([0, 100, 50]);
    expect(m.animating(2000)).toBe(false);
  });

  it('runs an effect from its start on the band clock SYNC set, keeping the old layer before', () => {
    const m = new XyloZoneModel();
    m.apply(p({ target: all, cmd: 'COLOR', rgb: [0, 0, 255], fadeMs: 0 }), 0);
    m.apply(p({ target: all, cmd: 'SYNC', clockMs: 10_000 }), 1000); // band clock = host + 9000
    m.apply(p({ target: all, cmd: 'EFFECT', shape: 'SQUARE', c1: [255, 0, 0], c2: [0, 255, 0], periodMs: 100, axis: 'NONE', dir: 0, spread: 0, startMs: 10_500 }), 1000);
    expect(m.colorAt(0, 1400)).toEqual([0, 0, 255]);
    expect(m.colorAt(0, 1510)).toEqual([255, 0, 0]);
    expect(m.colorAt(0, 1560)).toEqual([0, 255, 0]);
  });

  it('spreads a ZONE-axis effect across zones', () => {
    const m = new XyloZoneModel();
    m.apply(p({ target: all, cmd: 'EFFECT', shape: 'SQUARE', c1: [255, 255, 255], c2: [0, 0, 0], periodMs: 1000, axis: 'ZONE', dir: 0, spread: 128, startMs: 0xffffffff }), 0);
    // q = zone/64, phase shift = q * 128/16 = zone/8 of a cycle.
    expect(m.colorAt(0, 100)).toEqual([255, 255, 255]);
    expect(m.colorAt(4, 100)).toEqual([0, 0, 0]);
  });

  it('maps whole-site SLEEP/WAKE to the Xylo packets and a partial one to black zones', () => {
    const m = new XyloZoneModel();
    m.apply(p({ target: all, cmd: 'COLOR', rgb: [50, 50, 50], fadeMs: 0 }), 0);
    expect(m.apply(p({ target: { kind: 'ZONES', zones: [1] }, cmd: 'SLEEP' }), 0)).toEqual({ kind: 'applied', zones: [1] });
    expect(m.colorAt(1, 1)).toEqual([0, 0, 0]);
    expect(m.colorAt(2, 1)).toEqual([50, 50, 50]);
    expect(m.apply(p({ target: all, cmd: 'SLEEP' }), 0)).toEqual({ kind: 'sleep-all' });
    expect(m.apply(p({ target: all, cmd: 'WAKE' }), 0)).toEqual({ kind: 'wake-all' });
    expect(m.apply(p({ target: { kind: 'PIXELS', first: 0, last: 1 }, cmd: 'WAKE' }), 0).kind).toBe('ignored');
  });

  it('serves all 64 CCB zones when asked to (the PixMob driver), and says how each moves', () => {
    const m = new XyloZoneModel([], 64);
    m.apply(p({ target: { kind: 'ZONES', zones: [40] }, cmd: 'COLOR', rgb: [0, 200, 0], fadeMs: 1000 }), 0);
    expect(m.colorAt(40, 500)).toEqual([0, 100, 0]);
    expect(m.motionAt(40, 500)).toBe('smooth');
    expect(m.motionAt(40, 1500)).toBe('still');
    m.apply(p({ target: all, cmd: 'EFFECT', shape: 'SQUARE', c1: [255, 0, 0], c2: [0, 0, 0], periodMs: 500, axis: 'NONE', dir: 0, spread: 0, startMs: 0xffffffff }), 2000);
    expect(m.motionAt(63, 2100)).toBe('steps');
    expect(m.sparkleAt(63, 2100)).toBeUndefined();
  });

  it('tells a running SPARKLE with its colours at the master and the period it is in', () => {
    const m = new XyloZoneModel([], 64);
    m.apply(p({ target: all, cmd: 'MASTER', level: 128 }), 0);
    m.apply(p({ target: all, cmd: 'EFFECT', shape: 'SPARKLE', c1: [255, 255, 255], c2: [0, 0, 200], periodMs: 400, axis: 'NONE', dir: 0, spread: 0, startMs: 0xffffffff }), 1000);
    expect(m.sparkleAt(3, 1000 + 900)).toEqual({ c1: [128, 128, 128], c2: [0, 0, 100], period: 2 });
    expect(m.motionAt(3, 1900)).toBe('steps');
  });
});
