/**
 * The server's show clock, followed from the page: each time stamp the server
 * sends arrives a little late, so (server - local) under-reads the true offset
 * by the delay; the largest recent reading is the best estimate.
 */
export class ShowClockFollower {
  private readings: number[] = [];
  private offset = 0;

  constructor(
    private readonly local: () => number,
    private readonly keep = 10,
  ) {}

  /** Starts over (a new server, or the same one restarted). */
  reset(serverNowMs: number): void {
    this.readings = [];
    this.sample(serverNowMs);
  }

  sample(serverNowMs: number): void {
    this.readings.push(serverNowMs - this.local());
    if (this.readings.length > this.keep) this.readings.shift();
    this.offset = Math.max(...this.readings);
  }

  /** Server show time now, ms. */
  now(): number {
    return this.local() + this.offset;
  }
}
