/**
 * The seam between the show engine/planner and the transmitter drivers.
 *
 * Time base: every time here is controller monotonic time in milliseconds, i.e.
 * the injected RxJS scheduler's `now()` (`performance.now()` in production,
 * virtual time under TestScheduler). Drivers map it to device time themselves.
 */
import type { Observable } from 'rxjs';
import type { NackReasonName, TransmitterCapabilities, TransmitterHealthInfo } from '@crowdcue/protocol';

/** Why a packet is on air; orders the queue and labels airtime reports. */
export type PacketPurpose = 'blackout' | 'master' | 'cue' | 'busk' | 'parade' | 'sync' | 'refresh' | 'image' | 'wake';

/** One logical CCB packet (one seq), planned for air. */
export interface PlannedPacket {
  /** CCB seq (1..255): the same on every transmitter and every repeat. */
  seq: number;
  /** The encoded CCB packet (at most rf_max bytes). */
  rf: Uint8Array;
  /** Zones its target meets ('ALL' for ALL or PIXELS targets): routes it to transmitters by coverage. */
  zones: number[] | 'ALL';
  /** Monotonic ms at which the first transmission should start; null = as soon as the channel is free. */
  atMs: number | null;
  /** Goes ahead of all non-priority work (blackout, master). */
  priority: boolean;
  /** Extra transmissions after the first (CCL SEND repeat). */
  repeat: number;
  /** ms between the end of one transmission and the start of the next. */
  gapMs: number;
  purpose: PacketPurpose;
  /**
   * Latest useful start (monotonic ms). A packet a driver cannot get on air by
   * then is dropped and reported instead of sent late; undefined = always useful.
   */
  expiresAtMs?: number;
}

export type TransmitterState = TransmitterHealthInfo['state'];

/** Capabilities and health are wire types (the console shows them), so protocol owns their shape. */
export type { TransmitterCapabilities };

export interface TransmitterHealth extends TransmitterHealthInfo {
  nacks: Partial<Record<NackReasonName | 'UNKNOWN', number>>;
}

/** A packet as it went on air: the console's crowd view decodes these. */
export interface OnAirPacket {
  transmitterId: string;
  rf: Uint8Array;
  /** Monotonic ms the transmission started (as scheduled or as reported). */
  startMs: number;
  /** Monotonic ms the transmission ended (when bands act on it). */
  endMs: number;
  /** What `rf` is: a CCB packet (default), a raw Xyloband packet or a PixMob IR code (its 6 or 9 bytes). */
  format?: 'ccb' | 'xyloband' | 'pixmob-ir';
  /** CCB seq of the logical packet, when it is one. */
  seq?: number;
}

/** Things worth telling the operator (and the planner) about a transmitter. */
export type TransmitterEvent =
  /** The link is up; `reconnect` = it had been lost: bands keep no state worth trusting, re-send the look. */
  | { type: 'up'; transmitterId: string; atMs: number; reconnect: boolean }
  | { type: 'down'; transmitterId: string; atMs: number; reason: string }
  /** A packet that never went on air (expired, refused, flushed). */
  | { type: 'dropped'; transmitterId: string; atMs: number; seq: number; purpose: PacketPurpose; reason: string }
  | { type: 'log'; transmitterId: string; atMs: number; level: 'info' | 'warn' | 'error'; message: string };

export interface Transmitter {
  readonly id: string;
  readonly url: string;
  /** Zones this transmitter covers; 'ALL' = the whole venue. */
  readonly coverage: number[] | 'ALL';
  readonly health$: Observable<TransmitterHealth>;
  readonly onAir$: Observable<OnAirPacket>;
  /** Current capabilities; undefined until the device answered HELLO. */
  capabilities(): TransmitterCapabilities | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Queue a packet; never throws for device trouble (that shows in health$). */
  send(packet: PlannedPacket): void;
  /**
   * Drop queued packets not yet on air (CCL FLUSH). With `obsolete`, only the
   * packets it picks are dropped; the rest stay queued (re-sent after the FLUSH).
   */
  flush(obsolete?: (packet: PlannedPacket) => boolean): void;
  /** Link, drop and log events; drivers of this package always provide it. */
  readonly events$?: Observable<TransmitterEvent>;
}
