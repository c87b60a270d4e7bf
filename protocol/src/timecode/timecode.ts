/**
 * SMPTE timecode as a show reads it: `HH:MM:SS:FF` (`HH:MM:SS;FF` for
 * drop-frame), frame rates 24, 25, 29.97 and 30. A timecode names a frame;
 * `timecodeMs` says when that frame starts in real time since 00:00:00:00, so
 * 29.97 drop-frame (which skips frame numbers, never frames) lands on the
 * wall clock. Pure: used by the controller's decoders and chase, the show
 * schema and the console.
 */

export type FrameRate = 24 | 25 | 29.97 | 30;
export const FRAME_RATES: readonly FrameRate[] = [24, 25, 29.97, 30];

export interface Timecode {
  hours: number;
  minutes: number;
  seconds: number;
  frames: number;
  /** Drop-frame numbering (29.97 only): frames 0 and 1 are skipped each minute but every tenth. */
  dropFrame: boolean;
}

/** Frames per second of real time (29.97 is 30000/1001). */
export function realFps(rate: FrameRate): number {
  return rate === 29.97 ? 30000 / 1001 : rate;
}

/** Frame numbers per timecode second: 24, 25 or 30. */
export function nominalFps(rate: FrameRate): number {
  return Math.round(rate);
}

export function frameDurationMs(rate: FrameRate): number {
  return 1000 / realFps(rate);
}

const TC_RE = /^(\d{2}):(\d{2}):(\d{2})([:;.])(\d{2})$/;

/** Parses `HH:MM:SS:FF` / `HH:MM:SS;FF`; an error string names what is wrong. */
export function parseTimecode(text: string, rate?: FrameRate): { ok: true; value: Timecode } | { ok: false; error: string } {
  const m = TC_RE.exec(text);
  if (!m) return { ok: false, error: `timecode must read HH:MM:SS:FF (HH:MM:SS;FF for drop-frame), got ${JSON.stringify(text)}` };
  const tc: Timecode = { hours: Number(m[1]), minutes: Number(m[2]), seconds: Number(m[3]), frames: Number(m[5]), dropFrame: m[4] !== ':' };
  const problem = timecodeProblem(tc, rate);
  return problem ? { ok: false, error: `${text}: ${problem}` } : { ok: true, value: tc };
}

/** Why a timecode cannot exist (at `rate`, when given), or undefined. */
export function timecodeProblem(tc: Timecode, rate?: FrameRate): string | undefined {
  if (tc.hours > 23) return `hours ${tc.hours} > 23`;
  if (tc.minutes > 59) return `minutes ${tc.minutes} > 59`;
  if (tc.seconds > 59) return `seconds ${tc.seconds} > 59`;
  const fps = rate === undefined ? 30 : nominalFps(rate);
  if (tc.frames >= fps) return `frame ${tc.frames} does not exist at ${rate ?? 30} fps`;
  if (tc.dropFrame && rate !== undefined && rate !== 29.97) return `drop-frame timecode exists only at 29.97 fps, not ${rate}`;
  if (tc.dropFrame && tc.seconds === 0 && tc.frames < 2 && tc.minutes % 10 !== 0) return `frame ${tc.frames} is dropped at the start of minute ${tc.minutes} in drop-frame timecode`;
  return undefined;
}

export function formatTimecode(tc: Timecode): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(tc.hours)}:${p(tc.minutes)}:${p(tc.seconds)}${tc.dropFrame ? ';' : ':'}${p(tc.frames)}`;
}

/** The frame's index counted from 00:00:00:00 (drop-frame: skipped numbers not counted). */
export function timecodeToFrame(tc: Timecode, rate: FrameRate): number {
  const fps = nominalFps(rate);
  const n = ((tc.hours * 60 + tc.minutes) * 60 + tc.seconds) * fps + tc.frames;
  if (!tc.dropFrame) return n;
  const minutes = tc.hours * 60 + tc.minutes;
  return n - 2 * (minutes - Math.floor(minutes / 10));
}

const DAY_FRAMES_DF = 24 * 6 * 17982;

/** The timecode of frame index `frame` (wraps at 24 h). */
export function frameToTimecode(frame: number, rate: FrameRate, dropFrame = rate === 29.97): Timecode {
  const fps = nominalFps(rate);
  const df = dropFrame && rate === 29.97;
  let n = Math.floor(frame);
  if (df) {
    n = ((n % DAY_FRAMES_DF) + DAY_FRAMES_DF) % DAY_FRAMES_DF;
    const tens = Math.floor(n / 17982);
    const rest = n % 17982;
    n += 18 * tens + (rest >= 2 ? 2 * Math.floor((rest - 2) / 1798) : 0);
  } else {
    const day = 24 * 3600 * fps;
    n = ((n % day) + day) % day;
  }
  return {
    frames: n % fps,
    seconds: Math.floor(n / fps) % 60,
    minutes: Math.floor(n / (fps * 60)) % 60,
    hours: Math.floor(n / (fps * 3600)) % 24,
    dropFrame: df,
  };
}

/** When frame `tc` starts, ms of real time since 00:00:00:00. */
export function timecodeMs(tc: Timecode, rate: FrameRate): number {
  return timecodeToFrame(tc, rate) * frameDurationMs(rate);
}

/** The frame that is showing at `ms` of real time since 00:00:00:00. */
export function timecodeAtMs(ms: number, rate: FrameRate, dropFrame = rate === 29.97): Timecode {
  return frameToTimecode(Math.floor(ms / frameDurationMs(rate) + 1e-6), rate, dropFrame);
}
