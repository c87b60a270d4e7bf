/**
 * Decoding untrusted bytes never throws: it answers with a value or an error
 * that names what is wrong, so a garbled capture or radio packet is reported,
 * not crashed on.
 */
export interface DecodeError {
  /** Stable machine-readable code, e.g. `TOO_SHORT`, `BAD_CRC`, `BAD_FIELD`. */
  code: string;
  /** Human sentence naming the problem and the field. */
  message: string;
  /** The field at fault, when there is one (e.g. `period_ms`). */
  field?: string;
  /** Byte offset at fault, when known. */
  offset?: number;
}

export type DecodeResult<T, E extends DecodeError = DecodeError> =
  | { ok: true; value: T }
  | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E extends DecodeError>(error: E): { ok: false; error: E } => ({ ok: false, error });
