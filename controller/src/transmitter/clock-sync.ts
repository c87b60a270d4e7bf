/**
 * Device clock estimate from TIME/CLOCK round trips (spec 1.5).
 *
 * offset = d - (t0 + t1) / 2, kept modulo 2^32 because the device clock is a
 * wrapping u32 of microseconds (it wraps every ~71.6 minutes). Among recent
 * samples those with the smallest round trips win, with a small penalty for age
 * so a fresh sample beats an old one that is only slightly tighter: crystals
 * drift tens of ppm, which over seconds is as much as a sloppy round trip.
 */
const WRAP = 2 ** 32;
const HALF = 2 ** 31;

export const mod32 = (n: number): number => ((n % WRAP) + WRAP) % WRAP;
/** a - b for wrapping u32 values, as a signed number. */
export const diff32 = (a: number, b: number): number => {
  const d = mod32(a - b);
  return d >= HALF ? d - WRAP : d;
};

export interface ClockSyncOptions {
  /** How many recent samples compete. */
  window?: number;
  /** Samples older than this are forgotten (ms). */
  maxAgeMs?: number;
  /** Assumed worst drift between the clocks, ppm: ages a sample's uncertainty. */
  driftPpm?: number;
  /** How many of the best samples the offset is the median of (default 5; 1 = the single best). */
  median?: number;
}

interface Sample {
  atMs: number;
  halfRttUs: number;
  offsetUs: number;
}

export class ClockSync {
  private samples: Sample[] = [];
  private readonly window: number;
  private readonly maxAgeMs: number;
  private readonly driftPpm: number;
  private readonly median: number;

  constructor(opts: ClockSyncOptions = {}) {
    this.window = opts.window ?? 12;
    this.maxAgeMs = opts.maxAgeMs ?? 10_000;
    this.driftPpm = opts.driftPpm ?? 50;
    this.median = Math.max(1, opts.median ?? 5);
  }

  /**
   * One exchange: host send time t0, host receive time t1 (ms), device time d (us).
   * `leftMs` (default t0) is when the request really left the host, if known
   * later than t0: the midpoint is taken from there, while the full t1 - t0
   * still ranks the sample (ranking by the shortened trip would favour samples
   * whose "left" time came late, i.e. skewed ones).
   */
  add(t0Ms: number, t1Ms: number, deviceUs: number, leftMs = t0Ms): void {
    const from = Math.min(Math.max(leftMs, t0Ms), t1Ms);
    const midUs = ((from + t1Ms) / 2) * 1000;
    this.samples.push({ atMs: t1Ms, halfRttUs: ((t1Ms - t0Ms) * 1000) / 2, offsetUs: mod32(deviceUs - midUs) });
    if (this.samples.length > this.window) this.samples.shift();
  }

  reset(): void {
    this.samples = [];
  }

  get synced(): boolean {
    return this.samples.length > 0;
  }

  /**
   * The offset to trust at host time nowMs, with its uncertainty in us: the
   * median offset of the few samples with the tightest (age-penalised) round
   * trips. One sample alone carries whatever scheduling skew hit that exchange;
   * measured over a pty, the median of the best 5 of 12 halves the spread.
   */
  best(nowMs: number): { offsetUs: number; uncertaintyUs: number } | undefined {
    if (this.samples.length === 0) return undefined;
    const fresh = this.samples.filter((s) => nowMs - s.atMs <= this.maxAgeMs);
    // Old samples are still better than nothing while a re-sync is pending.
    const pool = fresh.length > 0 ? fresh : [this.samples[this.samples.length - 1]];
    const ranked = pool
      .map((s) => ({ s, uncertaintyUs: s.halfRttUs + Math.max(0, nowMs - s.atMs) * this.driftPpm * 1e-3 }))
      .sort((a, b) => a.uncertaintyUs - b.uncertaintyUs)
      .slice(0, this.median);
    const anchor = ranked[0].s.offsetUs;
    const deltas = ranked.map((r) => diff32(r.s.offsetUs, anchor)).sort((a, b) => a - b);
    const mid = deltas.length % 2 ? deltas[(deltas.length - 1) / 2] : (deltas[deltas.length / 2 - 1] + deltas[deltas.length / 2]) / 2;
    return { offsetUs: mod32(anchor + mid), uncertaintyUs: ranked[0].uncertaintyUs };
  }

  /** Device clock (u32 us) at host time hostMs; undefined before the first sample. */
  toDeviceUs(hostMs: number, nowMs = hostMs): number | undefined {
    const b = this.best(nowMs);
    return b === undefined ? undefined : mod32(Math.round(hostMs * 1000 + b.offsetUs));
  }

  /** Host time (ms) of device time deviceUs, taking the wrap nearest to nearHostMs. */
  toHostMs(deviceUs: number, nearHostMs: number): number | undefined {
    const near = this.toDeviceUs(nearHostMs);
    return near === undefined ? undefined : nearHostMs + diff32(deviceUs, near) / 1000;
  }

  /** Device minus host, us, as a signed figure for reports. */
  signedOffsetUs(nowMs: number): number | undefined {
    const b = this.best(nowMs);
    return b === undefined ? undefined : diff32(b.offsetUs, 0);
  }
}
