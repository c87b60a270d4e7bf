/** What the console shows about the lighting-desk input (one line on the Live page). */

/** Why a desk packet was refused, counted per cause. */
export type DeskMalformedCause =
  | 'too-short'
  | 'not-sacn'
  | 'not-artnet'
  | 'bad-length'
  | 'bad-field'
  | 'out-of-sequence'
  | 'rate-limited';

export interface DeskInputStatus {
  protocol: 'sacn' | 'artnet';
  universe: number;
  address: number;
  zones: number;
  /** Where it listens, e.g. `0.0.0.0:5568, multicast 239.255.0.1`. */
  listening: string;
  /**
   * waiting: nothing received yet; receiving: a source is live; holding: the
   * signal is lost and the last look holds; released: lost past the hold time,
   * the sources below show.
   */
  state: 'waiting' | 'receiving' | 'holding' | 'released';
  /** The source that wins (highest priority), or the last one seen. */
  source: { name: string; address: string; priority: number | null } | null;
  /** Live sources on the universe. */
  sources: number;
  /** Frames per second taken from the desk (all sources). */
  framesPerSec: number;
  /** Refused packets by cause since the input started. */
  malformed: Partial<Record<DeskMalformedCause, number>>;
  /** Set when the socket could not be opened. */
  error?: string;
}
