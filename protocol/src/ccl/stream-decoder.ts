/**
 * Turns the CCL byte stream (in whatever chunks a serial port or socket hands
 * over) back into frames: split at 0x00, COBS-decode, check length and CRC,
 * parse. A bad frame is dropped, counted by cause and reported in order; the
 * decoder resynchronises at the next 0x00. Memory is bounded: a run of bytes
 * with no 0x00 longer than any valid frame is discarded up to the next 0x00.
 */
import { cobsDecode } from '../cobs';
import type { DecodeError } from '../result';
import { CCL_MAX_ENCODED, CCL_DELIMITER, decodeFrame } from './frame';
import { encodeCclFrame, parseMessage, type ParseOptions } from './messages';
import type { CclFrame, CclRawFrame } from './types';

/**
 * Why a frame was dropped: `cobs` bad stuffing; `length` too short, too long, or
 * no delimiter within the longest frame; `crc` checksum mismatch; `version`,
 * `type`, `payload` intact frames this implementation could not understand.
 */
export type CclDropCause = 'cobs' | 'length' | 'crc' | 'version' | 'type' | 'payload';

export type CclDecoded =
  | { kind: 'frame'; raw: CclRawFrame; frame: CclFrame }
  | {
      kind: 'dropped';
      cause: CclDropCause;
      error: DecodeError;
      /** Present when the frame passed COBS, length and CRC (cause version, type or payload): its seq can be answered. */
      raw?: CclRawFrame;
      /** Bytes of the stream this drop covers (without the delimiter). */
      bytes: number;
    };

export interface CclStreamStats {
  /** Bytes pushed in total. */
  bytes: number;
  /** Frames decoded and understood. */
  frames: number;
  dropped: Record<CclDropCause, number>;
  droppedTotal: number;
}

export interface CclStreamDecoderOptions {
  /** Passed to parseMessage: a device decodes with `{ from: 'host' }`, a host driver with `{ from: 'device' }`. */
  parse?: ParseOptions;
  /** Most bytes buffered for one frame before it is discarded; defaults to the longest valid encoded frame. */
  maxFrameBytes?: number;
}

/** Causes of decodeFrame failures; anything else it reports is about length. */
const FRAME_CAUSE: Record<string, CclDropCause> = { BAD_CRC: 'crc' };
/** Causes of parseMessage failures; anything else it reports is about the payload. */
const MESSAGE_CAUSE: Record<string, CclDropCause> = { BAD_VERSION: 'version', UNKNOWN_TYPE: 'type' };

export class CclStreamDecoder {
  private readonly buf: Uint8Array;
  private fill = 0;
  private discarding = false;
  private readonly parseOptions: ParseOptions;
  private readonly counts: CclStreamStats = {
    bytes: 0,
    frames: 0,
    dropped: { cobs: 0, length: 0, crc: 0, version: 0, type: 0, payload: 0 },
    droppedTotal: 0,
  };

  constructor(opts: CclStreamDecoderOptions = {}) {
    const max = opts.maxFrameBytes ?? CCL_MAX_ENCODED;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxFrameBytes must be a positive integer, got ${max}`);
    this.buf = new Uint8Array(max);
    this.parseOptions = opts.parse ?? {};
  }

  /** A snapshot of the counters. */
  get stats(): Readonly<CclStreamStats> {
    return { ...this.counts, dropped: { ...this.counts.dropped } };
  }

  /** Bytes of a frame received so far without its delimiter. */
  get buffered(): number {
    return this.fill;
  }

  /** Forgets a half-received frame (e.g. after the port was reopened); counts nothing. */
  reset(): void {
    this.fill = 0;
    this.discarding = false;
  }

  push(chunk: Uint8Array): CclDecoded[] {
    const out: CclDecoded[] = [];
    this.counts.bytes += chunk.length;
    let i = 0;
    while (i < chunk.length) {
      const zero = chunk.indexOf(CCL_DELIMITER, i);
      const end = zero < 0 ? chunk.length : zero;
      if (!this.discarding && end > i) {
        const n = end - i;
        if (this.fill + n > this.buf.length) {
          out.push(this.drop('length', this.fill + n, {
            code: 'TOO_LONG',
            field: 'frame',
            message: `no 0x00 delimiter within ${this.buf.length} bytes; discarding up to the next 0x00`,
          }));
          this.discarding = true;
          this.fill = 0;
        } else {
          this.buf.set(chunk.subarray(i, end), this.fill);
          this.fill += n;
        }
      }
      if (zero < 0) break;
      // An empty segment (two 0x00 in a row) is a sender flushing the line, not a frame.
      if (!this.discarding && this.fill > 0) out.push(this.finish(this.buf.subarray(0, this.fill)));
      this.discarding = false;
      this.fill = 0;
      i = zero + 1;
    }
    return out;
  }

  private finish(segment: Uint8Array): CclDecoded {
    const decoded = cobsDecode(segment);
    if (!decoded.ok) return this.drop('cobs', segment.length, decoded.error);
    const raw = decodeFrame(decoded.value);
    if (!raw.ok) return this.drop(FRAME_CAUSE[raw.error.code] ?? 'length', segment.length, raw.error);
    const parsed = parseMessage(raw.value, this.parseOptions);
    if (!parsed.ok) return this.drop(MESSAGE_CAUSE[parsed.error.code] ?? 'payload', segment.length, parsed.error, raw.value);
    this.counts.frames++;
    return { kind: 'frame', raw: raw.value, frame: parsed.value };
  }

  private drop(cause: CclDropCause, bytes: number, error: DecodeError, raw?: CclRawFrame): CclDecoded {
    this.counts.dropped[cause]++;
    this.counts.droppedTotal++;
    return raw ? { kind: 'dropped', cause, error, raw, bytes } : { kind: 'dropped', cause, error, bytes };
  }
}

/**
 * What a device owes the host for a dropped frame: a frame that arrived intact
 * (COBS, length and CRC good) but could not be understood is answered with NACK
 * BAD_FRAME carrying its seq; a damaged frame gets no answer, only a count.
 */
export function badFrameReply(item: CclDecoded): Uint8Array | null {
  if (item.kind !== 'dropped' || !item.raw) return null;
  return encodeCclFrame(item.raw.seq, { type: 'NACK', reason: 'BAD_FRAME' });
}

/** Drops that count toward STATUS.dropped ("frames dropped for bad COBS/CRC"): the damaged ones. */
export function damagedFrameCount(stats: Readonly<CclStreamStats>): number {
  return stats.dropped.cobs + stats.dropped.length + stats.dropped.crc;
}
