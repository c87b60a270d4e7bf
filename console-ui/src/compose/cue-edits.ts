/**
 * Edits to cue lists and the looks of each cue, as pure functions on a show.
 * Looks are keyed `all` or `zoneN`; a zone's own key wins over `all`.
 */
import { lookKeyZone, type Cue, type CueList, type Look, type LookKey, type Show } from '@crowdcue/protocol';
import { uniqueId } from '../editing/ids';

type Rgb = [number, number, number];

export const defaultLook = (kind: Look['kind'] = 'color'): Look => {
  switch (kind) {
    case 'color':
      return { kind: 'color', color: [255, 255, 255] };
    case 'effect':
      return { kind: 'effect', shape: 'SINE', colors: [[255, 255, 255], [0, 0, 0]], period: 1000, axis: 'NONE', direction: 0, spread: 0 };
    case 'off':
      return { kind: 'off' };
  }
};

/** Changes a look's kind, carrying its colour over where the new kind has one. */
export function changeLookKind(look: Look, kind: Look['kind']): Look {
  if (look.kind === kind) return look;
  const colour: Rgb | undefined = look.kind === 'color' ? look.color : look.kind === 'effect' ? look.colors[0] : undefined;
  const next = defaultLook(kind);
  if (colour && next.kind === 'color') return { ...next, color: colour };
  if (colour && next.kind === 'effect') return { ...next, colors: [colour, next.colors[1]] };
  return next;
}

function listIndex(show: Show, listId: string): number {
  const i = show.cueLists.findIndex((l) => l.id === listId);
  if (i < 0) throw new Error(`no cue list '${listId}'`);
  return i;
}

function withList(show: Show, listId: string, change: (l: CueList) => CueList): Show {
  const i = listIndex(show, listId);
  const cueLists = show.cueLists.slice();
  cueLists[i] = change(cueLists[i]);
  return { ...show, cueLists };
}

function withCue(show: Show, listId: string, cueId: string, change: (c: Cue) => Cue): Show {
  return withList(show, listId, (l) => {
    if (!l.cues.some((c) => c.id === cueId)) throw new Error(`no cue '${cueId}' in '${listId}'`);
    return { ...l, cues: l.cues.map((c) => (c.id === cueId ? change(c) : c)) };
  });
}

const allCueIds = (show: Show) => show.cueLists.flatMap((l) => l.cues.map((c) => c.id));

export function addCueList(show: Show, name: string): { show: Show; id: string } {
  const id = uniqueId(name, show.cueLists.map((l) => l.id));
  return { show: { ...show, cueLists: [...show.cueLists, { id, name, cues: [] }] }, id };
}

/** A new cue after `afterCueId` (or at the end), numbered between its neighbours. */
export function addCue(show: Show, listId: string, afterCueId?: string): { show: Show; id: string } {
  const list = show.cueLists[listIndex(show, listId)];
  const at = afterCueId ? list.cues.findIndex((c) => c.id === afterCueId) : list.cues.length - 1;
  const prev = at >= 0 ? list.cues[at] : undefined;
  const next = list.cues[at + 1];
  const number = cueNumberBetween(prev?.number, next?.number, list.cues.map((c) => c.number));
  const id = uniqueId(`cue-${String(number).replace('.', '-')}`, allCueIds(show));
  const cue: Cue = { id, number, label: '', looks: { all: defaultLook('color') }, delay: 0, fade: 1000, follow: null, hang: 0 };
  const cues = list.cues.slice();
  cues.splice(at + 1, 0, cue);
  return { show: withList(show, listId, (l) => ({ ...l, cues })), id };
}

/** The operator's habit: the next whole number, or a point cue (2.5) between two cues. */
export function cueNumberBetween(prev: number | undefined, next: number | undefined, taken: number[]): number {
  const used = new Set(taken);
  const from = prev ?? 0;
  if (next === undefined) {
    let n = Math.floor(from) + 1;
    while (used.has(n)) n++;
    return n;
  }
  const whole = Math.floor(from) + 1;
  if (whole < next && !used.has(whole)) return whole;
  for (let step = 0.5; step >= 0.01; step /= 10) {
    const n = Math.round((from + (next - from) * step) * 100) / 100;
    if (n > from && n < next && !used.has(n)) return n;
  }
  return Math.round(((from + next) / 2) * 1000) / 1000;
}

export function setCue(show: Show, listId: string, cueId: string, patch: Partial<Omit<Cue, 'id' | 'looks'>>): Show {
  return withCue(show, listId, cueId, (c) => {
    const next = { ...c, ...patch };
    if (patch.parade === undefined && 'parade' in patch) delete next.parade;
    return next;
  });
}

export function removeCue(show: Show, listId: string, cueId: string): Show {
  return withList(show, listId, (l) => ({ ...l, cues: l.cues.filter((c) => c.id !== cueId) }));
}

/** Moves a cue up (-1) or down (+1) in its list; numbers stay with their cues. */
export function moveCue(show: Show, listId: string, cueId: string, by: -1 | 1): Show {
  return withList(show, listId, (l) => {
    const i = l.cues.findIndex((c) => c.id === cueId);
    const j = i + by;
    if (i < 0 || j < 0 || j >= l.cues.length) return l;
    const cues = l.cues.slice();
    [cues[i], cues[j]] = [cues[j], cues[i]];
    return { ...l, cues };
  });
}

/** Sets (or with null removes) the look under `key` of a cue. */
export function setLook(show: Show, listId: string, cueId: string, key: LookKey, look: Look | null): Show {
  if (lookKeyZone(key) === null) throw new Error(`'${key}' is not a look key (all or zone0..zone63)`);
  return withCue(show, listId, cueId, (c) => {
    const looks = { ...c.looks };
    if (look) looks[key] = look;
    else delete looks[key];
    return { ...c, looks };
  });
}

/** Renames a look's key (e.g. all -> zone3); refuses to overwrite a key the cue already has. */
export function rekeyLook(show: Show, listId: string, cueId: string, from: LookKey, to: LookKey): Show {
  if (lookKeyZone(to) === null) throw new Error(`'${to}' is not a look key (all or zone0..zone63)`);
  return withCue(show, listId, cueId, (c) => {
    if (from === to) return c;
    if (to in c.looks) throw new Error(`this cue already has a look for ${to}`);
    const looks: Record<string, Look> = {};
    for (const [k, v] of Object.entries(c.looks)) looks[k === from ? to : k] = v;
    return { ...c, looks };
  });
}

/** Look keys in reading order: all first, then zones by number. */
export function sortedLookKeys(looks: Record<string, Look>): LookKey[] {
  const rank = (k: string) => {
    const z = lookKeyZone(k);
    return z === 'all' ? -1 : (z ?? 999);
  };
  return (Object.keys(looks) as LookKey[]).sort((a, b) => rank(a) - rank(b));
}

/** The first zone of the venue that has no look of its own in this cue. */
export function nextFreeZoneKey(looks: Record<string, Look>, zones: number[]): LookKey | null {
  const z = zones.find((id) => !(`zone${id}` in looks));
  return z === undefined ? null : `zone${z}`;
}
