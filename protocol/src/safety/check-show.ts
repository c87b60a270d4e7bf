/**
 * Load-time checks a show must pass before anything plays, beyond its schema:
 * every parade compiles, and no output would flash faster than the show's
 * limit. Errors name the cue or parade step by its path in the file.
 *
 * What is checked (see flash-metrics and timeline-flash for the counting):
 * 1. every effect on its own: a cue look or a parade step;
 * 2. every parade on its own, over whatever is under it (checked on black and
 *    on white, the worst of the two);
 * 3. every chain of cues joined by follows (a chain that follows off the
 *    end of its list is taken to loop), with the parades its cues start,
 *    per zone, at the times the follows give (GO, delay, fade, hang, follow);
 * 4. the parades placed on the show timeline, together.
 * Cues an operator GOes by hand are the operator's pace and are not chained.
 */
import { type CompiledParade, compileParade } from '../parade';
import type { StepLook } from '../parade';
import type { Cue } from '../show/cue';
import { cueCompleteMs } from '../show/cue-timing';
import type { ShowError } from '../show/format-issues';
import type { Look } from '../show/look';
import type { Rgb } from '../ccb/types';
import type { Show } from '../show/show';
import { timelineDigest } from './timeline-digest';
import { effectFlashesPerSecond, minSafePeriodMs } from './effect-flash-rate';
import { flashLimit, perSecond } from './flash-limit';
import { type TimelineEntry, type TimelineLook, worstFlashWindow } from './timeline-flash';

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

interface Span {
  fromMs: number;
  untilMs: number;
  look: TimelineLook;
  label: string;
}

export function timelineLookOf(look: Look, cueFadeMs: number): TimelineLook {
  switch (look.kind) {
    case 'color':
      return { kind: 'color', rgb: look.color, fadeMs: look.fade ?? cueFadeMs };
    case 'off':
      return { kind: 'color', rgb: BLACK, fadeMs: look.fade ?? cueFadeMs };
    case 'effect':
      return { kind: 'effect', effect: { shape: look.shape, c1: look.colors[0], c2: look.colors[1], periodMs: look.period } };
  }
}

function stepTimelineLook(look: StepLook): TimelineLook {
  return look.kind === 'color' ? { kind: 'color', rgb: look.rgb, fadeMs: look.fadeMs } : { kind: 'effect', effect: look };
}

/**
 * What an output shows over time: the latest-started span over it, else its base looks.
 * One sweep over the sorted times (a stack of the spans under way), so a long
 * cue chain costs n log n, not times x looks.
 */
export function flatten(base: TimelineEntry[], spans: Span[]): TimelineEntry[] {
  const times = new Set<number>();
  for (const e of base) times.add(e.atMs);
  for (const s of spans) {
    times.add(s.fromMs);
    times.add(s.untilMs);
  }
  // Stable sorts: of two looks at one time the later listed wins, as it did when each time scanned them all.
  const sortedBase = [...base].sort((a, b) => a.atMs - b.atMs);
  const byStart = [...spans].sort((a, b) => a.fromMs - b.fromMs);
  const out: TimelineEntry[] = [];
  let last: object | undefined;
  let nextBase = 0;
  let nextSpan = 0;
  let current: TimelineEntry | undefined;
  // Spans started so far, latest on top; ended ones leave when they reach the top.
  const underWay: Span[] = [];
  for (const t of [...times].sort((a, b) => a - b)) {
    while (nextBase < sortedBase.length && sortedBase[nextBase].atMs <= t) current = sortedBase[nextBase++];
    while (nextSpan < byStart.length && byStart[nextSpan].fromMs <= t) underWay.push(byStart[nextSpan++]);
    while (underWay.length > 0 && underWay[underWay.length - 1].untilMs <= t) underWay.pop();
    const span = underWay[underWay.length - 1];
    const source: object | undefined = span ?? current;
    if (!source || source === last) continue;
    last = source;
    // Back to a base look after a span: the band is sent that look again, with its fade.
    out.push(span ? { atMs: t, look: span.look, label: span.label } : { atMs: t, look: (current as TimelineEntry).look, label: (current as TimelineEntry).label });
  }
  return out;
}

/** The spans a parade started at `startMs` puts on one zone (a seat range counts for every zone). */
function paradeSpans(parade: CompiledParade, startMs: number, zone: number): Span[] {
  const spans: Span[] = [];
  for (const step of parade.steps) {
    const sends = step.sends.filter((s) => s.zones === 'ALL' || s.zones.includes(zone));
    sends.forEach((send, i) => {
      const until = i + 1 < sends.length ? sends[i + 1].atMs : step.endMs;
      if (until > send.atMs) spans.push({ fromMs: startMs + send.atMs, untilMs: startMs + until, look: stepTimelineLook(send.look), label: step.path });
    });
  }
  return spans;
}

export interface CompiledShowParades {
  parades: Map<string, CompiledParade>;
  errors: ShowError[];
}

export function compileShowParades(show: Show): CompiledShowParades {
  const parades = new Map<string, CompiledParade>();
  const errors: ShowError[] = [];
  const venueZones = show.venue.zones.map((z) => z.id);
  show.parades.forEach((p, i) => {
    const r = compileParade(p, { venueZones, path: `parades[${i}]` });
    if (r.ok) parades.set(p.id, r.value);
    else errors.push(...r.errors);
  });
  return { parades, errors };
}

/** A digest of a zone's timeline: zones that show the same are judged once, without keeping each timeline's text. */
function timelineKey(entries: TimelineEntry[]): string {
  return timelineDigest(entries.map((e) => JSON.stringify(e)));
}

function cueLook(cue: Cue, zone: number): Look | undefined {
  return cue.looks[`zone${zone}`] ?? cue.looks.all;
}

/** Every check; an empty list means the show may play. */
export function checkShow(show: Show): ShowError[] {
  const { limit } = flashLimit(show.safety);
  const { parades, errors } = compileShowParades(show);
  const names = new Map<string, string>();
  const blamed = new Set<string>();
  const zones = show.venue.zones.map((z) => z.id);

  const tooFast = (path: string, name: string, effect: { shape: Parameters<typeof effectFlashesPerSecond>[0]['shape']; c1: Rgb; c2: Rgb; periodMs: number }) => {
    const rate = effectFlashesPerSecond(effect);
    if (rate <= limit + 1e-9) return;
    const safe = minSafePeriodMs(effect, limit);
    blamed.add(path);
    errors.push({
      path,
      message: `"${name}": ${effect.shape} every ${effect.periodMs} ms flashes ${perSecond(rate)}, limit ${perSecond(limit)}${safe !== null ? ` (slow it to every ${safe} ms or more)` : ''}`,
    });
  };

  // 1. effects on their own
  show.cueLists.forEach((list, l) =>
    list.cues.forEach((cue, c) => {
      const path = `cueLists[${l}].cues[${c}]`;
      names.set(path, cue.label || cue.id);
      for (const [key, look] of Object.entries(cue.looks)) {
        if (look.kind !== 'effect') continue;
        tooFast(`${path}.looks.${key}`, cue.label || cue.id, { shape: look.shape, c1: look.colors[0], c2: look.colors[1], periodMs: look.period });
        // One error per cue: its chain is not blamed again for the same effect.
        if (blamed.has(`${path}.looks.${key}`)) blamed.add(path);
      }
    }),
  );
  show.parades.forEach((p, i) =>
    p.tracks.forEach((t, ti) =>
      t.steps.forEach((s, si) => names.set(`parades[${i}].tracks[${ti}].steps[${si}]`, s.id)),
    ),
  );
  for (const parade of parades.values()) {
    for (const step of parade.steps) {
      if (step.look.kind === 'effect') tooFast(step.path, names.get(step.path) ?? step.kind, step.look);
    }
  }

  const findings = new Map<string, number>();
  const judge = (entries: TimelineEntry[]) => {
    if (entries.length === 0) return;
    const worst = worstFlashWindow(entries);
    if (worst.flashesPerSecond > limit + 1e-9 && worst.flashesPerSecond > (findings.get(worst.label) ?? 0)) {
      findings.set(worst.label, worst.flashesPerSecond);
    }
  };
  /** Each distinct zone timeline once. */
  const judgeZones = (perZone: (zone: number) => TimelineEntry[]) => {
    const seen = new Set<string>();
    for (const z of zones) {
      const entries = perZone(z);
      const key = timelineKey(entries);
      if (seen.has(key)) continue;
      seen.add(key);
      judge(entries);
    }
  };
  const onBlackAndWhite = (spansOf: (zone: number) => Span[]) => {
    for (const rgb of [BLACK, WHITE]) {
      // The background carries no label: a finding is always blamed on a cue or step.
      judgeZones((z) => flatten([{ atMs: -1e9, look: { kind: 'color', rgb, fadeMs: 0 }, label: '' }], spansOf(z)));
    }
  };

  // 2. every parade on its own
  for (const parade of parades.values()) onBlackAndWhite((z) => paradeSpans(parade, 0, z));

  // 3. chains of cues joined by follows
  show.cueLists.forEach((list, l) => {
    const n = list.cues.length;
    for (let start = 0; start < n; start++) {
      if (start > 0 && list.cues[start - 1].follow !== null) continue;
      const base = new Map<number, TimelineEntry[]>(zones.map((z) => [z, []]));
      const spans = new Map<number, Span[]>(zones.map((z) => [z, []]));
      let t = 0;
      let j = start;
      let cues = 0;
      let withParade = false;
      for (let guard = 0; guard < 2 * n + 1; guard++) {
        const cue = list.cues[j];
        const path = `cueLists[${l}].cues[${j}]`;
        const at = t + cue.delay;
        for (const z of zones) {
          const look = cueLook(cue, z);
          if (look) base.get(z)?.push({ atMs: at, look: timelineLookOf(look, cue.fade), label: path });
        }
        const parade = cue.parade !== undefined ? parades.get(cue.parade) : undefined;
        if (parade) {
          withParade = true;
          for (const z of zones) spans.get(z)?.push(...paradeSpans(parade, at, z));
        }
        cues++;
        if (cue.follow === null) break;
        t += cueCompleteMs(cue) + cue.follow;
        j = (j + 1) % n;
      }
      if (cues < 2 && !withParade) continue;
      judgeZones((z) => flatten(base.get(z) ?? [], spans.get(z) ?? []));
    }
  });

  // 4. the parades on the show timeline, together
  if (show.timeline.length > 0) {
    onBlackAndWhite((z) =>
      show.timeline.flatMap((entry) => {
        const parade = parades.get(entry.parade);
        return parade ? paradeSpans(parade, entry.at, z) : [];
      }),
    );
  }

  for (const [path, rate] of findings) {
    if (blamed.has(path)) continue;
    errors.push({ path, message: `"${names.get(path) ?? path}": flashes ${perSecond(rate)} with the looks around it (worst 1 s), limit ${perSecond(limit)}` });
  }
  return errors;
}
