/**
 * Edits to a show's parades, as pure functions: each takes a show and returns
 * a new one (the old one is untouched, so undo, autosave and conflict views
 * can keep both).
 */
import type { Parade, ParadeStep, ParadeStepKind, ParadeTarget, ParadeTrack, Show } from '@crowdcue/protocol';
import { uniqueId } from '../editing/ids';

type Rgb = [number, number, number];

/** What a new block of each kind starts as: visible, safe (<= 3 flashes/s), and valid. */
export function defaultStep(kind: ParadeStepKind, id: string, at: number, duration: number): ParadeStep {
  const base = { id, at, duration, kind, colors: [] as Rgb[], direction: { axis: 'none' } as ParadeStep['direction'], speed: 1000, spread: 0, fade: 0 };
  switch (kind) {
    case 'WAVE':
      return { ...base, colors: [[64, 96, 255], [0, 0, 16]], direction: { axis: 'linear', angle: 0 }, speed: 3000, spread: 16 };
    case 'CHASE':
      return { ...base, colors: [[255, 0, 0], [0, 0, 0]], direction: { axis: 'zone', reverse: false }, speed: 2000 };
    case 'PULSE':
      return { ...base, colors: [[255, 255, 255], [32, 32, 64]], speed: 1200 };
    case 'STROBE':
      // 2.5 flashes a second: inside the 3/s broadcast limit.
      return { ...base, colors: [[255, 255, 255], [0, 0, 0]], speed: 400 };
    case 'RAINBOW':
      return { ...base, colors: [[255, 255, 255]], direction: { axis: 'linear', angle: 45 }, speed: 5000, spread: 16 };
    case 'SPARKLE':
      return { ...base, colors: [[255, 255, 255], [0, 0, 32]], speed: 250 };
    case 'COLOR':
      return { ...base, colors: [[255, 160, 0]], fade: 500 };
    case 'FADE':
      return { ...base, colors: [[0, 0, 0]], fade: Math.min(duration, 2000) };
  }
}

const paradeIndex = (show: Show, paradeId: string): number => {
  const i = show.parades.findIndex((p) => p.id === paradeId);
  if (i < 0) throw new Error(`no parade '${paradeId}'`);
  return i;
};

function withParade(show: Show, paradeId: string, change: (p: Parade) => Parade): Show {
  const i = paradeIndex(show, paradeId);
  const parades = show.parades.slice();
  parades[i] = change(parades[i]);
  return { ...show, parades };
}

function withTrack(p: Parade, trackId: string, change: (t: ParadeTrack) => ParadeTrack): Parade {
  const i = p.tracks.findIndex((t) => t.id === trackId);
  if (i < 0) throw new Error(`no track '${trackId}' in parade '${p.id}'`);
  const tracks = p.tracks.slice();
  tracks[i] = change(tracks[i]);
  return { ...p, tracks };
}

const allStepIds = (p: Parade) => p.tracks.flatMap((t) => t.steps.map((s) => s.id));

export function addParade(show: Show, name: string, duration = 16_000): { show: Show; id: string } {
  const id = uniqueId(name, show.parades.map((p) => p.id));
  const parade: Parade = { id, name, duration, tracks: [{ id: 'all', name: 'Whole venue', target: { all: true }, steps: [] }] };
  return { show: { ...show, parades: [...show.parades, parade] }, id };
}

export function removeParade(show: Show, paradeId: string): Show {
  // A cue or the timeline pointing at a removed parade would make the show invalid.
  return {
    ...show,
    parades: show.parades.filter((p) => p.id !== paradeId),
    timeline: show.timeline.filter((t) => t.parade !== paradeId),
    cueLists: show.cueLists.map((l) => ({
      ...l,
      cues: l.cues.map((c) => {
        if (c.parade !== paradeId) return c;
        const { parade: _gone, ...rest } = c;
        return rest;
      }),
    })),
  };
}

export function setParade(show: Show, paradeId: string, patch: Partial<Pick<Parade, 'name' | 'duration'>>): Show {
  return withParade(show, paradeId, (p) => ({ ...p, ...patch }));
}

export function addTrack(show: Show, paradeId: string, name: string, target: ParadeTarget): { show: Show; id: string } {
  let id = '';
  const next = withParade(show, paradeId, (p) => {
    id = uniqueId(name, p.tracks.map((t) => t.id));
    return { ...p, tracks: [...p.tracks, { id, name, target, steps: [] }] };
  });
  return { show: next, id };
}

export function setTrack(show: Show, paradeId: string, trackId: string, patch: Partial<Pick<ParadeTrack, 'name' | 'target'>>): Show {
  return withParade(show, paradeId, (p) => withTrack(p, trackId, (t) => ({ ...t, ...patch })));
}

export function removeTrack(show: Show, paradeId: string, trackId: string): Show {
  return withParade(show, paradeId, (p) => ({ ...p, tracks: p.tracks.filter((t) => t.id !== trackId) }));
}

/**
 * Where a new block of `duration` fits on a track near `at` without covering
 * another block: the first gap long enough from `at` on (starting a little
 * earlier when the gap around `at` allows), else the longest gap of at least
 * `minMs` (the block shrinks to it), else `at` itself (the designer asked for it).
 */
export function freeSpot(steps: readonly { at: number; duration: number }[], at: number, duration: number, paradeMs: number, minMs = 500): { at: number; duration: number } {
  const len = Math.max(1, Math.min(duration, paradeMs));
  const busy = steps.map((s) => [s.at, s.at + s.duration] as const).sort((a, b) => a[0] - b[0]);
  const gaps: Array<[number, number]> = [];
  let cursor = 0;
  for (const [s, e] of busy) {
    if (s > cursor) gaps.push([cursor, s]);
    cursor = Math.max(cursor, e);
  }
  if (cursor < paradeMs) gaps.push([cursor, paradeMs]);
  // The gap around `at` may take the block by starting a little earlier; later gaps from their start.
  for (const [s, e] of gaps) {
    if (e <= at) continue;
    const start = Math.max(s, Math.min(at, e - len));
    if (start + len <= e) return { at: start, duration: len };
  }
  const usable = gaps.map(([s, e]) => [Math.max(s, at), e] as const).filter(([s, e]) => e > s);
  const longest = usable.reduce<readonly [number, number] | null>((best, g) => (!best || g[1] - g[0] > best[1] - best[0] ? g : best), null);
  if (longest && longest[1] - longest[0] >= minMs) return { at: longest[0], duration: longest[1] - longest[0] };
  return { at: Math.max(0, Math.min(at, paradeMs - len)), duration: len };
}

export function addStep(show: Show, paradeId: string, trackId: string, kind: ParadeStepKind, at: number, duration = 4000): { show: Show; id: string } {
  let id = '';
  const next = withParade(show, paradeId, (p) => {
    id = uniqueId(kind, allStepIds(p));
    return withTrack(p, trackId, (t) => {
      const spot = freeSpot(t.steps, at, duration, p.duration);
      const step = defaultStep(kind, id, spot.at, spot.duration);
      if (kind === 'FADE') step.fade = Math.min(step.fade, spot.duration);
      return { ...t, steps: sortSteps([...t.steps, step]) };
    });
  });
  return { show: next, id };
}

/** Changes a step's parameters (anything but its id). */
export function setStep(show: Show, paradeId: string, trackId: string, stepId: string, patch: Partial<Omit<ParadeStep, 'id'>>): Show {
  return withParade(show, paradeId, (p) =>
    withTrack(p, trackId, (t) => ({ ...t, steps: sortSteps(t.steps.map((s) => (s.id === stepId ? { ...s, ...patch } : s))) })),
  );
}

/** Moves a step to another track (and time), as a drag across rows does. */
export function moveStep(show: Show, paradeId: string, fromTrack: string, stepId: string, toTrack: string, span: { at: number; duration: number }): Show {
  return withParade(show, paradeId, (p) => {
    const from = p.tracks.find((t) => t.id === fromTrack);
    const step = from?.steps.find((s) => s.id === stepId);
    if (!step) throw new Error(`no step '${stepId}' on track '${fromTrack}'`);
    const moved = { ...step, at: span.at, duration: span.duration };
    if (fromTrack === toTrack) return withTrack(p, fromTrack, (t) => ({ ...t, steps: sortSteps(t.steps.map((s) => (s.id === stepId ? moved : s))) }));
    const without = withTrack(p, fromTrack, (t) => ({ ...t, steps: t.steps.filter((s) => s.id !== stepId) }));
    return withTrack(without, toTrack, (t) => ({ ...t, steps: sortSteps([...t.steps, moved]) }));
  });
}

export function removeStep(show: Show, paradeId: string, trackId: string, stepId: string): Show {
  return withParade(show, paradeId, (p) => withTrack(p, trackId, (t) => ({ ...t, steps: t.steps.filter((s) => s.id !== stepId) })));
}

export function duplicateStep(show: Show, paradeId: string, trackId: string, stepId: string): { show: Show; id: string } {
  let id = '';
  const next = withParade(show, paradeId, (p) => {
    id = uniqueId(stepId, allStepIds(p));
    return withTrack(p, trackId, (t) => {
      const s = t.steps.find((x) => x.id === stepId);
      if (!s) throw new Error(`no step '${stepId}'`);
      const at = Math.min(s.at + s.duration, Math.max(0, p.duration - s.duration));
      return { ...t, steps: sortSteps([...t.steps, { ...s, id, at }]) };
    });
  });
  return { show: next, id };
}

const sortSteps = (steps: ParadeStep[]) => steps.slice().sort((a, b) => a.at - b.at);

/** Where a step is in the show file, for matching validation errors to blocks. */
export function stepPath(show: Show, paradeId: string, trackId: string, stepId: string): string | null {
  const p = show.parades.findIndex((x) => x.id === paradeId);
  if (p < 0) return null;
  const t = show.parades[p].tracks.findIndex((x) => x.id === trackId);
  if (t < 0) return null;
  const s = show.parades[p].tracks[t].steps.findIndex((x) => x.id === stepId);
  return s < 0 ? null : `parades[${p}].tracks[${t}].steps[${s}]`;
}
