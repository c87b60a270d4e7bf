/** One universe of DMX from one source, as either protocol delivers it. */
export interface DmxFrame {
  /** sACN universe (1..63999) or Art-Net port-address (0..32767). */
  universe: number;
  /** Who sent it: the sACN CID, or the Art-Net sender's address (Art-Net has no id). */
  sourceKey: string;
  /** The sACN source name, or the Art-Net sender's address. */
  sourceName: string;
  sourceAddress: string;
  /** sACN priority 0..200; null for Art-Net (no priority: equal sources merge HTP). */
  priority: number | null;
  /** 0..255; null when the sender does not number its packets (Art-Net sequence 0). */
  sequence: number | null;
  /** sACN Stream_Terminated: the source says goodbye; its slots are not used. */
  terminated: boolean;
  /** Slot values from slot 1; at most 512, possibly fewer. */
  slots: Uint8Array;
}

/** What a parser answers: a frame, a cause to count, or a packet that is fine but not DMX for us (ignored). */
export type ParsedDmx =
  | { kind: 'frame'; frame: DmxFrame }
  | { kind: 'malformed'; cause: 'too-short' | 'not-sacn' | 'not-artnet' | 'bad-length' | 'bad-field'; detail: string }
  | { kind: 'ignored'; why: string };
