/**
 * The sections of the Inputs page, one per kind of input a show takes, each
 * editing its own key of the show's `inputs` with props `{ value, onChange,
 * disabled }`. A new kind of input is one line here.
 */
import { createElement, type ComponentType, type ReactNode } from 'react';
import { OscSettings } from './osc-settings';
import { PlaceholderSection } from './placeholder-section';

/** The show's `inputs` as the page edits it: one value per section key. */
export type InputsDraft = Record<string, unknown>;

export interface InputSectionProps<T> {
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  disabled: boolean;
}

export interface InputSection {
  key: string;
  title: string;
  render(value: unknown, onChange: (value: unknown) => void, disabled: boolean): ReactNode;
}

function section<T>(key: string, title: string, Component: ComponentType<InputSectionProps<T>>): InputSection {
  return { key, title, render: (value, onChange, disabled) => createElement(Component, { value: value as T | undefined, onChange, disabled }) };
}

export const INPUT_SECTIONS: readonly InputSection[] = [
  section('osc', 'OSC', OscSettings),
  section('timecode', 'Timecode', PlaceholderSection('Timecode (LTC, MTC, Art-Net) is set here once this controller has it.')),
  section('desk', 'Lighting desk', PlaceholderSection('sACN / Art-Net desk input is set here once this controller has it.')),
];
