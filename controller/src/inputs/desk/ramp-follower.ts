/**
 * Turns a zone's colour as the desk sends it (about 44 samples a second) into
 * the few band-side courses that reproduce it: a colour held steady costs
 * nothing, and a fade on the desk becomes one band-side fade.
 *
 * The follower keeps the course the bands are running (from a colour at a
 * time, fading linearly to another) and compares every sample with where that
 * course is now. Within `toleranceLevels` it sends nothing. Off course, it
 * looks back over the recent samples for the longest stretch that one straight
 * line explains (the range of slopes that keeps every sample within half a
 * level or so of the line, narrowed sample by sample, newest first); a stretch
 * that is a ramp becomes one fade towards where the ramp would go (until a
 * channel reaches 0 or 255, at most `maxFadeMs`), anything else a step to the
 * colour now. When the desk's fade ends, the bands stop within the tolerance.
 */
import type { ColorLook, Rgb } from '@crowdcue/protocol';

export interface RampFollowerOptions {
  /** Largest difference, per channel 0..255, between the desk and the bands that sends nothing (default 3). */
  toleranceLevels?: number;
  /** How far a sample may sit from a straight line and still be on it (DMX is whole numbers; default 1.5). */
  lineLevels?: number;
  /** Longest band-side fade sent at once (default 10 s). */
  maxFadeMs?: number;
  /** Samples looked back over (default 4 s at 44 fps). */
  historySamples?: number;
}

interface Course {
  from: readonly number[];
  to: readonly number[];
  atMs: number;
  fadeMs: number;
}

interface Sample {
  t: number;
  rgb: readonly number[];
}

/** Samples of the same value in a row that make the desk "still" (about 140 ms at 44 fps). */
const STILL_SAMPLES = 6;
/** A ramp explained over less than this is not trusted to be one. */
const MIN_RAMP_MS = 80;

export class RampFollower {
  private readonly tol: number;
  private readonly lineTol: number;
  private readonly maxFadeMs: number;
  private readonly history: Sample[] = [];
  private readonly cap: number;
  private course: Course | null = null;

  constructor(opts: RampFollowerOptions = {}) {
    this.tol = opts.toleranceLevels ?? 3;
    this.lineTol = opts.lineLevels ?? 1.5;
    this.maxFadeMs = opts.maxFadeMs ?? 10_000;
    this.cap = opts.historySamples ?? 176;
  }

  /** Forget the course (the zone was let go): the next sample is sent. */
  reset(): void {
    this.course = null;
    this.history.length = 0;
  }

  /** Where the bands are now by the course sent, or null before anything was sent. */
  shown(t: number): number[] | null {
    return this.course ? at(this.course, t) : null;
  }

  /**
   * The desk went silent: the bands stop where the desk last was (a fade the
   * bands were running past it would not be the desk's last look). Answers the
   * still colour to send, or null when the bands are already still there.
   */
  hold(t: number): ColorLook | null {
    const last = this.history.at(-1);
    if (!this.course || !last) return null;
    if (this.course.fadeMs <= 0 || t >= this.course.atMs + this.course.fadeMs) {
      if (maxDiff(at(this.course, t), last.rgb) <= this.tol) return null;
    }
    return this.set({ from: last.rgb, to: last.rgb, atMs: t, fadeMs: 0 });
  }

  /** One desk sample; answers the colour look to send, or null when the bands already show it. */
  push(t: number, rgb: readonly number[]): ColorLook | null {
    this.history.push({ t, rgb });
    if (this.history.length > this.cap) this.history.shift();
    if (this.course && maxDiff(at(this.course, t), rgb) <= this.tol) return null;
    return this.plan(t, rgb);
  }

  /** The course chosen is what the bands do from now: call when the look was sent. */
  private plan(t: number, rgb: readonly number[]): ColorLook {
    const v = this.still() ? null : this.slope();
    if (v === null) return this.set({ from: rgb, to: rgb, atMs: t, fadeMs: 0 });
    // How long the ramp can run before a channel reaches 0 or 255.
    let fadeMs = this.maxFadeMs;
    for (let c = 0; c < 3; c++) {
      if (v[c] > 1e-9) fadeMs = Math.min(fadeMs, (255 - rgb[c]) / v[c]);
      else if (v[c] < -1e-9) fadeMs = Math.min(fadeMs, -rgb[c] / v[c]);
    }
    if (fadeMs < MIN_RAMP_MS) return this.set({ from: rgb, to: rgb, atMs: t, fadeMs: 0 });
    const to = rgb.map((x, c) => Math.max(0, Math.min(255, x + v[c] * fadeMs)));
    return this.set({ from: rgb, to, atMs: t, fadeMs: Math.round(fadeMs) });
  }

  private set(course: Course): ColorLook {
    this.course = course;
    const color = course.to.map((x) => Math.round(x)) as unknown as Rgb;
    return course.fadeMs > 0 ? { kind: 'color', color, fade: course.fadeMs } : { kind: 'color', color };
  }

  private still(): boolean {
    const h = this.history;
    if (h.length < STILL_SAMPLES) return true;
    const last = h[h.length - 1].rgb;
    for (let i = h.length - STILL_SAMPLES; i < h.length - 1; i++) if (maxDiff(h[i].rgb, last) > 0.5) return false;
    return true;
  }

  /**
   * Slope per ms of each channel over the longest recent stretch one line
   * explains, or null when that stretch is too short to be a ramp.
   */
  private slope(): number[] | null {
    const h = this.history;
    const now = h[h.length - 1];
    const lo = [-Infinity, -Infinity, -Infinity];
    const hi = [Infinity, Infinity, Infinity];
    let span = 0;
    for (let i = h.length - 2; i >= 0; i--) {
      const s = h[i];
      const dt = now.t - s.t;
      if (dt <= 0) continue;
      const nlo: number[] = [];
      const nhi: number[] = [];
      let fits = true;
      for (let c = 0; c < 3; c++) {
        const d = now.rgb[c] - s.rgb[c];
        nlo[c] = Math.max(lo[c], (d - this.lineTol) / dt);
        nhi[c] = Math.min(hi[c], (d + this.lineTol) / dt);
        if (nlo[c] > nhi[c]) fits = false;
      }
      if (!fits) break;
      for (let c = 0; c < 3; c++) {
        lo[c] = nlo[c];
        hi[c] = nhi[c];
      }
      span = dt;
    }
    if (span < MIN_RAMP_MS) return null;
    // A channel that moves less than the tolerance over the longest fade is standing still,
    // and one at 0 or 255 cannot go further (else a fade would be cut to nothing).
    const v = lo.map((l, c) => {
      const x = (l + hi[c]) / 2;
      if (Math.abs(x) * this.maxFadeMs < this.tol) return 0;
      if ((x < 0 && now.rgb[c] <= 0) || (x > 0 && now.rgb[c] >= 255)) return 0;
      return x;
    });
    return v.every((x) => x === 0) ? null : v;
  }
}

function at(c: Course, t: number): number[] {
  const p = c.fadeMs <= 0 ? 1 : Math.max(0, Math.min(1, (t - c.atMs) / c.fadeMs));
  return c.from.map((f, i) => f + (c.to[i] - f) * p);
}

function maxDiff(a: readonly number[], b: readonly number[]): number {
  let m = 0;
  for (let i = 0; i < 3; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
