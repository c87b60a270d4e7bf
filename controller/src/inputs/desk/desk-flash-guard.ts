/**
 * The flash-rate limit for the colours a desk sends. Effects are slowed by the
 * mixer's safety clamp like any live look; still colours are judged here, per
 * zone, by the same change counting as the show check (ChangeCounter on
 * relative luminance and the red level): a flash is a pair of opposing
 * changes, so at `limit` flashes a second a zone may take at most 2 x limit
 * changes in any second. A colour that would go over is held back (the zone
 * keeps what it shows) and taken when the window allows.
 */
import { ChangeCounter, FLASH_METRICS, FLASH_WINDOW_MS, flashLevel, metricStep, type FlashMetric, type Rgb } from '@crowdcue/protocol';

interface ZoneFlashes {
  counters: Map<FlashMetric, ChangeCounter>;
  changesAt: number[];
}

export class DeskFlashGuard {
  private readonly zones = new Map<number, ZoneFlashes>();
  /** Colours held back so far. */
  heldBack = 0;

  constructor(private readonly limit: number) {}

  /** Whether `zone` may go to `rgb` at `t`; when it may, the change is counted. */
  allow(zone: number, rgb: Rgb, t: number): boolean {
    let z = this.zones.get(zone);
    if (!z) {
      z = { counters: new Map(FLASH_METRICS.map((m) => [m, new ChangeCounter(metricStep(m))])), changesAt: [] };
      this.zones.set(zone, z);
    }
    while (z.changesAt.length > 0 && t - z.changesAt[0] >= FLASH_WINDOW_MS) z.changesAt.shift();
    // Try on copies: a colour held back must leave the counters as they were.
    const trial = new Map([...z.counters].map(([m, c]) => [m, copyCounter(c)]));
    let change = false;
    for (const [m, c] of trial) if (c.push(flashLevel(m, rgb)) !== 0) change = true;
    if (change && z.changesAt.length >= 2 * this.limit) {
      this.heldBack++;
      return false;
    }
    z.counters = trial;
    if (change) z.changesAt.push(t);
    return true;
  }

  /** The zone went dark by letting go: it starts over. */
  forget(zone: number): void {
    this.zones.delete(zone);
  }
}

/** ChangeCounter keeps only numbers: a field copy is a full copy. */
function copyCounter(c: ChangeCounter): ChangeCounter {
  return Object.assign(Object.create(Object.getPrototypeOf(c) as object) as ChangeCounter, c);
}
