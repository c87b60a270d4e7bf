/**
 * MIDI timecode from a MIDI byte stream. Quarter-frame messages (F1 0nnn dddd)
 * carry a timecode in eight pieces over two frames, piece 0 sent as the
 * frame it names starts; a full set, in order, gives that frame, and the
 * frame after it started 0.75 frame before piece 7 arrived. Full-frame SysEx
 * (F0 7F dev 01 01 hr mn sc fr F7) says where timecode stands now (a locate
 * or a stop). Real-time bytes in between are ignored; a set out of order is
 * dropped and assembly starts again.
 */
import { frameDurationMs, frameToTimecode, timecodeToFrame, type FrameRate, type Timecode } from '@crowdcue/protocol';
import type { TimecodeFrame } from './timecode-source';

const RATE_CODES: readonly FrameRate[] = [24, 25, 29.97, 30];

function toTimecode(h: number, m: number, s: number, f: number, rateCode: number): { timecode: Timecode; rate: FrameRate } | undefined {
  const rate = RATE_CODES[rateCode & 3];
  if (h > 23 || m > 59 || s > 59 || f >= Math.round(rate)) return undefined;
  return { timecode: { hours: h, minutes: m, seconds: s, frames: f, dropFrame: rate === 29.97 }, rate };
}

export class MtcParser {
  private pieces: number[] = [];
  private status = 0;
  private sysex: number[] | undefined;
  /** Bytes that belonged to no message we read (counted for the console). */
  ignored = 0;

  /** Feeds bytes that arrived at `atMs`; returns the frames they complete. */
  push(bytes: ArrayLike<number>, atMs: number): TimecodeFrame[] {
    const out: TimecodeFrame[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] & 0xff;
      if (b >= 0xf8) continue; // real-time (clock, active sensing) may sit anywhere
      if (this.sysex) {
        if (b === 0xf7) {
          this.fullFrame(this.sysex, atMs, out);
          this.sysex = undefined;
        } else if (b & 0x80) {
          this.sysex = undefined; // a status byte ends an unterminated SysEx
        } else if (this.sysex.length < 16) this.sysex.push(b);
        else this.sysex = undefined;
        if (this.sysex || b === 0xf7) continue;
      }
      if (b === 0xf0) {
        this.sysex = [];
        this.status = 0;
      } else if (b & 0x80) {
        this.status = b;
      } else if (this.status === 0xf1) {
        this.quarterFrame(b, atMs, out);
        this.status = 0;
      } else this.ignored++;
    }
    return out;
  }

  private quarterFrame(data: number, atMs: number, out: TimecodeFrame[]): void {
    const piece = data >> 4;
    if (piece !== this.pieces.length) {
      this.pieces = [];
      if (piece !== 0) return;
    }
    this.pieces.push(data & 0x0f);
    if (this.pieces.length < 8) return;
    const p = this.pieces;
    this.pieces = [];
    const read = toTimecode(p[6] | ((p[7] & 1) << 4), p[4] | ((p[5] & 3) << 4), p[2] | ((p[3] & 3) << 4), p[0] | ((p[1] & 1) << 4), p[7] >> 1);
    if (!read) return;
    const next = frameToTimecode(timecodeToFrame(read.timecode, read.rate) + 1, read.rate, read.timecode.dropFrame);
    out.push({ timecode: next, rate: read.rate, atMs: atMs - 0.75 * frameDurationMs(read.rate) });
  }

  private fullFrame(body: number[], atMs: number, out: TimecodeFrame[]): void {
    // 7F dev 01 01 hr mn sc fr
    if (body.length !== 8 || body[0] !== 0x7f || body[2] !== 0x01 || body[3] !== 0x01) return;
    const read = toTimecode(body[4] & 0x1f, body[5], body[6], body[7], (body[4] >> 5) & 3);
    this.pieces = [];
    if (read) out.push({ timecode: read.timecode, rate: read.rate, atMs });
  }
}

/** The eight quarter-frame messages (2 bytes each) that send `tc` (tests, benchmarks). */
export function mtcQuarterFrames(tc: Timecode, rate: FrameRate): number[][] {
  const code = RATE_CODES.indexOf(rate);
  const nibbles = [tc.frames & 15, tc.frames >> 4, tc.seconds & 15, tc.seconds >> 4, tc.minutes & 15, tc.minutes >> 4, tc.hours & 15, (tc.hours >> 4) | (code << 1)];
  return nibbles.map((d, piece) => [0xf1, (piece << 4) | d]);
}

/** A full-frame SysEx message for `tc`. */
export function mtcFullFrame(tc: Timecode, rate: FrameRate): number[] {
  return [0xf0, 0x7f, 0x7f, 0x01, 0x01, (RATE_CODES.indexOf(rate) << 5) | tc.hours, tc.minutes, tc.seconds, tc.frames, 0xf7];
}
