/**
 * The header every Art-Net packet starts with: the id "Art-Net\0", the
 * OpCode (little-endian) and, for the packets CrowdCue takes (ArtDmx,
 * ArtTimeCode), the protocol version (big-endian). One reader for the desk
 * input and the timecode source, so a packet's kind is decided in one place.
 */
export const OP_DMX = 0x5000;
export const OP_TIMECODE = 0x9700;
/** The protocol version CrowdCue writes (Art-Net 4 still says 14). */
export const ARTNET_PROT_VER = 14;
/** Id (8), OpCode (2), protocol version (2). */
export const ARTNET_HEADER_BYTES = 12;

const ID = [0x41, 0x72, 0x74, 0x2d, 0x4e, 0x65, 0x74, 0x00]; // "Art-Net\0"

export type ArtnetHeader = { ok: true; opcode: number } | { ok: false; cause: 'too-short' | 'not-artnet'; detail: string };

/** The OpCode of an Art-Net packet, or why the bytes are not one. Never throws. */
export function readArtnetHeader(bytes: Uint8Array): ArtnetHeader {
  if (bytes.length < 10) return { ok: false, cause: 'too-short', detail: `${bytes.length} bytes, an Art-Net header is at least 10` };
  for (let i = 0; i < ID.length; i++) {
    if (bytes[i] !== ID[i]) return { ok: false, cause: 'not-artnet', detail: 'no "Art-Net" id' };
  }
  return { ok: true, opcode: bytes[8] | (bytes[9] << 8) };
}

/** Writes id, OpCode and protocol version into the first 12 bytes of `out`. */
export function writeArtnetHeader(out: Uint8Array, opcode: number): void {
  out.set(ID, 0);
  out[8] = opcode & 0xff;
  out[9] = opcode >> 8;
  out[10] = ARTNET_PROT_VER >> 8;
  out[11] = ARTNET_PROT_VER & 0xff;
}
