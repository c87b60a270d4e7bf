/**
 * The live page's keys, as on a lighting desk. `SHORTCUTS` is the one table:
 * the key handler reads it, the console README lists it, and the live page
 * must give every action a handler (the type says so). Keys never act while
 * someone types in a field, and never with Ctrl/Alt/Meta (browser keys).
 */
export type ShortcutAction = 'go' | 'back' | 'blackout' | 'pause' | 'clearSelection' | 'focusMaster';

export interface Shortcut {
  action: ShortcutAction;
  /** `KeyboardEvent.key` values that trigger it. */
  keys: readonly string[];
  /** The key as the README and tooltips name it. */
  label: string;
  /** What it does, in the operator's words. */
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'go', keys: [' ', 'Spacebar'], label: 'Space', does: 'GO (the selected playback)' },
  { action: 'back', keys: ['Backspace'], label: 'Backspace', does: 'BACK (the selected playback)' },
  { action: 'blackout', keys: ['b', 'B'], label: 'B', does: 'blackout on/off' },
  { action: 'pause', keys: ['p', 'P'], label: 'P', does: 'pause / resume' },
  { action: 'clearSelection', keys: ['Escape'], label: 'Esc', does: 'clear the busk zone selection' },
  { action: 'focusMaster', keys: ['m', 'M'], label: 'M', does: 'focus the master fader (then arrow keys)' },
];

const BY_KEY = new Map<string, ShortcutAction>(SHORTCUTS.flatMap((s) => s.keys.map((k) => [k, s.action] as const)));

/** The parts of a KeyboardEvent the decision needs (so it is testable without a DOM). */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  repeat?: boolean;
  /** The focused element: tag name, input type, contentEditable. */
  target?: { tagName?: string; type?: string; isContentEditable?: boolean } | null;
}

const TYPING_INPUTS = new Set(['text', 'search', 'email', 'password', 'number', 'url', 'tel', 'date', 'time', 'datetime-local', '']);

/** Whether keys typed now belong to a field rather than to the desk. */
export function isTyping(target: KeyLike['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TYPING_INPUTS.has((target.type ?? '').toLowerCase());
  return false;
}

export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  // Escape also leaves a field: it only clears the selection.
  if (e.key === 'Escape') return 'clearSelection';
  if (isTyping(e.target)) return null;
  // A held key repeats; GO or blackout must fire once per press.
  if (e.repeat) return null;
  return BY_KEY.get(e.key) ?? null;
}
