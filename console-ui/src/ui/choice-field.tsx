/**
 * A labelled drop-down over a fixed list of names (effect shapes, axes, step
 * kinds), where each option shows its own name.
 */
export function ChoiceField<T extends string>({ label, testId, value, options, onChange }: { label: string; testId: string; value: T; options: readonly T[]; onChange: (v: T) => void }) {
  return (
    <label>
      {label}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
}
