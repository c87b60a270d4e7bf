/**
 * A brand request that cannot be carried out, with the HTTP status it maps to
 * and, where one field is at fault, its path (the server's JSON error shape).
 */
export type BrandErrorCode =
  | 'NOT_AN_IMAGE'
  | 'UNSUPPORTED_FORMAT'
  | 'TOO_LARGE'
  | 'EMPTY_IMAGE'
  | 'UNSAFE_SVG'
  | 'NO_SEATS'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID'
  | 'NOT_APPROVED'
  | 'PRELOAD_TOO_LATE';

const STATUS: Record<BrandErrorCode, number> = {
  NOT_AN_IMAGE: 415,
  UNSUPPORTED_FORMAT: 415,
  TOO_LARGE: 413,
  EMPTY_IMAGE: 400,
  UNSAFE_SVG: 400,
  NO_SEATS: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 400,
  NOT_APPROVED: 409,
  PRELOAD_TOO_LATE: 409,
};

export class BrandError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: BrandErrorCode,
    message: string,
    readonly field?: string,
    /** Extra figures for the client (e.g. a preload shortfall). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.statusCode = STATUS[code];
  }
}
