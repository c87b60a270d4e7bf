import { encodeCcb, toHex, type CcbCommand, type CcbTarget, type OnAirPacketInfo } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { OnAirRecord } from './on-air-record';

let seq = 0;
const pkt = (target: CcbTarget, command: CcbCommand, endMs: number): OnAirPacketInfo => ({
  rf: toHex(encodeCcb({ site: 1, seq: (seq = (seq % 255) + 1), target, ...command } as Parameters<typeof encodeCcb>[0])),
  startMs: endMs - 4,
  endMs,
  transmitterId: 'tx',
});
const red: CcbCommand = { cmd: 'COLOR', rgb: [255, 0, 0], fadeMs: 0 };
const blue: CcbCommand = { cmd: 'COLOR', rgb: [0, 0, 255], fadeMs: 0 };

describe('OnAirRecord', () => {
  it('keeps the last SYNC and MASTER and, per zone, the look on show and one waiting behind it', () => {
    const r = new OnAirRecord([0, 1, 2]);
    const sync1 = pkt({ kind: 'ALL' }, { cmd: 'SYNC', clockMs: 10 }, 10);
    const all = pkt({ kind: 'ALL' }, red, 20);
    const z1 = pkt({ kind: 'ZONES', zones: [1] }, blue, 30);
    const master = pkt({ kind: 'ALL' }, { cmd: 'MASTER', level: 0 }, 40);
    const sync2 = pkt({ kind: 'ALL' }, { cmd: 'SYNC', clockMs: 50 }, 50);
    const z1Again = { ...z1, startMs: 56, endMs: 60 };
    for (const p of [sync1, all, z1, master, sync2, z1Again]) r.add(p);
    // Zone 1: red then blue (a repeat of blue replaces itself); zones 0 and 2: red.
    expect(r.packets()).toEqual([all, master, sync2, z1Again]);
  });

  it('records a ZONE_COLORS as the look of the zones it lists only', () => {
    const r = new OnAirRecord([0, 1, 2]);
    const all = pkt({ kind: 'ALL' }, red, 20);
    const some = pkt({ kind: 'ALL' }, { cmd: 'ZONE_COLORS', form: 'RUN', fadeMs: 0, zones: [[1, [1, 2, 3]], [2, [4, 5, 6]]] }, 30);
    const z1 = pkt({ kind: 'ZONES', zones: [1] }, blue, 40);
    const z2 = pkt({ kind: 'ZONES', zones: [2] }, blue, 50);
    for (const p of [all, some, z1, z2]) r.add(p);
    // Zone 0 never listed keeps red; zones 1 and 2 moved on from it, and their last two looks are kept.
    expect(r.packets()).toEqual([all, some, z1, z2]);
    r.add(pkt({ kind: 'ZONES', zones: [1, 2] }, red, 60));
    expect(r.packets()).not.toContain(some);
  });

  it('forgets seat-range looks once a packet to every zone covers them, and ignores what it cannot read', () => {
    const r = new OnAirRecord([0, 1]);
    const seats = pkt({ kind: 'PIXELS', first: 0, last: 9 }, blue, 10);
    r.add(seats);
    r.add({ rf: 'zz', startMs: 0, endMs: 1, transmitterId: 'tx' });
    r.add({ rf: '0102', startMs: 0, endMs: 1, transmitterId: 'tx', format: 'xyloband' });
    expect(r.packets()).toEqual([seats]);
    const all = pkt({ kind: 'ALL' }, red, 20);
    r.add(all);
    expect(r.packets()).toEqual([all]);
  });
});
