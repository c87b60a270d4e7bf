/**
 * What the controller's `/api/shows` routes answer: shows as the store keeps
 * them, each save a revision so two designers cannot overwrite each other.
 */
import type { Show } from '../show/show';

export interface StoredShow {
  id: string;
  revision: number;
  savedAt: string;
  savedBy: string;
  show: Show;
}

export interface ShowSummary {
  id: string;
  name: string;
  revision: number;
  savedAt: string;
  savedBy: string;
  /** Set when neither the file nor its backup reads: why. Name and revision are then unknown. */
  damaged?: { reason: string };
}
