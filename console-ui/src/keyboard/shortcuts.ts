/**
 * The live page's keys, as on a lighting desk: space GO, B blackout, P pause or
 * resume, Esc clears the busk selection, M jumps to the master fader. Keys never
 * act while someone types in a field, and never with Ctrl/Alt/Meta (browser keys).
 */
export type ShortcutAction = 'go' | 'blackout' | 'pause' | 'clearSelection' | 'focusMaster' | 'back';

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
  if (e.key === 'Escape') return 'clearSelection';
  if (isTyping(e.target)) return null;
  // A held key repeats; GO or blackout must fire once per press.
  if (e.repeat) return null;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return 'go';
    case 'b':
    case 'B':
      return 'blackout';
    case 'p':
    case 'P':
      return 'pause';
    case 'm':
    case 'M':
      return 'focusMaster';
    case 'Backspace':
      return 'back';
    default:
      return null;
  }
}
