/**
 * The show's timecode input: where timecode comes from and how playbacks
 * chase it. `source` is the same text as `crowdcue start|play --timecode`:
 * `ltc:FILE.wav` (LTC from a recording, for rehearsal), `alsa:DEVICE` (LTC
 * on an audio input, e.g. `alsa:hw:1,0`), `mtc:PORT` (MIDI timecode from a
 * MIDI input, by port name or number) or `artnet[:PORT]` (Art-Net
 * OpTimeCode, default UDP port 6454).
 */
import { z } from 'zod';
import { FRAME_RATES, parseTimecode, type FrameRate } from '../../timecode/timecode';
import { IdSchema } from '../common';

export const ARTNET_PORT = 6454;

export type TimecodeSourceAddress =
  | { kind: 'ltc'; file: string }
  | { kind: 'alsa'; device: string }
  | { kind: 'mtc'; port: string }
  | { kind: 'artnet'; port: number };

/** Reads a timecode source; the error names what is wrong and what would be right. */
export function parseTimecodeSource(text: string): { ok: true; value: TimecodeSourceAddress } | { ok: false; error: string } {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  const want = 'ltc:FILE.wav, alsa:DEVICE, mtc:PORT or artnet[:PORT]';
  switch (kind) {
    case 'ltc':
    case 'alsa':
    case 'mtc':
      if (rest === '') return { ok: false, error: `${kind}: needs ${kind === 'ltc' ? 'a WAV file' : kind === 'alsa' ? 'a capture device (e.g. alsa:hw:1,0)' : 'a MIDI input port name or number'} after the colon` };
      return { ok: true, value: kind === 'ltc' ? { kind, file: rest } : kind === 'alsa' ? { kind, device: rest } : { kind, port: rest } };
    case 'artnet': {
      if (rest === '') return { ok: true, value: { kind, port: ARTNET_PORT } };
      const port = Number(rest);
      if (!/^\d+$/.test(rest) || port < 1 || port > 65535) return { ok: false, error: `artnet:${rest}: the UDP port must be 1..65535` };
      return { ok: true, value: { kind, port } };
    }
    default:
      return { ok: false, error: `unknown timecode source ${JSON.stringify(text)}: use ${want}` };
  }
}

/** A frame of timecode as a show file writes it: `HH:MM:SS:FF`, `HH:MM:SS;FF` for drop-frame. */
export const TimecodeTextSchema = z.string().regex(/^\d{2}:\d{2}:\d{2}[:;]\d{2}$/, 'timecode must read HH:MM:SS:FF (HH:MM:SS;FF for drop-frame)').superRefine((text, ctx) => {
  const r = parseTimecode(text);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
});

export const FrameRateSchema = z.union(FRAME_RATES.map((r) => z.literal(r)) as [z.ZodLiteral<FrameRate>, ...Array<z.ZodLiteral<FrameRate>>]);

export const TimecodeInputSchema = z.strictObject({
  source: z.string().regex(/^(ltc:.+|alsa:.+|mtc:.+|artnet(:\d{1,5})?)$/, 'use ltc:FILE.wav, alsa:DEVICE, mtc:PORT or artnet[:PORT]').superRefine((text, ctx) => {
    const r = parseTimecodeSource(text);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
  }),
  /** The rate the source runs at; absent: whatever arrives. A source at another rate is reported, and cue timecodes are read at this one. */
  rate: FrameRateSchema.optional(),
  /** On a dropout playbacks run on (freewheel) this many frames, then hold. */
  freewheelFrames: z.number().int().min(0).max(3000).default(30),
  /** Cue lists that chase timecode; absent: every list with a cue that has a `timecode`. */
  cueLists: z.array(IdSchema).max(64).optional(),
});

export type TimecodeInput = z.output<typeof TimecodeInputSchema>;
