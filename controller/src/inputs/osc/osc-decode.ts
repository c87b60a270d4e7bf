/**
 * OSC packets off the wire (osc-min's decoder): a message, or a bundle
 * flattened into its messages. Anything that is not OSC answers a reason,
 * never a throw. Bundle time tags are not honoured: a show-caller's command
 * is carried out when it arrives.
 */
import { fromBuffer, type OscPacketOutput } from 'osc-min';
import type { OscArg } from './osc-args';

/** More messages than this in one packet are not taken (one packet must not stall the show). */
export const MAX_MESSAGES_PER_PACKET = 32;

export interface OscMessageIn {
  address: string;
  args: OscArg[];
}

export type DecodedPacket = { ok: true; messages: OscMessageIn[]; skipped: number } | { ok: false; error: string };

export function decodeOscPacket(bytes: Uint8Array): DecodedPacket {
  let packet: OscPacketOutput;
  try {
    packet = fromBuffer(bytes);
  } catch (err) {
    return { ok: false, error: `not an OSC packet: ${err instanceof Error ? err.message : String(err)}` };
  }
  const messages: OscMessageIn[] = [];
  let skipped = 0;
  const walk = (p: OscPacketOutput): void => {
    if (p.oscType === 'message') {
      if (messages.length < MAX_MESSAGES_PER_PACKET) messages.push({ address: p.address, args: p.args });
      else skipped++;
    } else for (const e of p.elements) walk(e);
  };
  walk(packet);
  return { ok: true, messages, skipped };
}

/** An argument as plain JSON (`crowdcue monitor osc`): blobs as hex, 64-bit integers as text. */
export function argAsJson(a: OscArg): { type: string; value: unknown } {
  switch (a.type) {
    case 'blob':
      return { type: a.type, value: Buffer.from(a.value.buffer, a.value.byteOffset, a.value.byteLength).toString('hex') };
    case 'bigint':
      return { type: a.type, value: a.value.toString() };
    case 'array':
      return { type: a.type, value: a.value.map(argAsJson) };
    default:
      return { type: a.type, value: a.value };
  }
}
