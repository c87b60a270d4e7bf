/** Played, partial or not played, as a tag the brand reads at a glance. */
import type { PlayStatus } from '@crowdcue/protocol';

const WORDS: Record<PlayStatus, string> = { played: 'played', partial: 'partial', 'not-played': 'not played' };

export function PlayStatusTag({ status }: { status: PlayStatus }) {
  return (
    <span className={`tag play-status play-${status}`} data-testid="brand-report-status" data-status={status}>
      {WORDS[status]}
    </span>
  );
}
