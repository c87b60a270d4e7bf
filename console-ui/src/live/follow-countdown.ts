/**
 * A playback's countdown to its next follow, as a desk shows it. The server
 * says "the next cue GOes by itself in N ms" as of the state it sent; the
 * console counts down from when that state was true on its own clock, so the
 * figure runs smoothly between states. A paused playback's count stands still.
 */
import type { PlaybackState } from '@crowdcue/protocol';

/** ms until the follow, or null when the playback waits for GO. */
export function followRemainingMs(p: Pick<PlaybackState, 'followInMs' | 'paused' | 'running'>, stateAtLocalMs: number, nowLocalMs: number): number | null {
  if (p.followInMs === null) return null;
  if (p.paused || !p.running) return p.followInMs;
  return Math.max(0, p.followInMs - Math.max(0, nowLocalMs - stateAtLocalMs));
}

/** "12.4 s", "1:05", or "—" when the playback waits for GO; rounded up, so it reads 0.0 only when due. */
export function countdownText(ms: number | null): string {
  if (ms === null) return '—';
  const tenths = Math.ceil(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const secs = Math.ceil(ms / 1000);
  return `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
}
