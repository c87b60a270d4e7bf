/** What the virtual transmitter put on air, as tests, benchmarks and the crowd see it. */

export interface OnAirTransmission {
  /** The RF payload (a CCB packet, or whatever the host sent). */
  rf: Uint8Array;
  /** CCB seq: byte 1 of `rf` (0 when `rf` is shorter). */
  seq: number;
  /** Device clock (u32 microseconds, as CLOCK would show it) when it really started. */
  startUs: number;
  /** Device clock (u32) when it ended: start + airtime. */
  endUs: number;
  /** performance.now() of this process when it started / ended. */
  startHostMs: number;
  endHostMs: number;
  /** 0 for the first transmission of a SEND, then 1, 2... for its repeats. */
  repeatIndex: number;
  /** For a timed SEND (and its repeats): the device time (u32) it was due to start. */
  dueUs?: number;
  /** For a timed SEND: real start minus due start, microseconds (fractional). */
  errorUs?: number;
  timed: boolean;
  priority: boolean;
  /** seq of the CCL SEND frame that asked for it. */
  frameSeq: number;
  /** The device's transmission counter (STATUS `sent`) after this one. */
  sent: number;
}

/** Keeps the last `limit` transmissions, oldest first. */
export class OnAirRecord {
  private items: OnAirTransmission[] = [];
  private head = 0;

  constructor(readonly limit: number) {}

  push(tx: OnAirTransmission): void {
    if (this.limit <= 0) return;
    if (this.items.length < this.limit) {
      this.items.push(tx);
    } else {
      this.items[this.head] = tx;
      this.head = (this.head + 1) % this.limit;
    }
  }

  toArray(): OnAirTransmission[] {
    return [...this.items.slice(this.head), ...this.items.slice(0, this.head)];
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  get size(): number {
    return this.items.length;
  }
}
