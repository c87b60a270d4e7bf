import type { TransmitterHealthInfo } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { stripFigures } from './strip-figures';

const tx = (id: string, extra: Partial<TransmitterHealthInfo> = {}): TransmitterHealthInfo =>
  ({ id, url: 'virtual:', state: 'up', airtimePct: 10, queueDepth: 0, packetsSent: 0, nacks: {}, lateSends: 0, badFrames: 0, ...extra }) as TransmitterHealthInfo;

describe('status strip figures', () => {
  it('counts transmitters up, the busiest airtime and every NACK, and marks what needs attention', () => {
    const f = stripFigures([tx('a', { airtimePct: 85, nacks: { BUSY: 2 } }), tx('b', { state: 'down' })], null, null);
    expect(f.transmitters).toEqual({ value: '1/2 up', warn: true });
    expect(f.airtime).toEqual({ value: '85%', warn: true });
    expect(f.nacks).toEqual({ value: '2', warn: true });
    expect(f.lateness).toEqual({ value: '—', warn: false });
  });

  it('marks lateness by its p99 and by late cues', () => {
    const calm = stripFigures([tx('a')], { samples: 100, p50Ms: 0.2, p99Ms: 0.8, maxMs: 2, early: 0 }, { windowMs: 10_000, transmitters: [], late: [] });
    expect(calm.lateness).toEqual({ value: 'p99 0.8 ms', warn: false });
    const late = stripFigures([tx('a')], { samples: 100, p50Ms: 0.2, p99Ms: 0.8, maxMs: 2, early: 0 }, { windowMs: 10_000, transmitters: [], late: [{ cue: 'cue 4', byMs: 365 }] });
    expect(late.lateness).toEqual({ value: 'p99 0.8 ms · 1 late', warn: true });
  });
});
