/**
 * Device clock estimate from TIME/CLOCK round trips (spec 1.5).
 *
 * offset = d - (t0 + t1) / 2, kept modulo 2^32 because the device clock is a
 * wrapping u32 of microseconds (it wraps every ~71.6 minutes). Among recent
 * samples the one with the smallest round trip wins, with a small penalty for age
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

  constructor(opts: ClockSyncOptions = {}) {
    this.window = opts.window ?? 12;
    this.maxAgeMs = opts.maxAgeMs ?? 10_000;
    this.driftPpm = opts.driftPpm ?? 50;
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

  /** The sample to trust at host time nowMs, with its uncertainty in us. */
  best(nowMs: number): { offsetUs: number; uncertaintyUs: number } | undefined {
    let pick: { offsetUs: number; uncertaintyUs: number } | undefined;
    for (const s of this.samples) {
      const ageMs = nowMs - s.atMs;
      if (ageMs > this.maxAgeMs) continue;
      const uncertaintyUs = s.halfRttUs + Math.max(0, ageMs) * this.driftPpm * 1e-3;
      if (!pick || uncertaintyUs < pick.uncertaintyUs) pick = { offsetUs: s.offsetUs, uncertaintyUs };
    }
    // Old samples are still better than nothing while a re-sync is pending.
    if (!pick && this.samples.length > 0) {
      const s = this.samples[this.samples.length - 1];
      pick = { offsetUs: s.offsetUs, uncertaintyUs: s.halfRttUs + (nowMs - s.atMs) * this.driftPpm * 1e-3 };
    }
    return pick;
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
