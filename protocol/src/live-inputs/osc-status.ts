/** The OSC input as the live console shows it. */
export interface OscInputStatus {
  /** Listening, off (disabled in the show), or failed to open its port (`error` says why). */
  state: 'listening' | 'off' | 'error';
  /** The UDP port (0 when off). */
  port: number;
  /** Where the port setting came from: the show's `inputs.osc`, or `--osc PORT` on the command line. */
  source: 'show' | 'command line';
  /** Clients that get state feedback now. */
  subscribers: number;
  /** Messages taken in over the last second (from allowed sources, well formed). */
  messagesPerSecond: number;
  /** Totals since the port opened. */
  messages: number;
  /** Packets from addresses not on the allow-list. */
  dropped: number;
  /** Packets that are not OSC, or messages with an unknown address or bad arguments. */
  malformed: number;
  /** Packets over the flood limit of one source, and commands refused by the live command rate. */
  rateLimited: number;
  /** The last few refusals, newest last (`from`, what, why), for the console. */
  recent: Array<{ from: string; what: string; why: string }>;
  error?: string;
}
