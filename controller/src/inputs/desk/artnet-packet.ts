/**
 * Art-Net ArtDmx packets. Hand-written: the npm Art-Net packages are senders,
 * or whole nodes that answer polls and own the socket; receiving ArtDmx is a
 * fixed 18-byte header, and parsing it here lets every refusal be counted by
 * cause.
 */
import { OP_DMX, readArtnetHeader, writeArtnetHeader } from '../artnet/artnet-header';
import type { ParsedDmx } from './dmx-frame';

const HEADER = 18;
/** Oldest protocol revision whose ArtDmx layout this reads (Art-Net 1.4 on). */
const PROT_VER_MIN = 14;

export function parseArtnet(buf: Buffer, from: string): ParsedDmx {
  const header = readArtnetHeader(buf);
  if (!header.ok) return { kind: 'malformed', cause: header.cause, detail: header.detail };
  if (header.opcode !== OP_DMX) return { kind: 'ignored', why: `opcode 0x${header.opcode.toString(16)}` };
  if (buf.length < HEADER) return { kind: 'malformed', cause: 'too-short', detail: `ArtDmx of ${buf.length} bytes, the header is ${HEADER}` };
  const ver = buf.readUInt16BE(10);
  if (ver < PROT_VER_MIN) return { kind: 'malformed', cause: 'bad-field', detail: `protocol version ${ver} (at least ${PROT_VER_MIN})` };
  const length = buf.readUInt16BE(16);
  if (length < 2 || length > 512 || buf.length < HEADER + length) {
    return { kind: 'malformed', cause: 'bad-length', detail: `length ${length} in a packet of ${buf.length} bytes (2..512)` };
  }
  const net = buf[15];
  if (net > 0x7f) return { kind: 'malformed', cause: 'bad-field', detail: `net ${net} (0..127)` };
  const seq = buf[12];
  return {
    kind: 'frame',
    frame: {
      universe: (net << 8) | buf[14],
      sourceKey: from,
      sourceName: from,
      sourceAddress: from,
      priority: null,
      sequence: seq === 0 ? null : seq,
      terminated: false,
      slots: new Uint8Array(buf.buffer, buf.byteOffset + HEADER, length),
    },
  };
}

/** An ArtDmx packet (tests, benchmarks). */
export function artDmx(universe: number, slots: ArrayLike<number>, sequence = 0): Buffer {
  const length = slots.length + (slots.length % 2);
  const buf = Buffer.alloc(HEADER + length);
  writeArtnetHeader(buf, OP_DMX);
  buf[12] = sequence;
  buf[14] = universe & 0xff;
  buf[15] = (universe >> 8) & 0x7f;
  buf.writeUInt16BE(length, 16);
  for (let i = 0; i < slots.length; i++) buf[HEADER + i] = slots[i];
  return buf;
}
