/**
 * What the simulate page server tells the page: one message per transmission
 * that went on air, so the page's own crowd hears exactly what the venue's did.
 * Shared by the Node server and the browser page; browser-safe.
 */
import { parseHex, toHex } from '@crowdcue/protocol';

/** A transmission as the virtual transmitter reports it. */
export interface AirPacket {
  /** The CCB packet as sent (bytes or hex). */
  rf: Uint8Array | string;
  /** Show-clock ms the transmission ended: when bands act on it. */
  endMs: number;
  /** Per band, 1 = it got the packet (RF model); absent = every band did. */
  reached?: Uint8Array;
}

/** On the socket: hex rf, and `reached` packed 8 bands per byte (null = all). */
export interface AirMessage {
  rf: string;
  endMs: number;
  reached: Uint8Array | null;
}

export interface DecodedAir {
  rf: Uint8Array;
  endMs: number;
  /** Unpacked to one byte per band, or undefined = every band. */
  reached?: Uint8Array;
}

/** Packs one-byte-per-band flags into bits (LSB first); null when every band is set. */
export function packReached(reached: Uint8Array | undefined): Uint8Array | null {
  if (!reached) return null;
  let all = true;
  const bits = new Uint8Array(Math.ceil(reached.length / 8));
  for (let i = 0; i < reached.length; i++) {
    if (reached[i]) bits[i >> 3] |= 1 << (i & 7);
    else all = false;
  }
  return all ? null : bits;
}

export function unpackReached(bits: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = (bits[i >> 3] >> (i & 7)) & 1;
  return out;
}

export function toAirMessage(tx: AirPacket): AirMessage {
  const rf = typeof tx.rf === 'string' ? tx.rf.toLowerCase() : toHex(tx.rf);
  return { rf, endMs: tx.endMs, reached: packReached(tx.reached) };
}

/**
 * Checks a message from the socket and unpacks it for a crowd of `count`
 * bands. Never throws: a bad message comes back as an error naming the field.
 */
export function readAirMessage(msg: unknown, count: number): { ok: true; value: DecodedAir } | { ok: false; error: string } {
  if (typeof msg !== 'object' || msg === null) return { ok: false, error: 'air message is not an object' };
  const m = msg as Record<string, unknown>;
  if (typeof m.rf !== 'string') return { ok: false, error: 'air message: rf must be a hex string' };
  const rf = parseHex(m.rf);
  if (!rf.ok) return { ok: false, error: `air message: rf: ${rf.error.message}` };
  if (typeof m.endMs !== 'number' || !Number.isFinite(m.endMs)) return { ok: false, error: 'air message: endMs must be a finite number' };
  let reached: Uint8Array | undefined;
  if (m.reached !== null && m.reached !== undefined) {
    const raw = m.reached instanceof ArrayBuffer ? new Uint8Array(m.reached) : m.reached instanceof Uint8Array ? m.reached : null;
    if (!raw) return { ok: false, error: 'air message: reached must be bytes or null' };
    if (raw.length !== Math.ceil(count / 8)) {
      return { ok: false, error: `air message: reached has ${raw.length} bytes, a crowd of ${count} needs ${Math.ceil(count / 8)}` };
    }
    reached = unpackReached(raw, count);
  }
  return { ok: true, value: { rf: rf.value, endMs: m.endMs, reached } };
}
