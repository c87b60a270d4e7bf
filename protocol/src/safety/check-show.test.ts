import { describe, expect, it } from 'vitest';
import { parseShow } from '../show/parse-show';
import type { Show } from '../show/show';
import { checkShow } from './check-show';
import { clampLook } from './clamp-look';
import { flashLimit } from './flash-limit';

function show(parts: Record<string, unknown>): Show {
  const r = parseShow({
    version: 1,
    id: 's',
    name: 'Test',
    site: 1,
    venue: { name: 'V', zones: [0, 1, 2, 3].map((id) => ({ id, name: `Z${id}` })), seats: { kind: 'stadium', seats: 1000 } },
    ...parts,
  });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.value;
}

const cue = (id: string, number: number, looks: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id, number, label: id, looks, ...extra });
const strobe = (period: number) => ({ kind: 'effect', shape: 'SQUARE', colors: ['#ffffff', '#000000'], period });

describe('checkShow', () => {
  it('passes a calm show', () => {
    const s = show({
      cueLists: [{ id: 'l', name: 'L', cues: [cue('a', 1, { all: { kind: 'color', color: '#ff0000' } }, { fade: 2000, follow: 1000 }), cue('b', 2, { all: strobe(500) })] }],
      parades: [{ id: 'p', name: 'P', duration: 4000, tracks: [{ id: 't', target: { all: true }, steps: [{ id: 'w', at: 0, duration: 4000, kind: 'WAVE', colors: ['#0000ff'], speed: 2000 }] }] }],
      timeline: [{ parade: 'p', at: 10_000 }],
    });
    expect(checkShow(s)).toEqual([]);
  });

  it('names a cue whose effect flashes too fast, with the rate and the safe period', () => {
    const s = show({ cueLists: [{ id: 'l', name: 'L', cues: [cue('calm', 1, {}), cue('Strobe', 2, { zone1: strobe(125) })] }] });
    const errors = checkShow(s);
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('cueLists[0].cues[1].looks.zone1');
    expect(errors[0].message).toBe('"Strobe": SQUARE every 125 ms flashes 8/s, limit 3/s (slow it to every 334 ms or more)');
  });

  it('names a parade step that flashes too fast', () => {
    const s = show({
      parades: [{ id: 'p', name: 'P', duration: 4000, tracks: [{ id: 't', target: { zones: [1] }, steps: [{ id: 'hit', at: 0, duration: 1000, kind: 'STROBE', colors: ['#ffffff'], speed: 200 }] }] }],
    });
    const errors = checkShow(s);
    expect(errors.map((e) => e.path)).toEqual(['parades[0].tracks[0].steps[0]']);
    expect(errors[0].message).toContain('flashes 5/s, limit 3/s');
  });

  it('finds a chain of colour cues that flashes through its follows', () => {
    const looks = (c: string) => ({ all: { kind: 'color', color: c } });
    const cues = Array.from({ length: 8 }, (_, i) => cue(`c${i}`, i + 1, looks(i % 2 ? '#000000' : '#ffffff'), { follow: 100 }));
    cues[7].follow = null;
    const errors = checkShow(show({ cueLists: [{ id: 'l', name: 'L', cues }] }));
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toMatch(/^cueLists\[0\]\.cues\[\d\]$/);
    expect(errors[0].message).toMatch(/flashes 4(\.\d)?\/s with the looks around it/);
  });

  it('lets the same chain through when it is slow enough', () => {
    const looks = (c: string) => ({ all: { kind: 'color', color: c } });
    const cues = Array.from({ length: 8 }, (_, i) => cue(`c${i}`, i + 1, looks(i % 2 ? '#000000' : '#ffffff'), { follow: 400 }));
    expect(checkShow(show({ cueLists: [{ id: 'l', name: 'L', cues }] }))).toEqual([]);
  });

  it('finds parade colour steps that alternate too fast', () => {
    const steps = Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, at: i * 120, duration: 120, kind: 'COLOR', colors: [i % 2 ? '#000000' : '#ffff00'] }));
    const errors = checkShow(show({ parades: [{ id: 'p', name: 'P', duration: 2000, tracks: [{ id: 't', target: { all: true }, steps }] }] }));
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toMatch(/^parades\[0\]\.tracks\[0\]\.steps\[\d\]$/);
  });

  it('follows the show limit: lower refuses more, a raise needs the override and is announced', () => {
    const cues = [cue('x', 1, { all: strobe(400) })];
    expect(checkShow(show({ cueLists: [{ id: 'l', name: 'L', cues }] }))).toEqual([]);
    const lowered = show({ cueLists: [{ id: 'l', name: 'L', cues }], safety: { maxFlashesPerSecond: 2 } });
    expect(checkShow(lowered)[0].message).toContain('limit 2/s');
    const fast = [cue('x', 1, { all: strobe(250) })];
    const raised = show({
      cueLists: [{ id: 'l', name: 'L', cues: fast }],
      safety: { maxFlashesPerSecond: 5, override: { maxFlashesPerSecond: 5, reason: 'closed rehearsal', approvedBy: 'H. Safety' } },
    });
    expect(checkShow(raised)).toEqual([]);
    expect(flashLimit(raised.safety)).toMatchObject({ limit: 5, raised: true });
    expect(flashLimit(raised.safety).notice).toContain('H. Safety');
    expect(flashLimit(lowered.safety).notice).toContain('lowered to 2/s');
  });

  it('lists parade compile errors by path', () => {
    const s = show({
      parades: [{ id: 'p', name: 'P', duration: 1000, tracks: [{ id: 't', target: { all: true }, steps: [{ id: 'in', at: 0, duration: 1000, kind: 'WAVE', colors: ['#ffffff'], direction: { axis: 'radial', outward: false } }] }] }],
    });
    expect(checkShow(s).map((e) => e.path)).toEqual(['parades[0].tracks[0].steps[0].direction.outward']);
  });
});

describe('clampLook', () => {
  it('slows a too-fast effect to the limit and says so', () => {
    const r = clampLook({ kind: 'effect', shape: 'SQUARE', colors: [[255, 255, 255], [0, 0, 0]], period: 100, axis: 'NONE', direction: 0, spread: 0 }, 3);
    expect(r.look).toMatchObject({ kind: 'effect', period: 334 });
    expect(r.warning).toBe('SQUARE every 100 ms flashes 10/s, limit 3/s: slowed to every 334 ms');
  });

  it('leaves colours and safe effects alone', () => {
    const colour = { kind: 'color' as const, color: [255, 0, 0] as [number, number, number] };
    expect(clampLook(colour, 3)).toEqual({ look: colour });
    const slow = { kind: 'effect' as const, shape: 'SINE' as const, colors: [[255, 255, 255], [0, 0, 0]] as [[number, number, number], [number, number, number]], period: 1000, axis: 'NONE' as const, direction: 0, spread: 0 };
    expect(clampLook(slow, 3)).toEqual({ look: slow });
  });
});

describe('checkShow on a long show', () => {
  // Cost must grow with the show, not with its square: a 10,000-cue follow chain on
  // 64 zones took minutes (every time scanned every look) and is judged in about a second now.
  it('judges a 10,000-cue follow chain on 64 zones and still names the cue that flashes', { timeout: 60_000 }, () => {
    const zones = Array.from({ length: 64 }, (_, id) => ({ id, name: `Z${id}` }));
    const cues = Array.from({ length: 10_000 }, (_, i) =>
      cue(`c${i}`, i + 1, { all: { kind: 'color', color: i === 7_000 ? '#ffffff' : '#202020' } }, { fade: 400, follow: 0 }),
    );
    // In the middle, grey and white by turns every 100 ms: 5 flashes a second.
    for (let i = 7_001; i <= 7_010; i++) {
      cues[i] = cue(`c${i}`, i + 1, { all: { kind: 'color', color: i % 2 === 0 ? '#ffffff' : '#202020' } }, { fade: 0, hang: 100, follow: 0 });
    }
    const s = show({ venue: { name: 'V', zones, seats: { kind: 'stadium', sections: 64, seats: 1000 } }, cueLists: [{ id: 'l', name: 'L', cues }] });
    const errors = checkShow(s);
    expect(errors.map((e) => e.path)).toEqual(['cueLists[0].cues[7010]']);
  });
});
