/**
 * What a CCL device may claim about its radio in INFO (spec 1.4). The wire
 * formats allow anything in a u8 or u32, but the planner plans every packet's
 * airtime from these figures: a device claiming 1 bit/s makes each COLOR take
 * minutes on air, and the show reports cues hours late instead of refusing the
 * device. Anything outside what real radios do is refused at the handshake,
 * naming the field and the range.
 *
 * Ranges, from the spec and real radios:
 * - bitrate: sub-GHz FSK transceivers (CC1101, SX127x in FSK, Si446x) run from
 *   1.2 kbit/s; 2.4 GHz ones (nRF24L01+) reach 2 Mbit/s.
 * - rf_max: a CCB COLOR to every band is 9 bytes (spec 1.7), the smallest packet
 *   a show needs; at most 255 (u8).
 * - queue_cap: at least 1 (a device that holds no SEND cannot take one); u8.
 * - overhead: preamble, sync word, length byte and radio CRC; a CC1101 at its
 *   longest (24 + 4 + 1 + 2 bytes) stays under 64.
 */
import type { CclDeviceMessage } from '@crowdcue/protocol';

type Info = Extract<CclDeviceMessage, { type: 'INFO' }>;

export interface InfoLimit {
  /** The field as the spec names it. */
  field: 'bitrate' | 'rf_max' | 'queue_cap' | 'overhead';
  key: 'bitrate' | 'rfMax' | 'queueCap' | 'overhead';
  min: number;
  max: number;
  unit: string;
}

export const CCL_INFO_LIMITS: readonly InfoLimit[] = [
  { field: 'bitrate', key: 'bitrate', min: 1_200, max: 2_000_000, unit: 'bit/s' },
  { field: 'rf_max', key: 'rfMax', min: 9, max: 255, unit: 'bytes' },
  { field: 'queue_cap', key: 'queueCap', min: 1, max: 255, unit: 'SENDs' },
  { field: 'overhead', key: 'overhead', min: 0, max: 63, unit: 'bytes' },
];

const fmt = (n: number) => n.toLocaleString('en-US');

/** Every INFO field outside its range, as "field N unit (accepted MIN..MAX unit)". Empty when all is well. */
export function infoProblems(info: Info): string[] {
  const problems: string[] = [];
  for (const l of CCL_INFO_LIMITS) {
    const v = info[l.key];
    if (!(v >= l.min && v <= l.max)) problems.push(`${l.field} ${fmt(v)} ${l.unit} (accepted ${fmt(l.min)}..${fmt(l.max)} ${l.unit})`);
  }
  return problems;
}
