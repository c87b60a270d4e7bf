/**
 * Late reports: a cue (or parade step) is a group of work; when the last of
 * it is on air, the group is late if its last packet lands more than the
 * tolerance after its time. One report per group, on `late$`.
 */
import { Subject } from 'rxjs';
import type { PacketPurpose } from '../transmitter/types';

/** A cue (or parade step) that could not be on air by its time. */
export interface LateCue {
  cue: string;
  /** The parade step, when a parade's step was late (`cue` then names the parade). */
  step?: string;
  /** How much later than its time its last packet landed (end of first transmission). */
  lateByMs: number;
  /** When it was meant to land, controller ms. */
  atMs: number;
  purpose: PacketPurpose;
}

export interface LateGroup {
  label: string;
  step?: string;
  purpose: PacketPurpose;
  atMs: number;
  outstanding: number;
  worst: number;
}

export class LateReports {
  private readonly subject = new Subject<LateCue>();
  readonly late$ = this.subject.asObservable();
  count = 0;
  worstMs = 0;

  constructor(private readonly toleranceMs: number) {}

  group(label: string, purpose: PacketPurpose, atMs: number, step?: string): LateGroup {
    return { label, step, purpose, atMs, outstanding: 0, worst: -Infinity };
  }

  /** One piece of the group's work was planned to land at `landMs` (undefined: dropped) for `dueMs`. */
  settle(g: LateGroup | undefined, dueMs: number, landMs: number | undefined): void {
    if (!g) return;
    if (landMs !== undefined) g.worst = Math.max(g.worst, landMs - dueMs);
    g.outstanding--;
    if (g.outstanding === 0 && g.worst > this.toleranceMs) {
      this.count++;
      this.worstMs = Math.max(this.worstMs, g.worst);
      this.subject.next({ cue: g.label, ...(g.step !== undefined ? { step: g.step } : {}), lateByMs: g.worst, atMs: g.atMs, purpose: g.purpose });
    }
  }
}
