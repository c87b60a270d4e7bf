/**
 * A number input that lets the user type freely and commits a whole, in-range
 * number on blur or Enter; an empty optional field means "not set".
 */
import { useEffect, useState } from 'react';

interface Props {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
  optional?: boolean;
  integer?: boolean;
  disabled?: boolean;
  testId?: string;
  placeholder?: string;
}

export function NumberField({ label, value, onChange, min, max, step, optional, integer = true, disabled, testId, placeholder }: Props) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    setText(value === undefined ? '' : String(value));
  }, [value]);

  const commit = () => {
    if (text.trim() === '') {
      if (optional) onChange(undefined);
      else setText(value === undefined ? '' : String(value));
      return;
    }
    let v = Number(text);
    if (!Number.isFinite(v)) {
      setText(value === undefined ? '' : String(value));
      return;
    }
    if (integer) v = Math.round(v);
    if (min !== undefined) v = Math.max(min, v);
    if (max !== undefined) v = Math.min(max, v);
    setText(String(v));
    if (v !== value) onChange(v);
  };

  return (
    <label>
      {label}
      <input
        data-testid={testId}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step ?? 1}
        disabled={disabled}
        placeholder={placeholder ?? (optional ? '—' : undefined)}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </label>
  );
}
