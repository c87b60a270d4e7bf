/**
 * Which show Compose and Venue reopen when this browser remembers none (a new
 * tablet, cleared storage): the show this account saved last, else the show
 * anyone saved last. Damaged shows are never picked.
 */
import type { ShowSummary } from '@crowdcue/protocol';

export function lastEditedShow(shows: readonly ShowSummary[], username: string | null): string | null {
  const readable = shows.filter((s) => !s.damaged && s.savedAt);
  const latest = (list: readonly ShowSummary[]) => list.reduce<ShowSummary | null>((best, s) => (!best || Date.parse(s.savedAt) > Date.parse(best.savedAt) ? s : best), null);
  const mine = username ? latest(readable.filter((s) => s.savedBy === username)) : null;
  return (mine ?? latest(readable))?.id ?? null;
}
