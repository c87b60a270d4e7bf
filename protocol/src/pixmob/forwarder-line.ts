/**
 * The serial line of the open PixMob IR forwarder sketches (spec 5.1): at
 * 115200 baud the host writes `[N]` and then N digits and a comma, e.g.
 * `[3]341,`. Each digit is a run of 1..9 slots of 700 us, alternating IR on
 * (38 kHz carrier), off, on...; the sketch sends the runs once and then
 * waits 3 ms. It reads up to `[` (anything before is skipped), the count up
 * to `]`, the digits up to `,`; it answers nothing.
 */
import { fail, ok, type DecodeResult } from '../result';
import { bitsToRuns, encodePixmob, pixmobBits, pixmobBytesFromBits, runsToBits, type PixmobCommand } from './ir-code';

/** One slot as the sketches time it (the bands' own slot is about 694 us; they take 700). */
export const PIXMOB_SLOT_US = 700;
/** A digit is one run: at most 9 slots. */
export const PIXMOB_MAX_RUN = 9;
/**
 * Runs a line may carry: the sketch holds the runs in a stack array of N
 * 16-bit values and the digits in a String, on a 2 KB Arduino Uno.
 */
export const PIXMOB_MAX_RUNS = 200;
/** Off-slots after every code, so the next code is seen as a new one (the bands' own transmitters leave 9). */
export const PIXMOB_GAP_SLOTS = 9;
/** The sketch's pause after each line, ms. */
export const PIXMOB_SKETCH_DELAY_MS = 3;
export const PIXMOB_BAUD = 115200;

/** Run lengths → the forwarder line. Throws RangeError for a run the sketch cannot take. */
export function forwarderLine(runs: readonly number[]): string {
  if (runs.length === 0 || runs.length > PIXMOB_MAX_RUNS) throw new RangeError(`a forwarder line carries 1..${PIXMOB_MAX_RUNS} runs, got ${runs.length}`);
  for (const r of runs) {
    if (!Number.isInteger(r) || r < 1 || r > PIXMOB_MAX_RUN) throw new RangeError(`a run is 1..${PIXMOB_MAX_RUN} slots, got ${r}`);
  }
  return `[${runs.length}]${runs.join('')},`;
}

/** The runs of one code followed by the gap (an off-run of PIXMOB_GAP_SLOTS). */
export function pixmobRuns(cmd: PixmobCommand): number[] {
  return [...bitsToRuns(pixmobBits(encodePixmob(cmd))), PIXMOB_GAP_SLOTS];
}

/** The line that puts one code (and its gap) on air. */
export function pixmobLine(cmd: PixmobCommand): string {
  return forwarderLine(pixmobRuns(cmd));
}

/** IR time of a line: every run, on and off, in us. */
export function pixmobAirtimeUs(runs: readonly number[]): number {
  return runs.reduce((a, b) => a + b, 0) * PIXMOB_SLOT_US;
}

/** Serial time of a line at 115200 baud 8N1 (10 bits a character), us. */
export function pixmobSerialUs(line: string, baud = PIXMOB_BAUD): number {
  return (line.length * 10 * 1e6) / baud;
}

export type ForwarderLineError = { code: 'BAD_LINE' | 'BAD_COUNT' | 'BAD_RUN' | 'NOT_A_CODE'; message: string };

export interface ParsedForwarderLine {
  runs: number[];
  /** Each code in the line (runs split at off-runs of PIXMOB_GAP_SLOTS or more), as checked bytes. */
  codes: Uint8Array[];
}

const LINE = /^\[(\d{1,3})\]([0-9]*),$/;

/**
 * One line exactly as CrowdCue must write it for the sketch: `[N]`, N digits
 * 1..9, `,`; nothing else. A 0 digit would be a zero-length run (the sketch
 * would send nothing and shift on and off), and a count other than the number
 * of digits makes the sketch send zeros or drop runs. Every code in it must be
 * a whole PixMob code (magic, table bytes, checksum).
 */
export function parseForwarderLine(line: string): DecodeResult<ParsedForwarderLine, ForwarderLineError> {
  const m = LINE.exec(line);
  if (!m) return fail({ code: 'BAD_LINE', message: `not [N]digits, : ${JSON.stringify(line.slice(0, 40))}` });
  const n = Number(m[1]);
  const digits = m[2];
  if (n !== digits.length) return fail({ code: 'BAD_COUNT', message: `[${n}] announces ${n} runs, ${digits.length} follow` });
  if (n < 1 || n > PIXMOB_MAX_RUNS) return fail({ code: 'BAD_COUNT', message: `${n} runs; the sketch takes 1..${PIXMOB_MAX_RUNS}` });
  const runs = [...digits].map(Number);
  if (runs.includes(0)) return fail({ code: 'BAD_RUN', message: `run ${runs.indexOf(0) + 1} is 0 slots` });
  const codes: Uint8Array[] = [];
  let current: number[] = [];
  const flush = (): DecodeResult<undefined, ForwarderLineError> => {
    if (current.length === 0) return ok(undefined);
    const checked = pixmobBytesFromBits(runsToBits(current));
    current = [];
    if (!checked.ok) return fail({ code: 'NOT_A_CODE', message: checked.error.message });
    codes.push(checked.value);
    return ok(undefined);
  };
  for (let i = 0; i < runs.length; i++) {
    const off = i % 2 === 1;
    if (off && runs[i] >= PIXMOB_GAP_SLOTS) {
      const r = flush();
      if (!r.ok) return r;
      // The next code starts with an on-run, which is how the line continues (runs alternate).
      continue;
    }
    // Runs of one code keep their parity: an on-run at an even index.
    current.push(runs[i]);
  }
  const r = flush();
  if (!r.ok) return r;
  if (codes.length === 0) return fail({ code: 'NOT_A_CODE', message: 'the line holds no code' });
  return ok({ runs, codes });
}
