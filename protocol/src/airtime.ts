/**
 * Airtime: the scarce resource. Figures come from the transmitter's CCL INFO
 * (`bitrate` in RF bits/s, `overhead` in bytes the radio adds per packet).
 */

/** What a planner needs to know about a radio to budget airtime. */
export interface RadioFigures {
  /** RF bits per second. */
  bitrate: number;
  /** Bytes the radio adds per packet: preamble, sync word, length, radio CRC. */
  overhead: number;
}

/** A device keeps at least this much quiet time between two transmissions (spec 1.5). */
export const MIN_TX_GAP_US = 1000;

function check(name: string, value: number, min: number, exclusiveMin = false): void {
  if (!Number.isFinite(value) || value < min || (exclusiveMin && value === min)) {
    throw new RangeError(`${name} must be a finite number ${exclusiveMin ? '>' : '>='} ${min}, got ${value}`);
  }
}

/** Microseconds one RF transmission of `rfLen` payload bytes occupies the channel. */
export function airtimeUs(rfLen: number, bitrate: number, overhead: number): number {
  check('rfLen', rfLen, 0);
  check('bitrate', bitrate, 0, true);
  check('overhead', overhead, 0);
  return Math.ceil(((overhead + rfLen) * 8 * 1e6) / bitrate);
}

/**
 * Quiet time the device leaves between repeats: `gap_ms`, but never less than the
 * 1 ms every device keeps between transmissions.
 */
export function repeatGapUs(gapMs: number): number {
  check('gapMs', gapMs, 0);
  return Math.max(gapMs * 1000, MIN_TX_GAP_US);
}

/** From the start of the first transmission of a SEND to the end of its last repeat. */
export function sendSpanUs(rfLen: number, repeat: number, gapMs: number, radio: RadioFigures): number {
  check('repeat', repeat, 0);
  const air = airtimeUs(rfLen, radio.bitrate, radio.overhead);
  return (1 + repeat) * air + repeat * repeatGapUs(gapMs);
}

/**
 * How long a SEND keeps the channel from the next one: its span plus the
 * device's minimum gap before the next transmission may start.
 */
export function channelHoldUs(rfLen: number, repeat: number, gapMs: number, radio: RadioFigures): number {
  return sendSpanUs(rfLen, repeat, gapMs, radio) + MIN_TX_GAP_US;
}

/** Transmissions per second the channel can carry back to back for packets of `rfLen` bytes. */
export function channelCapacityPerSecond(rfLen: number, radio: RadioFigures): number {
  return 1e6 / (airtimeUs(rfLen, radio.bitrate, radio.overhead) + MIN_TX_GAP_US);
}

/** Share of a window (0..100) that `busyUs` of transmissions occupy. */
export function airtimePercent(busyUs: number, windowUs: number): number {
  check('busyUs', busyUs, 0);
  check('windowUs', windowUs, 0, true);
  return Math.min(100, (busyUs / windowUs) * 100);
}
