import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseShow, showErrorsText } from './parse-show';
import type { ShowError } from './format-issues';

const example = (): Record<string, any> => // eslint-disable-line @typescript-eslint/no-explicit-any -- test fixture mutated freely
  JSON.parse(readFileSync(new URL('../../test-data/example-show.json', import.meta.url), 'utf8'));

function errorsOf(json: unknown): ShowError[] {
  const r = parseShow(json);
  if (r.ok) throw new Error('expected the show to be refused');
  return r.errors;
}

describe('parseShow: a valid show', () => {
  it('parses the example and fills every default', () => {
    const r = parseShow(example());
    if (!r.ok) throw new Error(showErrorsText(r.errors));
    const show = r.value;
    expect(show.palettes.warm).toEqual([[255, 128, 0], [255, 40, 0]]);
    const [c1, c2] = show.cueLists[0].cues;
    expect(c1).toEqual({ id: 'c1', number: 1, label: 'House warm', looks: { all: { kind: 'color', color: [255, 128, 0] } }, delay: 0, fade: 2000, follow: null, hang: 0 });
    expect(c2.looks.all).toEqual({ kind: 'effect', shape: 'SINE', colors: [[255, 0, 0], [0, 0, 32]], period: 2000, axis: 'LINEAR', direction: 0, spread: 16 });
    expect(show.parades[0].tracks[0].steps[1]).toMatchObject({ colors: [], speed: 1000, spread: 0, fade: 0, direction: { axis: 'radial', outward: true } });
    expect(show.brandSequences[0].logo).toEqual({ asset: 'acme-logo', x: 0.5, y: 0.5, scale: 1, rotation: 0, fit: 'fit', background: [0, 0, 0], zones: [1, 2] });
    expect(show.safety).toEqual({ maxFlashesPerSecond: 3 });
  });

  it('fills the defaults of a minimal show', () => {
    const r = parseShow({ version: 1, id: 's', name: 'S', site: 0, venue: { name: 'V', zones: [{ id: 0, name: 'all' }], seats: { kind: 'field' } } });
    expect(r).toEqual({
      ok: true,
      value: {
        version: 1, id: 's', name: 'S', site: 0,
        venue: { name: 'V', zones: [{ id: 0, name: 'all' }], seats: { kind: 'field', seed: 1 } },
        palettes: {}, cueLists: [], parades: [], timeline: [], brandSequences: [], transmitters: [],
        safety: { maxFlashesPerSecond: 3 },
      },
    });
  });

  it('takes seats as a list or CSV text', () => {
    const list = example();
    list.venue.seats = [{ section: 'A', row: 1, seat: 2, x: 10, y: 20, zone: 1 }];
    const r = parseShow(list);
    expect(r.ok && r.value.venue.seats).toEqual([{ section: 'A', row: '1', seat: '2', x: 10, y: 20, zone: 1 }]);
    const csv = example();
    csv.venue.seats = { kind: 'csv', csv: 'section,row,seat,x,y,zone\nA,1,1,0,0,0\n' };
    expect(parseShow(csv).ok).toBe(true);
  });

  it('accepts a raised flash limit with an explicit override', () => {
    const show = example();
    show.safety = { maxFlashesPerSecond: 5, override: { maxFlashesPerSecond: 5, reason: 'strobe finale, announced', approvedBy: 'venue safety officer' } };
    expect(parseShow(show).ok).toBe(true);
  });
});

describe('parseShow: every error, by path', () => {
  it('reports a nested field path', () => {
    const show = example();
    show.cueLists[0].cues[1].looks.zone2 = { kind: 'color', color: [0, 0, 0], fade: -5 };
    expect(errorsOf(show)).toEqual([{ path: 'cueLists[0].cues[1].looks.zone2.fade', message: 'must be >= 0' }]);
  });

  it('lists every kind of structural error at once', () => {
    const show = example();
    show.name = '';
    show.site = 300;
    show.extra = true;
    show.palettes.bad = ['#12345'];
    show.venue.zones.push({ id: 64, name: 'Roof' });
    const cues = show.cueLists[0].cues;
    cues[0].looks.zone99 = { kind: 'off' };
    cues[0].delay = 'soon';
    cues[1].looks.all.period = 0;
    cues[1].looks.all.shape = 'BLINK';
    cues[2].looks.all = { kind: 'blink' };
    cues[2].number = 2.5;
    delete cues[2].id;
    cues[2].follow = -1;
    const step = show.parades[0].tracks[0].steps[0];
    step.direction = { axis: 'linear', angle: 400 };
    step.kind = 'EXPLODE';
    show.parades[0].tracks[0].target = { zones: [] };
    show.brandSequences[0].schedule = { wallClock: 'tonight' };
    show.brandSequences[0].steps.push({ kind: 'dance', duration: 1 });
    show.transmitters[0].coverage = 'everything';
    show.safety.maxFlashesPerSecond = 10;
    show.timeline[0].at = -1;

    const text = showErrorsText(errorsOf(show));
    expect(text.split('\n')).toEqual([
      'name: must not be empty',
      'site: must be <= 255',
      'venue.zones[3].id: must be <= 63',
      'palettes.bad[0]: must be #rrggbb or [r, g, b]',
      'cueLists[0].cues[0].looks.zone99: bad key: must be "all" or zone0..zone63',
      'cueLists[0].cues[0].delay: must be a number, not string',
      'cueLists[0].cues[1].looks.all.shape: must be one of "SQUARE", "SINE", "RAMP", "RAINBOW", "SPARKLE"',
      'cueLists[0].cues[1].looks.all.period: must be >= 1',
      'cueLists[0].cues[2].id: is required',
      'cueLists[0].cues[2].looks.all.kind: must be one of "color", "effect", "off"',
      'cueLists[0].cues[2].follow: must be >= 0',
      'parades[0].tracks[0].target.zones: must have at least 1 item',
      'parades[0].tracks[0].steps[0].kind: must be one of "WAVE", "CHASE", "PULSE", "STROBE", "RAINBOW", "SPARKLE", "COLOR", "FADE"',
      'parades[0].tracks[0].steps[0].direction.angle: must be <= 359',
      'timeline[0].at: must be >= 0',
      'brandSequences[0].steps[2].kind: must be one of "reveal", "wash", "parade", "hold"',
      'brandSequences[0].schedule.wallClock: must be an ISO date-time with offset, e.g. 2025-06-01T20:30:00Z',
      'transmitters[0].coverage: must be "ALL"',
      'safety.maxFlashesPerSecond: above 3 needs safety.override with reason and approvedBy',
      'extra: unknown field',
    ]);
  });

  it('reports broken references and duplicate ids', () => {
    const show = example();
    show.venue.zones[2].id = 1;
    const cues = show.cueLists[0].cues;
    cues[1].id = 'c1';
    cues[1].number = 1;
    cues[2].parade = 'nope';
    cues[2].looks.zone9 = { kind: 'off' };
    show.parades[0].tracks[0].target = { zones: [1, 7] };
    show.parades[0].tracks[0].steps[1].at = 6000;
    show.parades[0].tracks[0].steps[0].colors = [];
    show.timeline.push({ parade: 'missing', at: 0 });
    show.brandSequences[0].schedule = { cue: 'c9' };
    show.brandSequences[0].steps.push({ kind: 'parade', duration: 1000, parade: 'ghost' });
    delete show.brandSequences[0].logo;
    show.transmitters.push({ id: 'tx1', url: 'tcp://bridge:4000', coverage: [5] });

    expect(showErrorsText(errorsOf(show)).split('\n')).toEqual([
      'venue.zones[2].id: duplicate zone id 1 (first at index 1)',
      'cueLists[0].cues[1].id: duplicate cue id "c1" (first at index 0)',
      'cueLists[0].cues[1].number: duplicate cue number 1 (first at index 0)',
      'cueLists[0].cues[2].looks.zone9: zone 9 is not in the venue',
      'cueLists[0].cues[2].parade: parade "nope" does not exist',
      'parades[0].tracks[0].target.zones[1]: zone 7 is not in the venue',
      "parades[0].tracks[0].steps[0].colors: a WAVE step needs at least one colour",
      "parades[0].tracks[0].steps[1].duration: step ends at 10000 ms, after the parade's duration (8000 ms)",
      'timeline[1].parade: parade "missing" does not exist',
      'brandSequences[0].steps[0]: a reveal step needs the sequence to have a logo',
      'brandSequences[0].steps[2].parade: parade "ghost" does not exist',
      'brandSequences[0].schedule.cue: cue "c9" does not exist',
      'transmitters[1].id: duplicate transmitter id "tx1" (first at index 0)',
      'transmitters[1].coverage[0]: zone 5 is not in the venue',
    ]);
  });

  it('still checks references in sections that parsed when another section is broken', () => {
    const show = example();
    show.cueLists[0].cues[0].fade = -1;
    show.timeline.push({ parade: 'missing', at: 0 });
    expect(errorsOf(show)).toEqual([
      { path: 'cueLists[0].cues[0].fade', message: 'must be >= 0' },
      { path: 'timeline[1].parade', message: 'parade "missing" does not exist' },
    ]);
  });

  it('refuses a raised flash limit above its override', () => {
    const show = example();
    show.safety = { maxFlashesPerSecond: 8, override: { maxFlashesPerSecond: 5, reason: 'finale', approvedBy: 'x' } };
    expect(errorsOf(show)).toEqual([{ path: 'safety.maxFlashesPerSecond', message: 'must be <= override.maxFlashesPerSecond (5)' }]);
    show.safety = { maxFlashesPerSecond: 2, override: { maxFlashesPerSecond: 5, reason: '', approvedBy: 'x' } };
    expect(errorsOf(show)).toEqual([{ path: 'safety.override.reason', message: 'must not be empty' }]);
  });

  it('refuses what is not a show', () => {
    expect(errorsOf(null)).toEqual([{ path: '', message: 'a show file must be a JSON object' }]);
    expect(errorsOf([])).toEqual([{ path: '', message: 'a show file must be a JSON object' }]);
    expect(errorsOf({})).toEqual([{ path: 'version', message: 'is required (current version is 1)' }]);
    expect(errorsOf({ version: 1 })).toEqual([
      { path: 'id', message: 'is required' },
      { path: 'name', message: 'is required' },
      { path: 'site', message: 'is required' },
      { path: 'venue', message: 'is required' },
    ]);
  });
});
