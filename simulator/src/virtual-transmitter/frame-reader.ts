/**
 * The device's view of CCL framing (spec 1.2), over protocol's
 * CclStreamDecoder, sorted into the three cases firmware treats differently:
 * - a host message to act on;
 * - a frame that passed COBS, length and CRC but cannot be acted on (unknown
 *   version or type, malformed payload, a device-only type): answered NACK
 *   BAD_FRAME with its seq;
 * - bytes that are not a frame (bad COBS, bad CRC, bad length): dropped and
 *   counted, never answered, since their seq cannot be trusted.
 * Never throws, whatever arrives.
 */
import { CclStreamDecoder, isHostMessage, type CclHostMessage, type DecodeError } from '@crowdcue/protocol';

export type ReadItem =
  | { kind: 'message'; seq: number; message: CclHostMessage }
  | { kind: 'bad-frame'; seq: number; error: DecodeError }
  | { kind: 'dropped'; error: DecodeError };

export class DeviceFrameReader {
  private readonly decoder = new CclStreamDecoder({ parse: { from: 'host' } });

  push(chunk: Uint8Array): ReadItem[] {
    return this.decoder.push(chunk).map((item): ReadItem => {
      if (item.kind === 'dropped') {
        return item.raw ? { kind: 'bad-frame', seq: item.raw.seq, error: item.error } : { kind: 'dropped', error: item.error };
      }
      const { seq, message } = item.frame;
      if (!isHostMessage(message)) {
        // parse { from: 'host' } already refuses these; kept so a device can never act on one.
        return { kind: 'bad-frame', seq, error: { code: 'UNKNOWN_TYPE', field: 'type', message: `${message.type} is not a host message` } };
      }
      return { kind: 'message', seq, message };
    });
  }

  /** Forgets a half-received frame (the stream was closed or replaced). */
  reset(): void {
    this.decoder.reset();
  }
}
