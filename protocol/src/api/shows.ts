/**
 * What the controller's `/api/shows` routes answer: shows as the store keeps
 * them, each save a revision so two designers cannot overwrite each other.
 */
import type { ShowError } from '../show/format-issues';
import type { Show } from '../show/show';

/**
 * A show saved although it breaks the flash limit: it may be edited and
 * rehearsed but not loaded live until its problems are fixed.
 */
export interface ShowDraft {
  reason: 'flash-limit';
  /** Each problem by its path in the show, as the composer shows them. */
  problems: ShowError[];
}

export interface StoredShow {
  id: string;
  revision: number;
  savedAt: string;
  savedBy: string;
  show: Show;
  /** Set when the show cannot go live (it breaks the flash limit); absent = it may. */
  draft?: ShowDraft;
}

export interface ShowSummary {
  id: string;
  name: string;
  revision: number;
  savedAt: string;
  savedBy: string;
  /** Set when neither the file nor its backup reads: why. Name and revision are then unknown. */
  damaged?: { reason: string };
  /** A draft that cannot go live: how many problems, and the first in words. */
  draft?: { problems: number; first: string };
}
