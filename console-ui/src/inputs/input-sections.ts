/**
 * The sections of the Inputs page, one per kind of input a show takes, each
 * editing its own key of the show's `inputs` with props `{ value, onChange,
 * disabled }`. A new kind of input is one line here.
 */
import { createElement, type ComponentType, type ReactNode } from 'react';
import { DeskSettings } from './desk-settings';
import { OscSettings } from './osc-settings';
import { TimecodeSettings } from './timecode-settings';

/** The show's `inputs` as the page edits it: one value per section key. */
export type InputsDraft = Record<string, unknown>;

export interface InputSectionProps<T> {
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  disabled: boolean;
  /** The show's cue lists (a timecode input picks which of them chase). */
  cueLists: ReadonlyArray<{ id: string; name: string }>;
}

export interface InputSection {
  key: string;
  title: string;
  render(value: unknown, onChange: (value: unknown) => void, disabled: boolean, cueLists: ReadonlyArray<{ id: string; name: string }>): ReactNode;
}

function section<T>(key: string, title: string, Component: ComponentType<InputSectionProps<T>>): InputSection {
  return { key, title, render: (value, onChange, disabled, cueLists) => createElement(Component, { value: value as T | undefined, onChange, disabled, cueLists }) };
}

export const INPUT_SECTIONS: readonly InputSection[] = [
  section('osc', 'OSC', OscSettings),
  section('timecode', 'Timecode', TimecodeSettings),
  section('desk', 'Lighting desk', DeskSettings),
];
