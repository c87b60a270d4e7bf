/**
 * The flash limit a show plays under: 3 a second unless the show lowers it;
 * raising it needs the show's explicit override (the schema refuses it
 * otherwise), and the raise is announced so that it is logged.
 */
import { SAFE_FLASHES_PER_SECOND, type SafetySettings } from '../show/safety';

export interface FlashLimit {
  /** Flashes per second no output may exceed. */
  limit: number;
  /** Above the broadcast rule's 3/s (by the show's override). */
  raised: boolean;
  /** A line for the log when the show moves the limit; undefined at the default. */
  notice?: string;
}

export function flashLimit(safety: SafetySettings | undefined): FlashLimit {
  const limit = safety?.maxFlashesPerSecond ?? SAFE_FLASHES_PER_SECOND;
  if (limit > SAFE_FLASHES_PER_SECOND) {
    const o = safety?.override;
    return {
      limit,
      raised: true,
      notice: `safety: flash limit RAISED to ${limit}/s (above ${SAFE_FLASHES_PER_SECOND}/s) by override approved by ${o?.approvedBy ?? '?'}: ${o?.reason ?? '?'}`,
    };
  }
  if (limit < SAFE_FLASHES_PER_SECOND) return { limit, raised: false, notice: `safety: flash limit lowered to ${limit}/s` };
  return { limit, raised: false };
}

/** `8/s`, `3.5/s`: rates in messages. */
export function perSecond(rate: number): string {
  return `${Math.round(rate * 10) / 10}/s`;
}
