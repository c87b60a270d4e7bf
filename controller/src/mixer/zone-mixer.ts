/**
 * The zone mixer: the one owner of what each zone shows, per instant, and
 * why. Sources: blackout, busks (through the safety clamp), brand slots, desk
 * input, and any number of playbacks (cue lists) with their parades; master
 * scales the result. Precedence is in `mix-rank.ts`; this file keeps the
 * contributions and publishes the answer.
 *
 * Two kinds of contribution:
 * - held looks (busk, desk, each playback's cue looks): a fade from one look to
 *   another; the winner among them is published on `looks$` for the planner;
 * - timed layers (parades, brand slots): steps over spans of time that the
 *   planner plays itself as band-side work. `shows(zone, t)` tells the planner
 *   which contribution wins at `t`, so a layer goes on air only where it wins.
 *
 * On release (a busk, desk input or a playback leaves a zone) the zone goes
 * back to the next source down; with `releaseFadeMs` it fades there from what
 * it showed. Times are controller monotonic ms (the scheduler's now()).
 */
import { BehaviorSubject, type Observable, type SchedulerLike } from 'rxjs';
import { LookSchema, type Look, type LookSource } from '@crowdcue/protocol';
import type { ClampLook, CommandResult, LooksFrame, ZoneLookState } from '../engine/engine-types';
import { fadeProgress, lookPartWay, OFF_LOOK, sameLook } from '../engine/look-colour';
import { rebase, sameCourse } from '../engine/zone-course';
import { compareRank, rankOf, TIMELINE_PRIORITY, type Rank } from './mix-rank';
import { scaleLook } from './scale-look';

export interface ZoneMixerOptions {
  /** Venue zone ids. */
  zones: readonly number[];
  scheduler: SchedulerLike;
  /** Safety hook for live looks (busk, desk); default: unchanged. */
  clampLook?: ClampLook;
  /** When a source lets go of a zone, the zone fades to the next source down over this many ms (colours); default 0. */
  releaseFadeMs?: number;
}

export interface PlaybackSetup {
  id: string;
  name: string;
  /** Default 0. */
  priority?: number;
  /** Fader 0..255, default 255. */
  level?: number;
}

export interface MixLayerStep {
  fromMs: number;
  untilMs: number;
  zones: readonly number[] | 'ALL';
  /** What the step shows, as the console draws it; null when it has no single look (a logo image). */
  look: Look | null;
}

/** A timed layer: a parade (of a playback, or of the show timeline when `playback` is null) or a brand slot. */
export interface MixLayer {
  /** Unique: the planner names its layer with it too. */
  key: string;
  source: 'parade' | 'brand';
  /** In the show's words: `parade 'finale'`, `brand slot 'Acme'`. */
  label: string;
  playback: string | null;
  steps: readonly MixLayerStep[];
}

/** What a zone shows and why. */
export interface ZoneMix {
  zone: number;
  look: Look | null;
  source: LookSource | null;
  /** Key of the winning contribution (`busk`, `desk`, `pb:<list>`, a layer's key); null: nothing, dark. */
  key: string | null;
  /** "brand slot 'Acme' over playback 'Songs' cue 12" */
  why: string;
}

interface Held {
  key: string;
  source: LookSource;
  /** The look's course, unscaled. */
  state: ZoneLookState;
  label: string;
  order: number;
  playback?: string;
}

interface PlaybackInfo {
  id: string;
  name: string;
  priority: number;
  level: number;
  goOrder: number;
}

interface LayerEntry extends MixLayer {
  order: number;
}

interface Candidate {
  key: string;
  source: LookSource;
  rank: Rank;
  label: string;
  look: Look | null;
}

const PLAYBACK = 'pb:';
const EPS = 1e-6;

export class ZoneMixer {
  readonly zones: readonly number[];
  private readonly scheduler: SchedulerLike;
  private readonly clampLook: ClampLook;
  private readonly releaseFadeMs: number;
  private readonly held = new Map<number, Map<string, Held>>();
  private readonly playbacks = new Map<string, PlaybackInfo>();
  private layers: LayerEntry[] = [];
  private order = 0;
  private blackoutOn = false;
  private blackoutAtMs = 0;
  private dirty = new Set<number>();
  private readonly looksSubject: BehaviorSubject<LooksFrame>;
  private readonly masterSubject = new BehaviorSubject<number>(255);
  private readonly blackoutSubject = new BehaviorSubject<boolean>(false);
  /** Which held contribution each zone's published look came from. */
  private readonly publishedKey = new Map<number, string | null>();

  constructor(options: ZoneMixerOptions) {
    this.zones = [...new Set(options.zones)].sort((a, b) => a - b);
    this.scheduler = options.scheduler;
    this.clampLook = options.clampLook ?? ((look) => ({ look }));
    this.releaseFadeMs = Math.max(0, options.releaseFadeMs ?? 0);
    for (const z of this.zones) this.held.set(z, new Map());
    const now = this.now();
    this.looksSubject = new BehaviorSubject<LooksFrame>({ atMs: now, zones: this.zones.map((z) => darkState(z, now)), changed: [] });
  }

  // ---- streams -------------------------------------------------------------------

  /** The held looks that win, every zone; a frame whenever some zone changes (what the planner puts on air). */
  get looks$(): Observable<LooksFrame> {
    return this.looksSubject.asObservable();
  }
  get looks(): LooksFrame {
    return this.looksSubject.value;
  }
  /** Master 0..255: scales everything (bands apply it). */
  get master$(): Observable<number> {
    return this.masterSubject.asObservable();
  }
  get master(): number {
    return this.masterSubject.value;
  }
  get blackout$(): Observable<boolean> {
    return this.blackoutSubject.asObservable();
  }
  get blackout(): boolean {
    return this.blackoutSubject.value;
  }

  // ---- playbacks -------------------------------------------------------------------

  addPlayback(p: PlaybackSetup): void {
    this.playbacks.set(p.id, { id: p.id, name: p.name, priority: p.priority ?? 0, level: clampLevel(p.level ?? 255), goOrder: 0 });
  }

  playback(id: string): Readonly<PlaybackInfo> | undefined {
    return this.playbacks.get(id);
  }

  /** A GO (or BACK, GO TO, follow) on a playback: with equal priority, the latest GO wins. */
  noteGo(id: string): void {
    const p = this.playbacks.get(id);
    if (!p) return;
    p.goOrder = ++this.order;
    this.markPlayback(id);
    this.flush();
  }

  /**
   * A playback's cue looks (its engine's frame): the changed zones, or every
   * zone with `all`. A zone the list has not lit (no cue) is no contribution.
   */
  playbackLooks(id: string, frame: LooksFrame, labelOf: (cueId: string) => string, all = false): void {
    const p = this.playbacks.get(id);
    if (!p) return;
    const key = PLAYBACK + id;
    const wanted = all ? null : new Set(frame.changed);
    for (const zs of frame.zones) {
      if (wanted && !wanted.has(zs.zone)) continue;
      const held = this.held.get(zs.zone);
      if (!held) continue;
      if (zs.cueId === null) held.delete(key);
      else held.set(key, { key, source: 'cue', state: zs, label: `playback '${p.name}' ${labelOf(zs.cueId)}`, order: ++this.order, playback: id });
      this.dirty.add(zs.zone);
    }
    this.flush();
  }

  /** A playback's fader, 0..255. */
  setLevel(id: string, level: number): CommandResult {
    const p = this.playbacks.get(id);
    if (!p) return { ok: false, error: `no playback '${id}' (playbacks: ${[...this.playbacks.keys()].join(', ') || 'none'})` };
    if (typeof level !== 'number' || !Number.isFinite(level)) return { ok: false, error: `level must be a number 0..255, got ${String(level)}` };
    p.level = clampLevel(level);
    this.markPlayback(id);
    this.flush();
    return { ok: true };
  }

  // ---- live sources -----------------------------------------------------------------

  /**
   * Busk: `look` on `zones` (or 'all') over the playbacks until released. A
   * colour fades over its own `fade` from what the zone shows now; a look that
   * would flash too fast is slowed by the safety clamp, with a warning.
   */
  busk(zones: readonly number[] | 'all', look: Look): CommandResult {
    return this.setLive('busk', zones, look);
  }

  /** Release busks on `zones` (default all): each zone goes back to the next source down. */
  release(zones: readonly number[] | 'all' = 'all'): CommandResult {
    return this.clearLive('busk', zones);
  }

  /** Zones with a busk on them. */
  buskedZones(): number[] {
    return this.zones.filter((z) => this.held.get(z)?.has('busk'));
  }

  /** The busk looks as applied (after the safety clamp), for a snapshot. */
  busks(): Array<{ zone: number; look: Look }> {
    const out: Array<{ zone: number; look: Look }> = [];
    for (const z of this.zones) {
      const b = this.held.get(z)?.get('busk');
      if (b) out.push({ zone: z, look: b.state.look });
    }
    return out;
  }

  /**
   * Desk input (a lighting desk patched onto the crowd): its looks on the zones
   * given, under busks and brand slots, over the playbacks. `looks: null` lets go
   * of `zones` (default every zone).
   */
  setSource(source: 'desk', looks: ReadonlyArray<{ zone: number; look: Look }>): CommandResult;
  setSource(source: 'desk', looks: null, zones?: readonly number[] | 'all'): CommandResult;
  setSource(source: 'desk', looks: ReadonlyArray<{ zone: number; look: Look }> | null, zones: readonly number[] | 'all' = 'all'): CommandResult {
    if (source !== 'desk') return { ok: false, error: `unknown source '${String(source)}' (sources: desk)` };
    if (looks === null) return this.clearLive('desk', zones);
    const byLook = new Map<string, { look: Look; zones: number[] }>();
    for (const [i, l] of looks.entries()) {
      if (!this.held.has(l.zone)) return { ok: false, error: `looks[${i}].zone: unknown zone ${String(l.zone)} (venue zones: ${this.zones.join(', ')})` };
      const parsed = LookSchema.safeParse(l.look);
      if (!parsed.success) return { ok: false, error: `looks[${i}].look.${parsed.error.issues[0].path.join('.') || '(root)'}: ${parsed.error.issues[0].message}` };
      const k = JSON.stringify(parsed.data);
      const entry = byLook.get(k) ?? { look: parsed.data, zones: [] };
      entry.zones.push(l.zone);
      byLook.set(k, entry);
    }
    const warnings: string[] = [];
    for (const { look, zones: zs } of byLook.values()) {
      const r = this.setLive('desk', zs, look);
      if (r.ok && r.warning !== undefined) warnings.push(r.warning);
    }
    return warnings.length > 0 ? { ok: true, warning: warnings.join('; ') } : { ok: true };
  }

  setBlackout(on: boolean): CommandResult {
    if (on === this.blackoutOn) return { ok: true };
    this.blackoutOn = on;
    this.blackoutAtMs = this.now();
    for (const z of this.zones) this.dirty.add(z);
    this.blackoutSubject.next(on);
    this.flush();
    return { ok: true };
  }

  /** Master 0..255; out of range is clamped with a warning. */
  setMaster(level: number): CommandResult {
    if (typeof level !== 'number' || !Number.isFinite(level)) return { ok: false, error: `level must be a number 0..255, got ${String(level)}` };
    const clamped = clampLevel(level);
    if (clamped !== this.masterSubject.value) this.masterSubject.next(clamped);
    return clamped === level ? { ok: true } : { ok: true, warning: `level ${level} set as ${clamped} (0..255, whole numbers)` };
  }

  // ---- timed layers --------------------------------------------------------------------

  addLayer(layer: MixLayer): void {
    this.layers = this.layers.filter((l) => l.key !== layer.key);
    this.layers.push({ ...layer, order: ++this.order });
  }

  removeLayer(key: string): void {
    this.layers = this.layers.filter((l) => l.key !== key);
  }

  /** Forgets layers over by `t`. */
  pruneLayers(t: number): void {
    this.layers = this.layers.filter((l) => l.steps.some((s) => s.untilMs > t));
  }

  // ---- the answer -----------------------------------------------------------------------

  /**
   * Which contribution a zone shows at `t` under blackout (blackout keeps
   * everything underneath): a held key, a layer's key, or null (dark).
   */
  shows(zone: number, t: number): string | null {
    return this.ranked(zone, t)[0]?.key ?? null;
  }

  /** What a zone shows at `t` (default now) and why. */
  zoneAt(zone: number, t = this.now()): ZoneMix {
    const ranked = this.ranked(zone, t);
    const top = ranked[0];
    if (this.blackoutOn) return { zone, look: OFF_LOOK, source: 'blackout', key: 'blackout', why: top ? `blackout over ${top.label}` : 'blackout' };
    if (!top) return { zone, look: null, source: null, key: null, why: 'nothing: dark' };
    const under = ranked[1];
    return { zone, look: top.look, source: top.source, key: top.key, why: under ? `${top.label} over ${under.label}` : top.label };
  }

  zonesAt(t = this.now()): ZoneMix[] {
    return this.zones.map((z) => this.zoneAt(z, t));
  }

  /** Every contribution to a zone at `t`, winner first. */
  private ranked(zone: number, t: number): Candidate[] {
    const out: Candidate[] = [];
    for (const h of this.held.get(zone)?.values() ?? []) {
      const p = h.playback ? this.playbacks.get(h.playback) : undefined;
      const look = lookPartWay(h.state.fromLook, h.state.look, fadeProgress(h.state.startMs, h.state.fadeMs, t));
      out.push({
        key: h.key,
        source: h.source,
        rank: rankOf({ source: h.source, priority: p?.priority, goOrder: p?.goOrder, order: h.order }),
        label: h.label,
        look: p ? scaleLook(look, p.level) : look,
      });
    }
    for (const l of this.layers) {
      const step = l.steps.findLast((s) => s.fromMs <= t + EPS && t < s.untilMs && (s.zones === 'ALL' || s.zones.includes(zone)));
      if (!step) continue;
      const p = l.playback ? this.playbacks.get(l.playback) : undefined;
      const priority = l.source === 'brand' ? undefined : p ? p.priority : TIMELINE_PRIORITY;
      out.push({
        key: l.key,
        source: l.source,
        rank: rankOf({ source: l.source, priority, goOrder: p?.goOrder, order: l.order }),
        label: l.label,
        look: step.look && p ? scaleLook(step.look, p.level) : step.look,
      });
    }
    return out.sort((a, b) => compareRank(b.rank, a.rank));
  }

  // ---- internals --------------------------------------------------------------------------

  private setLive(source: 'busk' | 'desk', zones: readonly number[] | 'all', look: Look): CommandResult {
    const target = this.zoneArg(zones);
    if (!target.ok) return target;
    const parsed = LookSchema.safeParse(look);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: `look.${issue.path.join('.') || '(root)'}: ${issue.message}` };
    }
    const clamped = this.clampLook(parsed.data);
    const now = this.now();
    const to = clamped.look;
    const fadeMs = to.kind === 'effect' ? 0 : (to.fade ?? 0);
    const label = clamped.warning !== undefined ? `safety clamp (${source}: ${clamped.warning})` : source;
    for (const zone of target.zones) {
      const from = this.shownLook(zone, now);
      const state: ZoneLookState = { zone, look: to, fromLook: from, startMs: now, fadeMs, source, cueId: null };
      (this.held.get(zone) as Map<string, Held>).set(source, {
        key: source,
        source: clamped.warning !== undefined ? 'safety' : source,
        state,
        label,
        order: ++this.order,
      });
      this.dirty.add(zone);
    }
    this.flush();
    return clamped.warning === undefined ? { ok: true } : { ok: true, warning: clamped.warning };
  }

  private clearLive(source: 'busk' | 'desk', zones: readonly number[] | 'all'): CommandResult {
    const target = this.zoneArg(zones);
    if (!target.ok) return target;
    for (const zone of target.zones) if (this.held.get(zone)?.delete(source)) this.dirty.add(zone);
    this.flush();
    return { ok: true };
  }

  private markPlayback(id: string): void {
    for (const z of this.zones) if (this.held.get(z)?.has(PLAYBACK + id)) this.dirty.add(z);
  }

  /** The held look a zone shows now (published course, part-way), blackout aside. */
  private shownLook(zone: number, now: number): Look {
    const s = this.looksSubject.value.zones.find((x) => x.zone === zone);
    if (!s || s.source === 'blackout') {
      const top = this.topHeld(zone);
      return top ? lookPartWay(top.fromLook, top.look, fadeProgress(top.startMs, top.fadeMs, now)) : OFF_LOOK;
    }
    return lookPartWay(s.fromLook, s.look, fadeProgress(s.startMs, s.fadeMs, now));
  }

  /** The winning held look of a zone as a course (fader applied), or undefined when none. */
  private topHeld(zone: number): (ZoneLookState & { key: string; rank: Rank }) | undefined {
    let best: (ZoneLookState & { key: string; rank: Rank }) | undefined;
    for (const h of this.held.get(zone)?.values() ?? []) {
      const p = h.playback ? this.playbacks.get(h.playback) : undefined;
      const rank = rankOf({ source: h.source, priority: p?.priority, goOrder: p?.goOrder, order: h.order });
      if (best && compareRank(rank, best.rank) <= 0) continue;
      const s = h.state;
      best = {
        ...s,
        look: p ? scaleLook(s.look, p.level) : s.look,
        fromLook: p ? scaleLook(s.fromLook, p.level) : s.fromLook,
        source: h.source,
        key: h.key,
        rank,
      };
    }
    return best;
  }

  /** Publishes the zones marked, when their course changed. */
  private flush(): void {
    if (this.dirty.size === 0) return;
    const now = this.now();
    const prev = this.looksSubject.value;
    const zones: ZoneLookState[] = [];
    const changed: number[] = [];
    for (const old of prev.zones) {
      if (!this.dirty.has(old.zone)) {
        zones.push(old);
        continue;
      }
      const next = this.nextState(old, now);
      if (sameCourse(old, next, now) && (old.owner ?? null) === (next.owner ?? null)) zones.push(old);
      else {
        zones.push(next);
        changed.push(old.zone);
      }
    }
    this.dirty.clear();
    if (changed.length > 0) this.looksSubject.next({ atMs: now, zones, changed });
  }

  private nextState(old: ZoneLookState, now: number): ZoneLookState {
    const zone = old.zone;
    if (this.blackoutOn) return { zone, look: OFF_LOOK, fromLook: OFF_LOOK, startMs: this.blackoutAtMs, fadeMs: 0, source: 'blackout', cueId: null, owner: 'blackout' };
    const top = this.topHeld(zone);
    const prevKey = this.publishedKey.get(zone) ?? null;
    let next: ZoneLookState;
    if (!top) next = { ...darkState(zone, now), owner: undefined };
    else {
      const { key, rank: _rank, ...course } = top;
      next = { ...rebase(course, now), owner: key };
    }
    const key = next.owner ?? null;
    if (key !== prevKey && old.source !== 'blackout' && next.look.kind !== 'effect') {
      // Another source takes the zone: its fade starts from what the zone shows then, as a band's does.
      const at = Math.max(now, next.startMs);
      const from = lookPartWay(old.fromLook, old.look, fadeProgress(old.startMs, old.fadeMs, at));
      next = { ...next, fromLook: from };
      // Released: the zone goes to the next source down, fading there from what it showed.
      if (this.releaseFadeMs > 0 && prevKey !== null && !this.heldHas(zone, prevKey) && !sameLook(from, next.look)) {
        const left = Math.max(0, next.startMs + next.fadeMs - now);
        next = { ...next, startMs: now, fadeMs: Math.max(left, this.releaseFadeMs) };
      }
    }
    this.publishedKey.set(zone, key);
    return next;
  }

  private heldHas(zone: number, key: string): boolean {
    return this.held.get(zone)?.has(key) ?? false;
  }

  private zoneArg(zones: readonly number[] | 'all'): { ok: true; zones: number[] } | { ok: false; error: string } {
    if (zones === 'all') return { ok: true, zones: [...this.zones] };
    if (!Array.isArray(zones) || zones.length === 0) return { ok: false, error: 'zones must be "all" or a non-empty list of zone ids' };
    const unknown = zones.filter((z) => !this.held.has(z));
    if (unknown.length > 0) return { ok: false, error: `unknown zone${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (venue zones: ${this.zones.join(', ')})` };
    return { ok: true, zones: [...new Set(zones)] };
  }

  private now(): number {
    return this.scheduler.now();
  }
}

function clampLevel(level: number): number {
  return Math.max(0, Math.min(255, Math.round(level)));
}

function darkState(zone: number, now: number): ZoneLookState {
  return { zone, look: OFF_LOOK, fromLook: OFF_LOOK, startMs: now, fadeMs: 0, source: 'cue', cueId: null };
}
