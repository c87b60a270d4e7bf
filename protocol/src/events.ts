/**
 * socket.io events between the controller and its consoles. Every command
 * carries one payload object and an ack; the server checks the payload with
 * `commandSchemas` (a hostile or stale console gets a reason, never a crash).
 * Payloads are plain JSON so they survive any transport.
 */
import { z } from 'zod';
import type { UpcomingBrandSlot } from './brand-slot-view';
import { IdSchema, MsSchema, U8Schema, ZoneIdSchema } from './show/common';
import { CueSchema } from './show/cue';
import { formatIssues, type ShowError } from './show/format-issues';
import { LookSchema, type Look } from './show/look';
import type { LiveInputsStatus } from './live-inputs';

const Empty = z.strictObject({});
const Zones = z.array(ZoneIdSchema).min(1).max(64);

export const commandSchemas = {
  /** GO the next cue (of `cueList`, default the show's first list). */
  go: z.strictObject({ cueList: IdSchema.optional() }),
  back: z.strictObject({ cueList: IdSchema.optional() }),
  /** PAUSE, RESUME, STOP one playback (`cueList`), or every playback when absent. */
  pause: z.strictObject({ cueList: IdSchema.optional() }),
  resume: z.strictObject({ cueList: IdSchema.optional() }),
  stop: z.strictObject({ cueList: IdSchema.optional() }),
  goto: z.strictObject({ cue: IdSchema, cueList: IdSchema.optional() }),
  /** A playback's fader: scales the intensity of what it contributes, 0..255. */
  level: z.strictObject({ cueList: IdSchema, level: U8Schema }),
  /** Stop one running parade (by its run id from `LiveState.parades`). */
  stopParade: z.strictObject({ run: IdSchema }),
  blackout: z.strictObject({ on: z.boolean() }),
  /** Master level 0..255, as bands scale by it (spec 2.4). */
  master: z.strictObject({ level: U8Schema }),
  /** A live override: these zones show `look` until released. */
  busk: z.strictObject({ zones: Zones, look: LookSchema }),
  /** Release busked zones; no `zones` = release every override. */
  release: z.strictObject({ zones: Zones.optional() }),
  /** Make a stored show the live one (stops what plays). */
  load: z.strictObject({ show: IdSchema }),
  /** Start receiving live state; `packets` adds the on-air packet stream (crowd view). */
  subscribe: z.strictObject({ show: IdSchema.optional(), packets: z.boolean().default(false) }),
  unsubscribe: Empty,
  /** Add or replace one cue of a stored show; `revision` is the show revision the edit is based on. */
  editCue: z.strictObject({ show: IdSchema, revision: z.number().int().min(0), cueList: IdSchema, cue: CueSchema }),
  /** Rehearse a parade in this console's crowd view only, from `fromMs` into the parade. */
  preview: z.strictObject({ show: IdSchema, parade: IdSchema, fromMs: MsSchema.default(0) }),
  stopPreview: Empty,
};

export type CommandName = keyof typeof commandSchemas;
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[];
/** What a console sends (colours may be #rrggbb, defaults optional). */
export type CommandInput<K extends CommandName> = z.input<(typeof commandSchemas)[K]>;
/** What the server works with after `parseCommand`. */
export type CommandPayload<K extends CommandName> = z.output<(typeof commandSchemas)[K]>;

/** The permission (controller's role grants) each command needs. */
export const COMMAND_PERMISSION: Readonly<Record<CommandName, 'live:control' | 'live:view' | 'shows:write'>> = {
  go: 'live:control',
  back: 'live:control',
  pause: 'live:control',
  resume: 'live:control',
  stop: 'live:control',
  goto: 'live:control',
  level: 'live:control',
  stopParade: 'live:control',
  blackout: 'live:control',
  master: 'live:control',
  busk: 'live:control',
  release: 'live:control',
  load: 'live:control',
  subscribe: 'live:view',
  unsubscribe: 'live:view',
  editCue: 'shows:write',
  preview: 'live:view',
  stopPreview: 'live:view',
};

export type CommandAck =
  | { ok: true; /** New show revision, after an edit. */ revision?: number }
  | { ok: false; error: string; /** Each bad field, for payload errors. */ errors?: ShowError[]; /** The edit was based on an old revision. */ conflict?: boolean };
export type AckCallback = (res: CommandAck) => void;

export type ClientToServerEvents = {
  [K in CommandName]: (payload: CommandInput<K>, ack: AckCallback) => void;
};

/** Checks a command payload from the wire; `error` names every bad field. */
export function parseCommand<K extends CommandName>(
  name: K,
  payload: unknown,
): { ok: true; value: CommandPayload<K> } | { ok: false; error: string; errors: ShowError[] } {
  if (!Object.prototype.hasOwnProperty.call(commandSchemas, name)) {
    return { ok: false, error: `unknown command ${JSON.stringify(name)}`, errors: [] };
  }
  const r = (commandSchemas[name] as z.ZodType).safeParse(payload, { reportInput: true });
  if (r.success) return { ok: true, value: r.data as CommandPayload<K> };
  const errors = formatIssues(r.error.issues);
  return { ok: false, error: `bad ${name}: ${errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')}`, errors };
}

// ---- server to client ----

/** A cue as the console names it: which list, which cue. */
export interface CueRef {
  cueList: string;
  id: string;
  number: number;
  label: string;
}

/**
 * Where a zone's look comes from, in the zone mixer's precedence order, highest
 * first: blackout, the safety clamp, busks, brand slots, desk input, playbacks
 * (by priority, then latest GO), and a playback's parades within it.
 * `cue` and `parade` name a playback's own contribution.
 */
export type LookSource = 'blackout' | 'safety' | 'busk' | 'brand' | 'desk' | 'cue' | 'parade';

export interface ZoneState {
  zone: number;
  look: Look | null;
  source: LookSource | null;
  /** Why the zone shows this, in the show's words: "brand slot 'Acme' over playback 'Songs' cue 12". */
  why?: string;
}

/** One cue list running as a playback, like an executor on a desk. */
export interface PlaybackState {
  /** The playback is its cue list: this is the list's id. */
  cueList: string;
  name: string;
  running: boolean;
  paused: boolean;
  /** This playback's own time, ms (runs from its first GO, freezes on PAUSE). */
  positionMs: number;
  current: CueRef | null;
  next: CueRef | null;
  /** 0..1 through the current cue's delay + fade; 1 when complete. */
  cueProgress: number;
  /** ms until the next cue GOes by itself (its follow), counted from `LiveState.serverTime`; null = waits for GO. */
  followInMs: number | null;
  /** Fader, 0..255: scales the intensity this playback contributes. */
  level: number;
  /** Higher wins over lower where two playbacks reach the same zone; equal priority: latest GO wins. */
  priority: number;
}

/** A parade playing now, owned by the playback (and cue) that started it. */
export interface RunningParade {
  /** Unique per run: `stopParade { run }` stops this one. */
  run: string;
  /** The parade's id in the show. */
  id: string;
  name: string;
  /** The playback that started it; null for one on the show timeline or a brand slot. */
  cueList: string | null;
  cue: string | null;
  startedAtMs: number;
  zones: number[];
}

export interface LiveState {
  /** The live show, or null when none is loaded. */
  show: string | null;
  /** Show time, ms. */
  positionMs: number;
  /** Server wall clock (epoch ms) when `positionMs` was read, so a console can extrapolate. */
  serverTime: number;
  running: boolean;
  paused: boolean;
  /** The first playback's current and next cue (consoles that know one list). */
  current: CueRef | null;
  next: CueRef | null;
  /** 0..1 through the current cue's delay + fade; 1 when complete. */
  cueProgress: number;
  zones: ZoneState[];
  /** 0..255 */
  master: number;
  blackout: boolean;
  /** Parades playing now. */
  parades: RunningParade[];
  /** Every cue list of the live show as a playback, in show order. */
  playbacks: PlaybackState[];
  /** A GO on the same playback within this many ms of the last is ignored (a double-click is one GO). */
  goLockoutMs: number;
  /** Approved brand slots still ahead or playing, with whether each will play (absent: no brand playback). */
  brandSlots?: UpcomingBrandSlot[];
  /** Show-control inputs of the live show (lighting desk...), when it has any. */
  inputs?: LiveInputsStatus;
  /** Hot standby: absent when this controller runs alone. */
  standby?: StandbyStatus;
}

/** A primary/backup pair as one of its controllers sees it (controller README, hot standby). */
export interface StandbyStatus {
  /** `active`: this controller drives the transmitters; `backup`: it follows the active one, warm, and drives nothing. */
  role: 'active' | 'backup';
  /** The fencing epoch it holds the transmitters with (on a backup: the active controller's). */
  epoch: number;
  /** The other controller's console, where a console goes when this one is lost (on a backup: the active one). */
  peerUrl: string | null;
  /** On a backup: how closely it follows the active controller. */
  following?: {
    /** Every live-state record the active controller announced has arrived. */
    inStep: boolean;
    /** How long it has been behind (0 in step), ms. */
    behindMs: number;
    /** Since the active controller's last heartbeat, ms; null = none yet. */
    lastBeatMsAgo: number | null;
    /** The followed live show, loaded and checked here, ready to go on air. */
    show: string | null;
  };
  /** Its backup; null when none has followed yet. */
  backup: {
    connected: boolean;
    /** Live-state records written that the backup has not acknowledged, and for how long the oldest. */
    behindRecords: number;
    behindMs: number;
    /** Since the backup was last heard (its last acknowledgement), ms; null = never. */
    lastHeardMsAgo: number | null;
  } | null;
}

/** What a device told us about itself (CCL INFO), or a driver's equivalent. */
export interface TransmitterCapabilities {
  name: string;
  rfMax: number;
  queueCap: number;
  /** RF bits per second. */
  bitrate: number;
  /** Bytes added on air per packet (preamble, sync, length, radio CRC). */
  overhead: number;
  /** Whether the device can start a packet at an exact device time (CCL timed SEND). */
  timedSend: boolean;
}

/** A transmitter's health as the console sees it (the controller's TransmitterHealth narrows `nacks` to NACK names). */
export interface TransmitterHealthInfo {
  id: string;
  url: string;
  state: 'connecting' | 'up' | 'down';
  capabilities?: TransmitterCapabilities;
  /** device clock minus host clock, microseconds; undefined until synced. */
  clockOffsetUs?: number;
  /** half the best round trip, microseconds. */
  clockUncertaintyUs?: number;
  queueDepth: number;
  /** Share of the last second the channel was busy, 0..100. */
  airtimePct: number;
  packetsSent: number;
  nacks: Partial<Record<string, number>>;
  lateSends: number;
  badFrames: number;
  lastError?: string;
  /** Packets dropped unsent because they could no longer be useful (expiresAtMs passed, device down). */
  dropped?: number;
  /** Times the link came back after being lost. */
  reconnects?: number;
  /** Text lines or counters the device reported as trouble (e.g. XyloSender's `Packet send failed!`), by message. */
  deviceErrors?: Record<string, number>;
}

export interface AirtimeReport {
  /** Window the figures cover, ms. */
  windowMs: number;
  transmitters: { id: string; busyMs: number; pct: number; queued: number }[];
  /** Cues that could not be on air by their time, and by how much. */
  late: { cue: string; byMs: number }[];
}

export interface LatenessReport {
  /** Deadlines measured. */
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Deadlines that fired early (should stay 0). */
  early: number;
}

/** A packet as it went on air, for the crowd view (times in show ms). */
export interface OnAirPacketInfo {
  /** The RF bytes, lower-case hex (JSON-safe) or raw bytes (socket.io binary). */
  rf: string | Uint8Array;
  startMs: number;
  endMs: number;
  transmitterId: string;
  format?: 'ccb' | 'xyloband' | 'pixmob-ir';
}

export interface ServerToClientEvents {
  state: (state: LiveState) => void;
  health: (transmitters: TransmitterHealthInfo[]) => void;
  airtime: (report: AirtimeReport) => void;
  lateness: (report: LatenessReport) => void;
  packets: (batch: OnAirPacketInfo[]) => void;
  /** `message` in the show's words; `detail` the technical path behind it (shown on demand). */
  warning: (w: { message: string; detail?: string; code?: string; atMs?: number }) => void;
  /** A stored show changed (another console saved it). */
  showChanged: (change: { show: string; revision: number; by?: string }) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  user?: { id: string; name: string; role: 'admin' | 'operator' | 'designer' | 'brand' };
  /** Show whose state this socket receives. */
  show?: string;
  packets?: boolean;
}
