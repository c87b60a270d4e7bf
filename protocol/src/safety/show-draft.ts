/**
 * A show that breaks the flash limit is kept as a draft: it can be saved,
 * edited and rehearsed, never played live. One owner for what marks a draft
 * and for the words a refused load answers with.
 */
import type { ShowDraft } from '../api/shows';
import type { ShowError } from '../show/format-issues';

/** The draft mark a show's safety problems give it; undefined for a show that may go live. */
export function showDraftOf(problems: readonly ShowError[]): ShowDraft | undefined {
  return problems.length > 0 ? { reason: 'flash-limit', problems: [...problems] } : undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why a live load refuses a draft: the show, the rule and each problem by its path. */
export function draftRefusal(showId: string, problems: readonly ShowError[]): string {
  const listed = problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`);
  const more = problems.length > listed.length ? `; and ${problems.length - listed.length} more` : '';
  return `show '${showId}' is a draft and cannot go live: ${plural(problems.length, 'problem')} with the flash limit: ${listed.join('; ')}${more}`;
}
