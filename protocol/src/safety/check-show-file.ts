/**
 * A show file as a save sees it: parsed by the show model (every field error
 * by path), then flash-checked. A show that parses but breaks the flash limit
 * is still a show, kept as a draft that cannot go live; the problems say why.
 * The controller runs this when a show is saved (in a worker for big shows),
 * so the stored show carries its draft state and the live load can refuse it.
 */
import { parseShow } from '../show/parse-show';
import type { ShowError } from '../show/format-issues';
import type { Show } from '../show/show';
import { checkShow } from './check-show';

export type CheckShowFileResult = { ok: true; value: Show; problems: ShowError[] } | { ok: false; errors: ShowError[] };

export function checkShowFile(json: unknown): CheckShowFileResult {
  const parsed = parseShow(json);
  if (!parsed.ok) return parsed;
  return { ok: true, value: parsed.value, problems: checkShow(parsed.value) };
}
