import vectors from '@crowdcue/protocol/vectors.json';
import { describe, expect, it } from 'vitest';
import type { BandScenario } from '@crowdcue/protocol';
import { runBandScenario } from './run-band-scenario';

const scenarios = (vectors as unknown as { band: BandScenario[] }).band;

describe('runBandScenario on the band vectors', () => {
  it('has band scenarios to run', () => {
    expect(scenarios.length).toBeGreaterThan(10);
  });

  for (const model of ['band', 'crowd'] as const) {
    it(`passes every band scenario with the ${model} model (within 1 per channel)`, () => {
      const off: string[] = [];
      scenarios.forEach((s, k) => {
        const results = runBandScenario(s, { model });
        expect(results).toHaveLength(s.expect.length);
        for (const r of results) {
          if (r.actual.some((v, c) => Math.abs(v - r.expected[c]) > 1)) off.push(`scenario ${k} at ${r.atMs}: want ${r.expected}, got ${r.actual}`);
        }
      });
      expect(off).toEqual([]);
    });
  }

  it('reports a wrong expectation as a mismatch, not a pass', () => {
    const s = structuredClone(scenarios[0]);
    s.expect = [{ at_ms: 5, rgb: [9, 9, 9] }];
    expect(runBandScenario(s)).toEqual([{ atMs: 5, expected: [9, 9, 9], actual: [0, 0, 0] }]);
  });

  it('lets a packet act before a reading at the same moment', () => {
    const s: BandScenario = {
      band: { site: 1, zone: 0, pixel: 0, x: 0, y: 0 },
      packets: [{ at_ms: 10, bytes: '0101010001020300 00'.replace(/ /g, '') }],
      expect: [{ at_ms: 10, rgb: [1, 2, 3] }],
    };
    expect(runBandScenario(s)[0].actual).toEqual([1, 2, 3]);
  });
});
