/**
 * E1.31 (sACN) data packets. The `sacn` library's Packet checks the ACN
 * identifiers, vectors and DMP fields; it reads past the end of a short buffer
 * and takes any payload length, so the lengths are checked here first, and
 * preview data, non-zero start codes (per-address priority) and out-of-range
 * fields are sorted out after it.
 */
import { AssertionError } from 'node:assert';
import { Packet } from 'sacn';
import type { ParsedDmx } from './dmx-frame';

/** Offset of the first slot (after the start code). */
const DATA_AT = 126;
/** Root vector of E1.31 extended packets (synchronization, universe discovery): valid, not data. */
const VECTOR_ROOT_E131_EXTENDED = 0x08;
const OPTION_PREVIEW = 0x80;
const OPTION_TERMINATED = 0x40;
export const SACN_PORT = 5568;
export const SACN_PRIORITY_MAX = 200;

export function parseSacn(buf: Buffer, from: string): ParsedDmx {
  if (buf.length < 22) return { kind: 'malformed', cause: 'too-short', detail: `${buf.length} bytes` };
  if (buf.readUInt32BE(18) === VECTOR_ROOT_E131_EXTENDED) return { kind: 'ignored', why: 'E1.31 extended packet' };
  if (buf.length < DATA_AT) return { kind: 'malformed', cause: 'too-short', detail: `${buf.length} bytes, a data packet has at least ${DATA_AT}` };
  let p: Packet;
  try {
    p = new Packet(buf, from);
  } catch (err) {
    if (err instanceof AssertionError) return { kind: 'malformed', cause: 'not-sacn', detail: err.message.split('\n')[0] };
    return { kind: 'malformed', cause: 'not-sacn', detail: err instanceof Error ? err.message : String(err) };
  }
  const count = p.propertyValueCount;
  if (count < 1 || count > 513 || buf.length < DATA_AT - 1 + count) {
    return { kind: 'malformed', cause: 'bad-length', detail: `property value count ${count} in a packet of ${buf.length} bytes` };
  }
  if (p.priority > SACN_PRIORITY_MAX) return { kind: 'malformed', cause: 'bad-field', detail: `priority ${p.priority} (0..${SACN_PRIORITY_MAX})` };
  if (p.universe < 1 || p.universe > 63_999) return { kind: 'malformed', cause: 'bad-field', detail: `universe ${p.universe} (1..63999)` };
  if (p.options & OPTION_PREVIEW && !(p.options & OPTION_TERMINATED)) return { kind: 'ignored', why: 'preview data' };
  return {
    kind: 'frame',
    frame: {
      universe: p.universe,
      sourceKey: p.cid.toString('hex'),
      sourceName: p.sourceName,
      sourceAddress: from,
      priority: p.priority,
      sequence: p.sequence,
      terminated: (p.options & OPTION_TERMINATED) !== 0,
      slots: new Uint8Array(buf.buffer, buf.byteOffset + DATA_AT, count - 1),
    },
  };
}

/** The multicast group of a universe: 239.255.hi.lo. */
export function sacnGroup(universe: number): string {
  return `239.255.${(universe >> 8) & 0xff}.${universe & 0xff}`;
}
