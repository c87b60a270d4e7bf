/**
 * What the server needs from the live show: state streams to fan out to every
 * console, and one entry point for operator commands. The implementation wires
 * the cue engine, planner and transmitters together; the realtime plugin only
 * speaks to this interface, so it is tested without any hardware.
 */
import type {
  AirtimeReport,
  CommandAck,
  CommandName,
  CommandPayload,
  LatenessReport,
  LiveState,
  OnAirPacketInfo,
  TransmitterHealthInfo,
} from '@crowdcue/protocol';
import type { Observable } from 'rxjs';
import type { PublicAccount } from '../accounts/account-store';

export interface LiveWarning {
  /** In the show's words (warning-words). */
  message: string;
  /** The technical path behind it, for the console's details. */
  detail?: string;
  code?: string;
  atMs?: number;
}

/** Commands that act on the live show; subscribe/unsubscribe are handled by the socket layer. */
export type LiveCommandName = Exclude<CommandName, 'subscribe' | 'unsubscribe'>;

export interface LiveRuntime {
  readonly state$: Observable<LiveState>;
  readonly health$: Observable<TransmitterHealthInfo[]>;
  readonly airtime$: Observable<AirtimeReport>;
  readonly lateness$: Observable<LatenessReport>;
  /** Every packet as it goes on air, in show ms. */
  readonly packets$: Observable<OnAirPacketInfo>;
  readonly warnings$: Observable<LiveWarning>;
  /** The latest state, for a console that just connected. */
  snapshot(): LiveState;
  /**
   * Carries out a checked command. `preview` packets (a designer rehearsing a
   * parade) go only to `toSocket`, never on air.
   */
  command<K extends LiveCommandName>(
    name: K,
    payload: CommandPayload<K>,
    by: PublicAccount,
    ctx: { socketId: string; toSocket: (packets: OnAirPacketInfo[]) => void },
  ): Promise<CommandAck>;
  /**
   * A console subscribing to packets mid-show gets these first: the last
   * SYNC, the last MASTER and the on-air packets behind every zone's current
   * look, in show ms, so its crowd view is right at once.
   */
  catchUp?(): OnAirPacketInfo[];
  /** Warnings that stay true until restart (a file recovered from its backup), for a console that joins. */
  standingWarnings?(): LiveWarning[];
  /** A console went away: stop anything it alone was watching (previews). */
  release?(socketId: string): void;
}
