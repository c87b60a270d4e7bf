/** Refused desk packets counted per cause (shown in the live status and by `crowdcue monitor`). */
import type { DeskMalformedCause } from '@crowdcue/protocol';

export class MalformedCounts {
  private readonly counts = new Map<DeskMalformedCause, number>();

  add(cause: DeskMalformedCause): void {
    this.counts.set(cause, (this.counts.get(cause) ?? 0) + 1);
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  toJSON(): Partial<Record<DeskMalformedCause, number>> {
    return Object.fromEntries(this.counts);
  }
}
