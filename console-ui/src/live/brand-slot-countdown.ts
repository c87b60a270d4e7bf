/**
 * When an upcoming brand slot plays, as the Live page says it: a countdown
 * on this console's clock (wall-clock slots) or the show clock (show-time
 * slots; standing still unless the show runs), or the cue it waits for.
 */
import type { UpcomingBrandSlot } from '@crowdcue/protocol';

/** `in 1:05`, `in 9 s`, `now`. */
export function countdownWords(ms: number): string {
  if (ms <= 0) return 'now';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `in ${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `in ${h}:${two(m)}:${two(s % 60)}` : `in ${m}:${two(s % 60)}`;
}

export function slotWhenWords(slot: UpcomingBrandSlot, nowWallMs: number, showNowMs: number): string {
  if (slot.outlook === 'playing') return 'playing now';
  const w = slot.when;
  if (w.kind === 'cue') return `on ${w.cueName}`;
  if (w.kind === 'wallClock') return countdownWords(w.atWall - nowWallMs);
  return countdownWords(w.atShowMs - showNowMs);
}
