/** A section of the Inputs page for an input this controller does not take yet. */
import type { ComponentType } from 'react';
import type { InputSectionProps } from './input-sections';

export function PlaceholderSection(text: string): ComponentType<InputSectionProps<unknown>> {
  return function Placeholder() {
    return <p className="muted pad">{text}</p>;
  };
}
