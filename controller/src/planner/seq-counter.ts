/** Hands out CCB seqs, one per logical packet. */
export interface SeqSource {
  next(): number;
}

/** CCB seq: 1..255, wrapping, never 0 (spec 2), one per logical packet. */
export class SeqCounter implements SeqSource {
  private last: number;

  constructor(start = 1) {
    this.last = ((Math.max(1, Math.min(255, Math.floor(start))) - 2 + 255) % 255) + 1;
  }

  next(): number {
    this.last = (this.last % 255) + 1;
    return this.last;
  }
}
