/** The desk input's status as the words of its one line on the Live page. */
import type { DeskInputStatus } from '@crowdcue/protocol';

export interface DeskStatusParts {
  /** `sACN 1 @ 101` */
  link: string;
  state: DeskInputStatus['state'] | 'error';
  /** `grandMA3 · 10.0.0.5 · priority 100 · 2 sources`, or why there is none. */
  source: string;
  fps: string;
  /** `malformed: too-short 2, rate-limited 40`, or '' when none. */
  malformed: string;
}

export function deskStatusParts(s: DeskInputStatus): DeskStatusParts {
  const link = `${s.protocol === 'sacn' ? 'sACN' : 'Art-Net'} ${s.universe} @ ${s.address}`;
  const counts = Object.entries(s.malformed).filter(([, n]) => (n ?? 0) > 0);
  const src = s.source;
  return {
    link,
    state: s.error !== undefined ? 'error' : s.state,
    source:
      s.error !== undefined
        ? s.error
        : src
          ? [src.name || '(no name)', src.address, src.priority === null ? null : `priority ${src.priority}`, s.sources > 1 ? `${s.sources} sources` : null].filter(Boolean).join(' · ')
          : `no desk yet (${s.listening})`,
    fps: `${s.framesPerSec} fps`,
    malformed: counts.length > 0 ? `malformed: ${counts.map(([k, n]) => `${k} ${n}`).join(', ')}` : '',
  };
}
