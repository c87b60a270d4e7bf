/**
 * CCL: host <-> transmitter link (protocol spec section 1).
 * Byte strings are Uint8Array (never Buffer) so the package runs in the browser.
 */
export const CCL_VERSION = 1;
export const CCL_MAX_DECODED = 255;
export const CCL_MAX_PAYLOAD = 250;

export const CclType = {
  HELLO: 0x01,
  SEND: 0x02,
  TIME: 0x03,
  FLUSH: 0x04,
  PING: 0x05,
  INFO: 0x81,
  ACK: 0x82,
  NACK: 0x83,
  CLOCK: 0x84,
  STATUS: 0x85,
  PONG: 0x86,
} as const;
export type CclTypeName = keyof typeof CclType;

export const NackReason = {
  QUEUE_FULL: 1,
  TOO_LATE: 2,
  TOO_LONG: 3,
  BAD_FRAME: 4,
  BUSY: 5,
  /** Fencing extension (PROTOCOL.md 1.8): a newer controller holds this device. */
  FENCED: 6,
} as const;
export type NackReasonName = keyof typeof NackReason;

export type CclHostMessage =
  /**
   * HELLO; with the fencing extension (PROTOCOL.md 1.8) it carries the
   * controller's id and its epoch (both u32, both present or both absent).
   */
  | { type: 'HELLO'; controllerId?: number; epoch?: number }
  | {
      type: 'SEND';
      timed: boolean;
      priority: boolean;
      repeat: number;
      gapMs: number;
      /** Present iff timed. Device clock, microseconds, u32 wrapping. */
      atUs?: number;
      rf: Uint8Array;
    }
  | { type: 'TIME' }
  | { type: 'FLUSH' }
  | { type: 'PING'; data: Uint8Array };

export type CclDeviceMessage =
  | { type: 'INFO'; proto: number; rfMax: number; queueCap: number; bitrate: number; overhead: number; name: string }
  | { type: 'ACK'; queued: number }
  /** `reason` is the name when known; unknown codes keep their number. */
  | { type: 'NACK'; reason: NackReasonName | number }
  | { type: 'CLOCK'; nowUs: number }
  | { type: 'STATUS'; queued: number; sent: number; late: number; dropped: number }
  | { type: 'PONG'; data: Uint8Array };

export type CclMessage = CclHostMessage | CclDeviceMessage;

/** A decoded frame at the link layer, before its payload is interpreted. */
export interface CclRawFrame {
  version: number;
  type: number;
  seq: number;
  payload: Uint8Array;
}

/** A frame whose payload was understood. */
export interface CclFrame<M extends CclMessage = CclMessage> {
  seq: number;
  message: M;
}
