/**
 * Reading a show file: migrate, validate, fill defaults, and on failure list
 * every problem by path, so a user fixes the file in one pass.
 */
import type { z } from 'zod';
import { formatIssues, type ShowError } from './format-issues';
import { migrateShow } from './migrate';
import { checkShowReferences, type ShowSections } from './references';
import { ShowSchema, showShape, type Show } from './show';
import { formatPath } from './format-issues';

export type ParseShowResult = { ok: true; value: Show } | { ok: false; errors: ShowError[] };

const sectionNames = ['venue', 'cueLists', 'parades', 'timeline', 'brandSequences', 'transmitters'] as const;

export function parseShow(json: unknown): ParseShowResult {
  const migrated = migrateShow(json);
  if (!migrated.ok) return migrated;
  const parsed = ShowSchema.safeParse(migrated.value, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };

  const errors = formatIssues(parsed.error.issues);
  // The schema's cross checks only run on a structurally valid show; run them
  // on the sections that did parse so every error is listed at once.
  const sections: Partial<ShowSections> = {};
  for (const name of sectionNames) {
    const r = (showShape[name] as z.ZodType).safeParse(migrated.value[name]);
    if (r.success) (sections as Record<string, unknown>)[name] = r.data;
  }
  const seen = new Set(errors.map((e) => `${e.path}\n${e.message}`));
  for (const issue of checkShowReferences(sections)) {
    const e = { path: formatPath(issue.path), message: issue.message };
    if (!seen.has(`${e.path}\n${e.message}`)) errors.push(e);
  }
  return { ok: false, errors };
}

/** One line per error, for a CLI or a log. */
export function showErrorsText(errors: ShowError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n');
}
