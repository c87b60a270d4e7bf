/**
 * Runs one `band` scenario of a vectors file (protocol spec, vectors.json): feeds
 * each packet at its `at_ms`, reads the output at each expected time. Both band
 * models can run it: the reference `Band`, and a one-band `Crowd`.
 */
import { fromHex, type BandScenario, type Rgb } from '@crowdcue/protocol';
import { Band, type BandIdentity } from '../band/band';
import { Crowd } from '../crowd/crowd';

export interface BandScenarioResult {
  atMs: number;
  expected: Rgb;
  actual: Rgb;
}

export interface BandScenarioOptions {
  /** Which model runs the scenario: the reference band (default) or the crowd. */
  model?: 'band' | 'crowd';
}

type Event = { at: number; order: number } & ({ kind: 'packet'; bytes: Uint8Array } | { kind: 'expect'; rgb: Rgb });

/** Implements protocol's `BandScenarioRunner` (the `crowdcue conformance` band section). */
export function runBandScenario(scenario: BandScenario, opts: BandScenarioOptions = {}): BandScenarioResult[] {
  const model = opts.model === 'crowd' ? crowdModel(scenario.band) : bandModel(scenario.band);
  const events: Event[] = [
    ...scenario.packets.map((p, i): Event => ({ at: p.at_ms, order: i, kind: 'packet', bytes: fromHex(p.bytes) })),
    ...scenario.expect.map((e, i): Event => ({ at: e.at_ms, order: i, kind: 'expect', rgb: e.rgb })),
  ];
  // A packet and a reading at the same moment: the band acts first, then is read.
  events.sort((a, b) => a.at - b.at || (a.kind === b.kind ? a.order - b.order : a.kind === 'packet' ? -1 : 1));
  const results: Array<BandScenarioResult & { order: number }> = [];
  for (const e of events) {
    if (e.kind === 'packet') model.receive(e.bytes, e.at);
    else results.push({ atMs: e.at, expected: e.rgb, actual: model.colorAt(e.at), order: e.order });
  }
  return results.sort((a, b) => a.order - b.order).map(({ atMs, expected, actual }) => ({ atMs, expected, actual }));
}

interface Model {
  receive(bytes: Uint8Array, atMs: number): void;
  colorAt(atMs: number): Rgb;
}

function bandModel(id: BandIdentity): Model {
  const band = new Band(id);
  return { receive: (bytes, at) => void band.receive(bytes, at), colorAt: (at) => band.colorAt(at) };
}

function crowdModel(id: BandIdentity): Model {
  const crowd = new Crowd([id]);
  return { receive: (bytes, at) => crowd.receive(bytes, at), colorAt: (at) => crowd.colorOf(0, at) };
}
