/** The timecode source as the settings form edits it: a kind and its one text field, joined back into `ltc:FILE` etc. */
import { parseTimecodeSource } from '@crowdcue/protocol';

export type SourceKind = 'ltc' | 'alsa' | 'mtc' | 'artnet';
export const SOURCE_KINDS: readonly SourceKind[] = ['alsa', 'mtc', 'artnet', 'ltc'];

export const KIND_TEXT: Record<SourceKind, { name: string; field: string; placeholder: string }> = {
  alsa: { name: 'LTC on an audio input (ALSA)', field: 'Capture device', placeholder: 'hw:1,0' },
  mtc: { name: 'MIDI timecode (MTC)', field: 'MIDI input (number or name)', placeholder: '1' },
  artnet: { name: 'Art-Net timecode', field: 'UDP port', placeholder: '6454' },
  ltc: { name: 'LTC from a WAV file (rehearsal)', field: 'WAV file on the controller', placeholder: '/shows/song.wav' },
};

export function splitSource(source: string): { kind: SourceKind; rest: string } {
  const colon = source.indexOf(':');
  const kind = (colon < 0 ? source : source.slice(0, colon)) as SourceKind;
  return { kind: SOURCE_KINDS.includes(kind) ? kind : 'artnet', rest: colon < 0 ? '' : source.slice(colon + 1) };
}

export function joinSource(kind: SourceKind, rest: string): string {
  const r = rest.trim();
  return kind === 'artnet' && r === '' ? 'artnet' : `${kind}:${r}`;
}

/** Why the source cannot be used, or undefined. */
export function sourceProblem(source: string): string | undefined {
  const r = parseTimecodeSource(source);
  return r.ok ? undefined : r.error;
}
