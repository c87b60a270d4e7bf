/**
 * What differs between two versions of a show, item by item (a parade, a cue,
 * the venue), in words a designer can decide on: `parade "wave": 3 blocks`
 * against `4 blocks`. Used by the conflict dialog.
 */
import type { Show } from '@crowdcue/protocol';

export interface ShowDifference {
  what: string;
  theirs: string;
  mine: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function byId<T extends { id: string }>(what: string, theirs: T[], mine: T[], describe: (t: T) => string, out: ShowDifference[]) {
  const t = new Map(theirs.map((x) => [x.id, x]));
  const m = new Map(mine.map((x) => [x.id, x]));
  for (const id of new Set([...t.keys(), ...m.keys()])) {
    const a = t.get(id);
    const b = m.get(id);
    if (same(a, b)) continue;
    out.push({ what: `${what} ${id}`, theirs: a ? describe(a) : '(none)', mine: b ? describe(b) : '(none)' });
  }
}

export function diffShows(theirs: Show, mine: Show): ShowDifference[] {
  const out: ShowDifference[] = [];
  if (theirs.name !== mine.name) out.push({ what: 'show name', theirs: theirs.name, mine: mine.name });
  if (theirs.site !== mine.site) out.push({ what: 'site', theirs: String(theirs.site), mine: String(mine.site) });
  if (!same(theirs.venue, mine.venue)) {
    const seats = (s: Show) => (Array.isArray(s.venue.seats) ? `${s.venue.seats.length} listed seats` : `${s.venue.seats.kind} seats`);
    out.push({ what: 'venue', theirs: `${seats(theirs)}, ${theirs.venue.zones.length} zones`, mine: `${seats(mine)}, ${mine.venue.zones.length} zones` });
  }
  const cues = (s: Show) => s.cueLists.flatMap((l) => l.cues.map((c) => ({ ...c, id: `${l.id}/${c.id}` })));
  byId('cue', cues(theirs), cues(mine), (c) => `${c.number} ${c.label || ''}`.trim() + ` · ${Object.keys(c.looks).length} looks, fade ${c.fade} ms`, out);
  byId('parade', theirs.parades, mine.parades, (p) => `“${p.name}” · ${p.tracks.reduce((n, t) => n + t.steps.length, 0)} blocks, ${p.duration / 1000} s`, out);
  for (const key of ['timeline', 'brandSequences', 'transmitters', 'safety', 'palettes'] as const) {
    if (!same(theirs[key], mine[key])) out.push({ what: key, theirs: 'changed', mine: 'changed' });
  }
  return out;
}
