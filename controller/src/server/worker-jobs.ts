/**
 * The jobs a worker task can run (see worker-task.ts): each takes and returns
 * plain data (structured-cloned across the thread), so the heavy work and its
 * memory live and die with the worker.
 */
import { checkShowFile, type CheckShowFileResult, type LogoPlacement, type Show, type ShowError, type StoredShow, type Venue } from '@crowdcue/protocol';
import { venueFromShow } from '@crowdcue/simulator';
import { logoOnSeats, type LogoOnSeats, type LogoOnSeatsOptions } from '../brand/logo-on-seats';
import { BrandError } from '../brand/brand-error';
import { replaySlotJob, type ReplayJobInput } from '../brand/replay-slot-job';
import type { SlotReplay } from '../brand/replay-slot';
import type { SeatMap } from '../brand/seat-map';
import { checkShow } from '../safety/check-show';
import type { RecoveredJson } from '../storage/atomic-json';
import { readStoredShowInParts } from './show-read-task';
import { parseJsonText, type ParsedJsonText } from './json-text';
import { type AnswerInParts, inParts } from './answer-in-parts';
import { venueSummary, type VenueSummary } from './venue-summary';

export type VenueSummaryResult = { ok: true; value: VenueSummary } | { ok: false; message: string };

export interface LogoJobInput {
  logo: Uint8Array;
  placement: LogoPlacement;
  map: SeatMap;
  opts: LogoOnSeatsOptions;
}

export type LogoJobResult =
  | { ok: true; value: LogoOnSeats }
  | { ok: false; code: string; message: string; field?: string };

export const WORKER_JOBS = {
  /** A venue generated from its spec, summed up: seat count, zones with seat counts, extent. */
  'venue-summary': (input: { venue: Venue }): VenueSummaryResult => {
    try {
      return { ok: true, value: venueSummary(venueFromShow(input.venue)) };
    } catch (err) {
      // The generators name the option at fault (`sections must be 1..400, got 0`).
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  },
  /**
   * A show file validated by the show model's parser and flash-checked: the show with its defaults and its flash
   * problems, or every error by field path. It comes as the object, or as the request body's JSON text (and the
   * top-level member that is the show), which is cheaper to hand over than the object. The answer goes back in
   * parts (answer-in-parts.ts), so the live show's thread takes the show a few hundred cues per turn.
   */
  'check-show-file': (input: { json: unknown } | { text: string; key?: string }): AnswerInParts<CheckShowFileResult> => {
    if ('json' in input) return inParts(checkShowFile(input.json));
    const body = JSON.parse(input.text) as Record<string, unknown>;
    return inParts(checkShowFile(input.key === undefined ? body : body[input.key]));
  },
  /** The load-time safety check of a show already parsed (its JSON text): every problem by path, empty = may play. */
  'check-show': (input: { text: string }): ShowError[] => checkShow(JSON.parse(input.text) as Show),
  /** A stored show file read and checked (its `.bak` when it is damaged), in parts. */
  'read-stored-show': (input: { path: string }): Promise<AnswerInParts<RecoveredJson<StoredShow>>> => readStoredShowInParts(input.path),
  /** A large request body parsed as the server parses any body (json-text.ts), in parts when it parses. */
  'parse-json': (input: { text: string }): AnswerInParts<ParsedJsonText> | ParsedJsonText => {
    const parsed = parseJsonText(input.text);
    return parsed.ok ? inParts(parsed) : parsed;
  },
  /** A placed logo rasterised onto the seats, its palette, packets and cost. */
  'logo-on-seats': async (input: LogoJobInput): Promise<LogoJobResult> => {
    try {
      return { ok: true, value: await logoOnSeats(input.logo, input.placement, input.map, input.opts) };
    } catch (err) {
      if (err instanceof BrandError) return { ok: false, code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
      throw err;
    }
  },
  /** A finished brand slot's on-air record replayed into a fresh crowd: what its seats showed (proof of play). */
  'replay-slot': (input: ReplayJobInput): SlotReplay => replaySlotJob(input),
};

export type WorkerJobs = typeof WORKER_JOBS;
