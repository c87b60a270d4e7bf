/**
 * Checks across parts of a show: ids are unique, and every reference (zone,
 * parade, cue) names something that exists. It takes whichever sections
 * parsed, so a broken cue list does not hide a bad reference elsewhere.
 */
import type { BrandSequence } from './brand';
import type { CueList } from './cue';
import { lookKeyZone } from './look';
import type { Parade, TimelineEntry } from './parade';
import type { TransmitterConfig } from './transmitter';
import type { Venue } from './venue';

export interface ShowSections {
  venue: Venue;
  cueLists: CueList[];
  parades: Parade[];
  timeline: TimelineEntry[];
  brandSequences: BrandSequence[];
  transmitters: TransmitterConfig[];
}

export interface ShowIssue {
  path: (string | number)[];
  message: string;
}

export function checkShowReferences(show: Partial<ShowSections>): ShowIssue[] {
  const issues: ShowIssue[] = [];
  const report = (path: (string | number)[], message: string) => issues.push({ path, message });

  const unique = <T>(items: T[], key: (t: T) => string | number, path: (i: number) => (string | number)[], what: string) => {
    const seen = new Map<string | number, number>();
    items.forEach((item, i) => {
      const k = key(item);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else report(path(i), `duplicate ${what} ${JSON.stringify(k)} (first at index ${first})`);
    });
  };

  const zones = show.venue ? new Set(show.venue.zones.map((z) => z.id)) : undefined;
  const checkZone = (zone: number, path: (string | number)[]) => {
    if (zones && !zones.has(zone)) report(path, `zone ${zone} is not in the venue`);
  };

  if (show.venue) {
    const venue = show.venue;
    unique(venue.zones, (z) => z.id, (i) => ['venue', 'zones', i, 'id'], 'zone id');
    if (Array.isArray(venue.seats)) {
      venue.seats.forEach((seat, i) => checkZone(seat.zone, ['venue', 'seats', i, 'zone']));
    }
  }

  const parades = show.parades ? new Set(show.parades.map((p) => p.id)) : undefined;
  const checkParade = (id: string, path: (string | number)[]) => {
    if (parades && !parades.has(id)) report(path, `parade ${JSON.stringify(id)} does not exist`);
  };

  const cues = new Set<string>();
  if (show.cueLists) {
    unique(show.cueLists, (l) => l.id, (i) => ['cueLists', i, 'id'], 'cue list id');
    const allCues = show.cueLists.flatMap((list, l) => list.cues.map((cue, c) => ({ cue, l, c })));
    unique(allCues, (x) => x.cue.id, (i) => ['cueLists', allCues[i].l, 'cues', allCues[i].c, 'id'], 'cue id');
    for (const x of allCues) cues.add(x.cue.id);
    show.cueLists.forEach((list, l) => {
      unique(list.cues, (c) => c.number, (c) => ['cueLists', l, 'cues', c, 'number'], 'cue number');
      list.cues.forEach((cue, c) => {
        const at = ['cueLists', l, 'cues', c];
        for (const key of Object.keys(cue.looks)) {
          const zone = lookKeyZone(key);
          if (typeof zone === 'number') checkZone(zone, [...at, 'looks', key]);
        }
        if (cue.parade !== undefined) checkParade(cue.parade, [...at, 'parade']);
      });
    });
  }

  if (show.parades) {
    unique(show.parades, (p) => p.id, (i) => ['parades', i, 'id'], 'parade id');
    show.parades.forEach((parade, p) => {
      unique(parade.tracks, (t) => t.id, (t) => ['parades', p, 'tracks', t, 'id'], 'track id');
      parade.tracks.forEach((track, t) => {
        const at = ['parades', p, 'tracks', t];
        if ('zones' in track.target) {
          track.target.zones.forEach((z, i) => checkZone(z, [...at, 'target', 'zones', i]));
        }
        unique(track.steps, (s) => s.id, (s) => [...at, 'steps', s, 'id'], 'step id');
        track.steps.forEach((step, s) => {
          const end = step.at + step.duration;
          if (end > parade.duration) {
            report([...at, 'steps', s, 'duration'], `step ends at ${end} ms, after the parade's duration (${parade.duration} ms)`);
          }
          if (step.kind !== 'RAINBOW' && step.colors.length === 0) {
            report([...at, 'steps', s, 'colors'], `a ${step.kind} step needs at least one colour`);
          }
        });
      });
    });
  }

  show.timeline?.forEach((entry, i) => checkParade(entry.parade, ['timeline', i, 'parade']));

  if (show.brandSequences) {
    unique(show.brandSequences, (b) => b.id, (i) => ['brandSequences', i, 'id'], 'brand sequence id');
    show.brandSequences.forEach((seq, b) => {
      const at = ['brandSequences', b];
      seq.logo?.zones?.forEach((z, i) => checkZone(z, [...at, 'logo', 'zones', i]));
      seq.steps.forEach((step, s) => {
        if (step.kind === 'reveal' && !seq.logo) report([...at, 'steps', s], 'a reveal step needs the sequence to have a logo');
        if (step.kind === 'parade') checkParade(step.parade, [...at, 'steps', s, 'parade']);
      });
      if (seq.schedule && 'cue' in seq.schedule && show.cueLists && !cues.has(seq.schedule.cue)) {
        report([...at, 'schedule', 'cue'], `cue ${JSON.stringify(seq.schedule.cue)} does not exist`);
      }
    });
  }

  if (show.transmitters) {
    unique(show.transmitters, (t) => t.id, (i) => ['transmitters', i, 'id'], 'transmitter id');
    show.transmitters.forEach((tx, t) => {
      if (Array.isArray(tx.coverage)) tx.coverage.forEach((z, i) => checkZone(z, ['transmitters', t, 'coverage', i]));
    });
  }

  return issues;
}
