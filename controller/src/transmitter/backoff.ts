/** Reconnect delays: quick first retries (a replugged device is back fast), capped so recovery stays prompt. */
export class Backoff {
  private next: number;

  constructor(
    private readonly minMs = 50,
    private readonly maxMs = 1000,
    private readonly factor = 2,
  ) {
    this.next = minMs;
  }

  /** Delay before the next attempt; each call doubles the following one up to the cap. */
  delay(): number {
    const d = this.next;
    this.next = Math.min(this.maxMs, this.next * this.factor);
    return d;
  }

  reset(): void {
    this.next = this.minMs;
  }
}
