/**
 * The show's validation errors for the part being edited, each with its path,
 * so every editor reports them the same way.
 */
import type { FieldError } from '../api/http';

export function FieldErrors({ errors, testId }: { errors: readonly FieldError[]; testId: string }) {
  if (errors.length === 0) return null;
  return (
    <ul className="errors" data-testid={testId}>
      {errors.map((e, i) => (
        <li key={i}>
          <code>{e.path}</code>: {e.message}
        </li>
      ))}
    </ul>
  );
}
