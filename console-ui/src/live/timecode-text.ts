/** Words for the timecode status panel: lock and the show's offset from timecode. */
import type { TimecodeLock } from '@crowdcue/protocol';

export const LOCK_TEXT: Record<TimecodeLock, string> = {
  locked: 'Locked',
  freewheeling: 'Freewheeling',
  lost: 'Lost · holding',
};

/** `in step`, `show 12 ms ahead`, `show 1.20 s behind`, or a dash when nothing chases. */
export function offsetText(offsetMs: number | null): string {
  if (offsetMs === null) return '—';
  const abs = Math.abs(offsetMs);
  if (abs < 1) return 'in step';
  const amount = abs < 1000 ? `${Math.round(abs)} ms` : `${(abs / 1000).toFixed(2)} s`;
  return `show ${amount} ${offsetMs > 0 ? 'ahead' : 'behind'}`;
}
