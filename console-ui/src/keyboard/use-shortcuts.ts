/**
 * Binds the desk keys to the page while it is mounted. Every action of the
 * shortcuts table must be given (undefined = not allowed now, e.g. a view-only
 * role), so a key in the table can never silently do nothing.
 */
import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutAction } from './shortcuts';

export type ShortcutHandlers = Record<ShortcutAction, (() => void) | undefined>;

export function useShortcuts(handlers: ShortcutHandlers, enabled = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor({ key: e.key, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, repeat: e.repeat, target: e.target as HTMLElement | null });
      const run = action ? ref.current[action] : undefined;
      if (!run) return;
      // Space would also press the focused button and scroll the page; Backspace may mean "history back".
      e.preventDefault();
      run();
    };
    // A focused button fires its click on space's keyup: swallow that too.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && shortcutFor({ key: ' ', target: e.target as HTMLElement | null }) && ref.current.go) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [enabled]);
}
