import { decodeCcb, parseShow, type Show } from '@crowdcue/protocol';
import { buildCrowd, venueFromShow } from '@crowdcue/simulator';
import { describe, expect, it } from 'vitest';
import { planPreview, PreviewCursor } from './local-preview';

function show(steps: unknown[]): Show {
  const r = parseShow({
    version: 1, id: 's', name: 'S', site: 9,
    venue: { name: 'V', zones: [{ id: 0, name: 'A' }, { id: 1, name: 'B' }], seats: { kind: 'arena', seats: 300, zones: 2 } },
    parades: [{ id: 'p', name: 'P', duration: 6000, tracks: [{ id: 't', target: { all: true }, steps }] }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('local parade preview', () => {
  it('turns steps into CCB packets at their times', () => {
    const plan = planPreview(show([
      { id: 'a', at: 0, duration: 2000, kind: 'COLOR', colors: ['#ff0000'] },
      { id: 'b', at: 2000, duration: 2000, kind: 'PULSE', colors: ['#00ff00', '#000000'], speed: 1000 },
    ]), 'p');
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    expect(plan.packets.map((p) => p.atMs)).toEqual([0, 2000]);
    const decoded = plan.packets.map((p) => decodeCcb(p.bytes));
    expect(decoded.every((d) => d.ok && d.value.site === 9)).toBe(true);
    const second = decoded[1];
    expect(second.ok && second.value.cmd === 'EFFECT' && second.value.startMs).toBe(2000);
  });

  it('reports the compiler errors by path', () => {
    const plan = planPreview(show([{ id: 'in', at: 0, duration: 1000, kind: 'WAVE', colors: ['#ffffff'], direction: { axis: 'radial', outward: false } }]), 'p');
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.errors[0].path).toBe('parades[0].tracks[0].steps[0].direction.outward');
  });

  it('the simulated crowd shows each step, and scrubbing back replays from the start', () => {
    const s = show([
      { id: 'red', at: 0, duration: 1000, kind: 'COLOR', colors: ['#ff0000'] },
      { id: 'blue', at: 1000, duration: 1000, kind: 'COLOR', colors: ['#0000ff'] },
    ]);
    const plan = planPreview(s, 'p');
    if (!plan.ok) throw new Error('plan failed');
    const venue = venueFromShow(s.venue);
    const cursor = new PreviewCursor(plan.packets, () => buildCrowd(venue, { site: s.site }));
    const out = new Uint8Array(cursor.crowd.count * 4);
    cursor.seek(1500);
    cursor.crowd.colorsAt(1500, out);
    expect(Array.from(out.subarray(0, 3))).toEqual([0, 0, 255]);
    expect(cursor.seek(500)).toBe(true);
    cursor.crowd.colorsAt(500, out);
    expect(Array.from(out.subarray(0, 3))).toEqual([255, 0, 0]);
  });
});
