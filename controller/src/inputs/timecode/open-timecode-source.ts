/** Opens the timecode source a show or the command line names (`ltc:`, `alsa:`, `mtc:`, `artnet`). */
import { parseTimecodeSource, type FrameRate } from '@crowdcue/protocol';
import { AlsaSource } from './alsa-source';
import { ArtnetTimecodeSource } from './artnet-source';
import { LtcFileSource } from './ltc-file-source';
import { MtcSource } from './mtc-source';
import type { MonotonicClock, TimecodeSource } from './timecode-source';

export function openTimecodeSource(text: string, clock: MonotonicClock, rate?: FrameRate): TimecodeSource {
  const parsed = parseTimecodeSource(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const a = parsed.value;
  switch (a.kind) {
    case 'ltc':
      return new LtcFileSource({ file: a.file, clock, rate });
    case 'alsa':
      return new AlsaSource({ device: a.device, clock, rate });
    case 'mtc':
      return new MtcSource({ port: a.port, clock });
    case 'artnet':
      return new ArtnetTimecodeSource({ port: a.port, clock });
  }
}
